package africa.cashfin.camel.leads;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.RollbackExchangeException;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.LeadQuery;
import africa.cashfin.camel.leads.api.limit.DurationText;
import africa.cashfin.camel.leads.consumer.ArrivalProfileStore;
import africa.cashfin.camel.leads.consumer.ConsumerState;
import africa.cashfin.camel.leads.consumer.ConsumerStatistics;
import africa.cashfin.camel.leads.consumer.ContextStoppingNotifier;
import africa.cashfin.camel.leads.consumer.FailedLeadBackoff;
import africa.cashfin.camel.leads.consumer.LeadOutcomes;
import africa.cashfin.camel.leads.consumer.MalformedReports;
import africa.cashfin.camel.leads.consumer.PollCadence;
import africa.cashfin.camel.leads.consumer.PollFailureLog;
import africa.cashfin.camel.leads.consumer.PollStartGate;
import africa.cashfin.camel.leads.consumer.ShareDaySpend;
import africa.cashfin.camel.leads.consumer.StateRepositoryCursorStore;
import africa.cashfin.camel.leads.metrics.LeadsMetrics;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.MalformedLead;
import africa.cashfin.camel.leads.model.MalformedLeadException;
import africa.cashfin.camel.leads.model.PoisonedLeadException;
import africa.cashfin.camel.leads.scan.FailedLead;
import africa.cashfin.camel.leads.scan.LeadEvent;
import africa.cashfin.camel.leads.scan.LeadEventType;
import africa.cashfin.camel.leads.scan.LeadScan;
import africa.cashfin.camel.leads.scan.PageRequest;
import africa.cashfin.camel.leads.scan.ScanCursor;
import africa.cashfin.camel.leads.scan.ScanRun;
import africa.cashfin.camel.leads.scan.ScanStatistics;
import africa.cashfin.camel.leads.scan.SweepRun;
import africa.cashfin.camel.leads.scan.ViewSweep;

/**
 * {@code from("cashfin-leads:list")}: each poll drives one {@link ScanRun} of the endpoint's {@link LeadScan}; the new
 * (and, with {@code emitUpdates}, updated) leads of each page read are one Camel batch, oldest first.
 * <p>
 * Exchanges are processed synchronously, one after the other. A lead is recorded as seen (idempotent repository) only
 * after its exchange completed without an exception and was not marked rollback-only; a failed lead is offered again
 * after a growing wait ({@link FailedLeadBackoff}) while the other leads flow on, and is logged in one line (repeats
 * summarised). A failing list call abandons the run (cursor unchanged) and is rethrown, so Camel's backoff,
 * {@code bridgeErrorHandler} and the consumer health check (with the HTTP status of a {@code CashfinApiException}) see
 * it; without a custom handler it is logged by {@link PollFailureLog} (one line when the state changes).
 */
@ManagedResource(description = "Managed Cashfin Leads consumer")
public class CashfinLeadsConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CashfinLeadsConsumer.class);

    private final CashfinLeadsEndpoint endpoint;
    /** The endpoint's lasting consumer state (scan, sweep, cursor store): outlives this consumer. */
    private final ConsumerState state;
    private final FailedLeadBackoff failedLeads;
    private final ConsumerStatistics statistics = new ConsumerStatistics();
    /** Where metrics go (none without a MeterRegistry); set at start. */
    private LeadsMetrics metrics = LeadsMetrics.NONE;
    /** Logs failed polls; null when the user configured an exception handler or bridgeErrorHandler. */
    private PollFailureLog pollFailures;
    /** The malformed records already reported (bounded, oldest forgotten first). */
    private final MalformedReports reportedMalformed = new MalformedReports();
    private boolean warnedUnordered;
    /** Polls in a row that ended at the scan's call bound (the list changes faster than a poll reads it). */
    private int outpacedPolls;
    /** The sweep is paused because the view outgrew a bounded seen store: warned once until it fits again. */
    private boolean warnedSweepCapacity;
    /** Leads not handed to the route in the current poll because their retry wait is not over. */
    private int deferredThisPoll;
    /** Leads whose exchange ran and failed in the current poll (the route may be down). */
    private int failedThisPoll;

    /** The run of the poll in progress (one at a time); processBatch reports outcomes to it. */
    private ScanRun currentRun;
    /** Where processBatch reports outcomes: the fast path's run or the sweep's. */
    private LeadOutcomes currentOutcomes;
    /** {@link CashfinLeadsConstants#EMITTED_BY} of the batch in progress. */
    private String currentEmittedBy = CashfinLeadsConstants.EMITTED_BY_FAST_PATH;
    /** Leads handed to the route in the current poll. */
    private int emittedThisPoll;
    /** True when the current poll had to stop before its run was done (maxMessagesPerPoll, shutdown). */
    private boolean stopRequested;
    /** Held from a lead's hand-over to the route until its outcome is recorded: a stop waits for it. */
    private final ReentrantLock leadInHand = new ReentrantLock();
    /** Set when the CamelContext begins to stop: no further lead is handed to the route. */
    private volatile boolean draining;
    /**
     * The cursor store with this consumer's leadership epoch, or null without a stateRepository: once another consumer
     * claimed a newer epoch, no lead is handed to the route (checked before each one) and no poll runs.
     */
    private StateRepositoryCursorStore fence;
    /** Drains when the CamelContext begins to stop, before any route consumer (or master: wrapper) is stopped. */
    private ContextStoppingNotifier drainOnContextStop;
    /** The adaptive cadence ({@code adaptivePolling=true}), else null: the fixed {@code delay}. */
    private final PollCadence cadence;
    /** This consumer's own calls in the server's day of its budget share (adaptive polling). */
    private final ShareDaySpend daySpend = new ShareDaySpend();
    /** Where the cadence's arrival profile is kept between runs (adaptive polling with a stateRepository), else null. */
    private ArrivalProfileStore arrivalProfiles;
    /** A poll starts only when its secret's next call is due within a second: waiting polls hold no thread. */
    private PollStartGate startGate;

    public CashfinLeadsConsumer(CashfinLeadsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.state = endpoint.consumerState();
        this.failedLeads = new FailedLeadBackoff(endpoint.getConfiguration().failedLeadBackoffPolicy());
        this.cadence = endpoint.getConfiguration().pollCadence(endpoint.getDelay());
    }

    @Override
    public CashfinLeadsEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        state.leadScan(); // fail at start on bad state options, and start the repositories
        fence = state.cursorStore();
        if (fence != null) {
            fence.claimLeadership(); // under master: this start is the node's election
        }
        metrics = endpoint.getComponent().metrics().forTenant(endpoint.getConfiguration().effectiveTenantId());
        // the route id names the tenant: its endpoint's secret is masked
        startGate = new PollStartGate(LOG, "route " + getRouteId() + " (" + endpoint + ")");
        if (endpoint.getExceptionHandler() == null && !endpoint.isBridgeErrorHandler()) {
            // Camel's default LoggingExceptionHandler logs a stack trace on every failed poll, for ever
            pollFailures = new PollFailureLog(LOG, String.valueOf(endpoint), getExceptionHandler());
            setExceptionHandler(pollFailures);
        }
        draining = false;
        drainOnContextStop = new ContextStoppingNotifier(this::drain);
        getEndpoint().getCamelContext().getManagementStrategy().addEventNotifier(drainOnContextStop);
        ServiceHelper.startService(drainOnContextStop);
        if (cadence != null) {
            arrivalProfiles = state.arrivalProfileStore();
            if (arrivalProfiles != null) {
                arrivalProfiles.restore(cadence, endpoint.toString());
            }
            // the scheduler ticks often; isPollAllowed lets a tick poll only when the cadence says it is due
            setDelay(PollCadence.tickMillis(endpoint.getConfiguration().getMinDelay()));
            LOG.info("{} polls adaptively: the calls of a fixed delay of {} a day, placed where leads arrive, between {}"
                     + " and {} apart, within its share of the day's calls", endpoint,
                     DurationText.of(Duration.ofMillis(endpoint.getDelay())),
                     DurationText.of(Duration.ofMillis(endpoint.getConfiguration().getMinDelay())),
                     DurationText.of(Duration.ofMillis(endpoint.getConfiguration().getMaxDelay())));
        }
        super.doStart();
    }

    /**
     * A graceful stop: no further lead starts (checked under the lead-in-hand lock), and the lead in hand completes
     * and is recorded before the route's processor is stopped. When the whole CamelContext stops, this already
     * happened when it began to stop ({@link ContextStoppingNotifier}), before a {@code master:} wrapper stopped the
     * processor and gave the leadership up: the next leader then finds every delivered lead's key.
     */
    @Override
    protected void doStop() throws Exception {
        try {
            drain();
            super.doStop();
            saveArrivalProfile();
        } finally {
            if (drainOnContextStop != null) {
                getEndpoint().getCamelContext().getManagementStrategy().removeEventNotifier(drainOnContextStop);
                ServiceHelper.stopService(drainOnContextStop);
                drainOnContextStop = null;
            }
        }
    }

    /** At stop: the arrival profile learnt so far, for the next start. */
    private void saveArrivalProfile() {
        if (arrivalProfiles != null) {
            arrivalProfiles.save(cadence, now());
        }
    }

    /** Lets no further lead start and waits (at most the shutdown timeout) for the lead in hand to be recorded. */
    private void drain() {
        draining = true;
        try {
            awaitLeadInHand();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitLeadInHand() throws InterruptedException {
        long timeoutMillis = Math.max(1, getEndpoint().getCamelContext().getShutdownStrategy().getTimeUnit()
                .toMillis(getEndpoint().getCamelContext().getShutdownStrategy().getTimeout()));
        if (leadInHand.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
            leadInHand.unlock();
        } else {
            LOG.warn("{} is stopping but the route still has a lead in hand after {}: stopping without waiting for it;"
                     + " unless it completes before the route's processor stops, it is offered again (by the next"
                     + " leader in a cluster)", endpoint, DurationText.of(Duration.ofMillis(timeoutMillis)));
        }
    }

    /**
     * With adaptive polling, a tick of the scheduler polls only when the cadence says the next poll is due; and a poll
     * starts only when its secret's next call is due within {@link PollStartGate#MAX_START_WAIT}, so that a consumer
     * waiting for its own spent rate limit or budget share gives its thread of the shared scheduler back. Only for
     * scheduled polls: a poll driven by hand ({@code startScheduler=false}) makes its call, waiting as long as it must.
     */
    @Override
    protected boolean isPollAllowed() {
        if (!super.isPollAllowed()) {
            return false;
        }
        Instant now = now();
        if (cadence != null && !cadence.due(now)) {
            return false;
        }
        CashfinClient client = endpoint.clientIfStarted();
        PollStartGate gate = startGate;
        // polls driven by hand (startScheduler=false) hold no scheduler thread: they wait for their call as before
        return client == null || gate == null || !isSchedulerStarted()
               || gate.allows(() -> nextCallWait(client), now);
    }

    /** How long the secret's next call of this endpoint waits: for the limiter and for its budget share. */
    private static Duration nextCallWait(CashfinClient client) {
        Duration limiter = client.getRateLimiter().waitForNextCall();
        Duration share = client.getBudgetShare().waitForNextCall();
        return limiter.compareTo(share) >= 0 ? limiter : share;
    }

    @Override
    protected int poll() throws Exception {
        long start = System.nanoTime();
        long sweepPagesBefore = statistics.sweepPages();
        ScanStatistics[] stats = new ScanStatistics[1];
        try {
            int emitted = pollOnce(stats);
            polled(stats[0], start, null);
            adapt(stats[0], sweepPagesBefore);
            return emitted;
        } catch (Exception e) {
            polled(stats[0], start, e);
            adapt(stats[0], sweepPagesBefore);
            throw e;
        }
    }

    /** Adaptive polling: tells the cadence what the poll saw and spent; one INFO line when the regime changes. */
    private void adapt(ScanStatistics stats, long sweepPagesBefore) {
        if (cadence == null) {
            return;
        }
        Instant now = now();
        int calls = (stats == null ? 0 : stats.calls()) + (int) (statistics.sweepPages() - sweepPagesBefore);
        PollCadence.DayBudget budget = daySpend.afterPoll(endpoint.shareDay(), now, calls);
        PollCadence.Regime before = cadence.polled(now, emittedThisPoll, calls, budget);
        metrics.cadence(getRouteId(), cadence.delay().toMillis(), cadence.callsLeft(), cadence.projectedSpend());
        if (before != null) {
            LOG.info("Polling of {} changes from {} to {}", endpoint, before.text(), cadence.describe());
        }
        if (arrivalProfiles != null) {
            arrivalProfiles.polled(cadence, now);
        }
    }


    private void polled(ScanStatistics stats, long start, Exception failure) {
        long nanos = System.nanoTime() - start;
        statistics.polled(stats, nanos, failure == null ? null : PollFailureLog.oneLine(failure));
        metrics.poll(getRouteId(), nanos, failure == null);
        LeadScan scan = state.scanIfCreated();
        if (scan != null) {
            statistics.retrying(scan.failedLeads(), now());
            metrics.failedLeads(getRouteId(), statistics.failedLeadsWaiting(), statistics.nextFailedLeadRetry());
        }
    }

    /** One poll; leaves the scan's figures in {@code statsOut[0]}. */
    private int pollOnce(ScanStatistics[] statsOut) throws Exception {
        if (fence != null && fence.isSuperseded()) {
            return 0; // a newer leader polls: no call, no lead, until this consumer is started (elected) again
        }
        LeadScan scan = state.leadScan();
        boolean anchoringNow = state.prepareStartFromNow(scan);
        ScanRun run = scan.start();
        currentRun = run;
        emittedThisPoll = 0;
        deferredThisPoll = 0;
        failedThisPoll = 0;
        stopRequested = false;
        currentOutcomes = LeadOutcomes.of(run);
        currentEmittedBy = CashfinLeadsConstants.EMITTED_BY_FAST_PATH;
        long firstTotal = -1;
        int createdFound = 0;
        try {
            while (!run.isDone() && !run.isOutpaced() && !stopRequested && isBatchAllowed() && !draining) {
                PageRequest request = run.nextRequest();
                LeadPage page = list(request);
                reportMalformed(page, request.page());
                if (firstTotal < 0 && page.pageInfo() != null) {
                    firstTotal = page.pageInfo().total();
                }
                List<LeadEvent> events = run.accept(page);
                for (LeadEvent event : events) {
                    createdFound += event.type() == LeadEventType.CREATED ? 1 : 0;
                }
                if (!events.isEmpty()) {
                    processBatch(new ArrayDeque<>(events));
                }
            }
            if (stopRequested || !run.isDone()) {
                boolean outpaced = run.isOutpaced();
                ScanStatistics stats = run.abandon(); // keeps the walk's checkpoint: the next poll goes on from it
                statsOut[0] = stats;
                if (outpaced) {
                    if (pollFailures != null) {
                        pollFailures.succeeded(); // its list calls worked
                    }
                    outpaced(stats);
                } else {
                    LOG.debug("Poll of {} stopped early after {} leads (maxMessagesPerPoll or shutdown); the next poll"
                              + " resumes from the same cursor: {}", endpoint, emittedThisPoll, stats);
                }
                return emittedThisPoll;
            }
            ScanStatistics stats = run.finish();
            statsOut[0] = stats;
            reportUnrecovered(run);
            if (anchoringNow) {
                state.startedFromNow();
            }
            if (pollFailures != null) {
                pollFailures.succeeded();
            }
            failedLeads.forgetStale(now(), failedLeads.policy().maxDelay().plus(
                    Duration.ofMillis(Math.max(0, 3 * getDelay()))));
            logPoll(stats);
            if (outpacedPolls > 0) {
                LOG.info("Polls of {} keep up again: this poll read the list up to its newest leads ({} list calls), after"
                         + " {} polls in a row that ended at their call bound.", endpoint, stats.calls(), outpacedPolls);
                outpacedPolls = 0;
            }
            currentRun = null;
            sweep(scan, firstTotal, createdFound, failedThisPoll > 0);
            return emittedThisPoll;
        } catch (Exception e) {
            if (currentRun == null) {
                throw e; // the sweep's list call failed: the fast path's poll is complete and saved
            }
            ScanStatistics stats = run.abandon(e); // a failing checkpoint save is added to e, never thrown over it
            statsOut[0] = stats;
            LOG.debug("Poll of {} failed after {} calls and {} leads; cursor unchanged ({}): {}", endpoint,
                      stats.calls(), emittedThisPoll, stats.cursor(), e.getMessage());
            throw e;
        } finally {
            currentRun = null;
            currentOutcomes = null;
        }
    }

    /**
     * Failed leads retried apart from the cursor whose data this consumer did not have (it restarted, or took over
     * the leadership) and that the poll did not find when it read down to them: they left the view (deleted, or no
     * longer matching the filters) while failing. One WARN line per lead names it and says what to do; it is not
     * recorded as delivered (nor handed over as poisoned: it was not given up, and its data is lost), so it loses
     * nothing: should it come back into view, the sweep emits it.
     */
    private void reportUnrecovered(ScanRun run) {
        String comesBack = state.viewSweep() != null
                ? "should it come back into the view, the sweep emits it (the JMX operation or dev-console action"
                  + " sweepNow does it at once)"
                : "should it come back into the view, only a verification scan finds it (sweepEnabled=false: remove the"
                  + " cursor entry from the stateRepository, or turn the sweep on)";
        for (FailedLead f : run.unrecoveredFailedLeads()) {
            LOG.warn("Failed lead {} of {} (created {}, {} failed attempts{}) is no longer in the view: after a restart"
                     + " or a leader change the consumer read the list down to it to get its data back and did not find"
                     + " it (deleted, or its status or source no longer matches the filters). It is no longer retried"
                     + " and not recorded as delivered: {}. If it must reach the route, make it match the filters again"
                     + " in Cashfin; if it left on purpose, nothing to do.", f.id(), endpoint, f.created(),
                     f.attempts(), f.firstFailure() == null ? "" : " since " + f.firstFailure(), comesBack);
            statistics.leadError("Failed lead " + f.id() + " left the view before it could be retried");
            failedLeads.gaveUp(f.id());
        }
    }

    private LeadPage list(PageRequest request) {
        return endpoint.getClient().list(LeadQuery.of(request.page(), request.limit(),
                                                      endpoint.getConfiguration().filter()));
    }

    /**
     * After a complete fast-path poll: reports what it saw to the sweep (evidence brings a pass forward), then reads
     * the sweep's pages for this poll, if its pace allows, and emits the leads they hold that nobody delivered.
     */
    private void sweep(LeadScan scan, long firstTotal, int createdFound, boolean leadsFailed) throws Exception {
        ViewSweep sweep = state.viewSweep();
        if (sweep == null) {
            return;
        }
        // the sweep's pace runs on the component's clock (timeSource), like the limiter and the cadence
        Instant now = now();
        String evidence = sweep.fastPathPolled(firstTotal, createdFound, now);
        if (evidence != null) {
            LOG.debug("Sweep of {} brought forward: {}", endpoint, evidence);
        }
        metrics.sweepProgress(getRouteId(), sweep.state().page(), sweep.state().lastPassEnded());
        if (leadsFailed || stopRequested || draining) {
            // a lead's exchange failed in this poll (the route may be down; a lead only waiting out its retry delay
            // does not count, or a lead failing for days would stop the sweep), or the poll must end: no sweep page now
            return;
        }
        long capacity = state.seenCapacity();
        if (capacity >= 0 && firstTotal > capacity) {
            if (!warnedSweepCapacity) {
                warnedSweepCapacity = true;
                LOG.warn("The sweep of {} is paused: the view holds {} leads but the idempotent repository keeps only"
                         + " the {} most recent keys, so the sweep would emit the forgotten leads again. Set a"
                         + " persistent idempotentRepository without such a bound (JDBC, or a FileIdempotentRepository"
                         + " with a large enough maxFileStoreSize), or narrow the view with filters; the fast path goes"
                         + " on.", endpoint, firstTotal, capacity);
            }
            return;
        }
        warnedSweepCapacity = false;
        SweepRun run = sweep.start(now, scan.cursor(), endpoint.sweepCallsPerDay());
        currentOutcomes = LeadOutcomes.of(run);
        currentEmittedBy = CashfinLeadsConstants.EMITTED_BY_SWEEP;
        while (!run.isDone() && !stopRequested && isBatchAllowed() && !draining) {
            PageRequest request = run.nextRequest();
            LeadPage page = list(request);
            List<LeadEvent> events = run.accept(page);
            if (!events.isEmpty()) {
                processBatch(new ArrayDeque<>(events));
            }
        }
        statistics.swept(run.pagesRead(), run.recoveredIds().size());
        metrics.sweep(getRouteId(), run.pagesRead(), run.recoveredIds().size());
        metrics.sweepProgress(getRouteId(), sweep.state().page(), sweep.state().lastPassEnded());
        if (!run.recoveredIds().isEmpty()) {
            LOG.info("Sweep of {} recovered {} lead(s) in the view that the fast path had not emitted (they entered the"
                     + " view by a change of status or source, became visible late, or were skipped by a page shift):"
                     + " {}", endpoint, run.recoveredIds().size(), String.join(", ", run.recoveredIds()));
        }
        if (run.passCompleted()) {
            LOG.debug("Sweep of {} read the whole view: {}", endpoint, run.state());
        }
    }

    /**
     * Emits one page's events as one Camel batch, synchronously, reporting each outcome to the current run. Leads whose
     * retry wait is not over are reported as failed without an exchange (not recorded, cursor held) and are not part of
     * the batch.
     *
     * @param  exchanges the {@link LeadEvent}s of one page, oldest first
     * @return           the number of exchanges processed
     */
    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        LeadOutcomes run = currentOutcomes;
        if (run == null) {
            throw new IllegalStateException("processBatch is only called by poll()");
        }
        Instant now = now();
        List<LeadEvent> due = new ArrayList<>(exchanges.size());
        for (Object o : exchanges) {
            LeadEvent event = (LeadEvent) o;
            if (event.attempts() > 0) {
                // failed before this consumer (re)started: go on counting from what was saved with the cursor
                failedLeads.restore(event.key(), event.attempts(), event.nextAttempt(), event.firstFailure());
            }
            if (failedLeads.isDue(event.key(), now)) {
                due.add(event);
            } else {
                run.waiting(event, failedLeads.failedSinceLastSuccess(event.key()), failedLeads.get(event.key()));
                deferredThisPoll++;
            }
        }
        int size = due.size();
        if (maxMessagesPerPoll > 0) {
            size = Math.min(size, maxMessagesPerPoll - emittedThisPoll);
        }
        int index = 0;
        while (index < size) {
            if (run.stoppedAfterFailures()) {
                // the route looks down (a page worth of failures): the rest of this page waits for a later poll
                due.subList(index, due.size()).forEach(run::notOffered);
                return index;
            }
            leadInHand.lock();
            try {
                if (!isBatchAllowed() || draining || (fence != null && fence.isSuperseded())) {
                    stopRequested = true;
                    return index;
                }
                emit(run, due.get(index), index, size);
            } finally {
                leadInHand.unlock();
            }
            index++;
            emittedThisPoll++;
        }
        pendingExchanges = 0;
        if (maxMessagesPerPoll > 0 && emittedThisPoll >= maxMessagesPerPoll) {
            stopRequested = true;
        }
        return index;
    }

    /** Hands one lead to the route, synchronously, and reports its outcome to the run (which records it). */
    private void emit(LeadOutcomes run, LeadEvent event, int index, int size) {
        Exchange exchange = createExchange(event, index, size);
        pendingExchanges = size - index - 1;
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        boolean rolledBack = exchange.isRollbackOnly() || exchange.isRollbackOnlyLast();
        if (failure == null && !rolledBack) {
            run.succeeded(event);
            statistics.emitted();
            metrics.leads(getRouteId(), LeadsMetrics.LeadOutcome.EMITTED, 1);
            FailedLeadBackoff.Failing recovered = failedLeads.succeeded(event.key());
            if (recovered != null) {
                LOG.info("Lead {} ({}) delivered after {} failed attempts since {}", event.lead().getId(),
                         event.type().headerValue(), recovered.failures(), recovered.firstFailure());
            }
        } else {
            failedThisPoll++;
            statistics.failed();
            metrics.leads(getRouteId(), LeadsMetrics.LeadOutcome.FAILED, 1);
            String error = failure != null ? PollFailureLog.oneLine(failure) : "the exchange was marked rollback-only";
            statistics.leadError("Lead " + event.lead().getId() + " failed: " + error);
            FailedLeadBackoff.Failing f = failedLeads.failed(event.key(), error, now());
            int maxAttempts = endpoint.getConfiguration().getFailedLeadMaxAttempts();
            if (maxAttempts > 0 && f.failures() >= maxAttempts) {
                poisoned(run, event, f);
            } else {
                run.failed(event, f);
                leadFailed(event, exchange, failure, f);
            }
        }
        releaseExchange(exchange, false);
    }

    /**
     * A lead failed {@code failedLeadMaxAttempts} times: give up on it. It is recorded as handled (never offered again;
     * the cursor moves past it, so polls stop re-reading down to it) and handed to the exception handler once, as a
     * {@link PoisonedLeadException} carrying the lead: the one line logged about it (Camel's default handler logs it
     * without a stack trace), or the user's handler, or with {@code bridgeErrorHandler} the route's error handler.
     */
    private void poisoned(LeadOutcomes run, LeadEvent event, FailedLeadBackoff.Failing f) {
        run.poisoned(event);
        failedLeads.gaveUp(event.key());
        statistics.poisoned();
        getExceptionHandler().handleException(new PoisonedLeadException(event.lead(), event.type().headerValue(),
                f.failures(), f.firstFailure(), f.lastError()));
    }

    /**
     * A lead's exchange failed: schedule its next attempt and log one line. The route's error handler has already seen
     * the exception (and, by default, logged it with its stack trace), so the consumer logs no second stack trace:
     * WARN on the first failure and again after 2, 4, 8... failures in a row, DEBUG otherwise. A user-configured
     * {@code exceptionHandler} also receives it.
     */
    private void leadFailed(LeadEvent event, Exchange exchange, Exception failure, FailedLeadBackoff.Failing f) {
        String error = f.lastError();
        String wait = DurationText.of(failedLeads.policy().delayAfter(f.failures()));
        if (f.failures() == 1) {
            LOG.warn("Lead {} ({}) failed: {}. Not recorded; offered again in {} at the earliest, then on a growing"
                     + " wait (up to {}); the other leads go on. Repeats are summarised.", event.lead().getId(),
                     event.type().headerValue(), error, wait, DurationText.of(failedLeads.policy().maxDelay()));
        } else if (Integer.bitCount(f.failures()) == 1) {
            LOG.warn("Lead {} ({}) still fails after {} attempts since {}: {}. Next attempt in {} at the earliest.",
                     event.lead().getId(), event.type().headerValue(), f.failures(), f.firstFailure(), error, wait);
        } else {
            LOG.debug("Lead {} ({}) failed again ({} attempts): {}. Next attempt in {} at the earliest.",
                      event.lead().getId(), event.type().headerValue(), f.failures(), error, wait);
        }
        if (endpoint.getExceptionHandler() != null && !endpoint.isBridgeErrorHandler()) {
            getExceptionHandler().handleException("Error processing lead " + event.lead().getId() + " (offered again"
                                                  + " after " + wait + ")", exchange,
                                                  failure != null ? failure : new RollbackExchangeException(
                                                          "Exchange marked rollback-only", exchange));
        }
    }

    /** Running totals: leads, polls, the last poll's figures and the last error. */
    public ConsumerStatistics getStatistics() {
        return statistics;
    }

    @ManagedAttribute(description = "Leads whose exchange completed")
    public long getLeadsEmitted() {
        return statistics.emittedCount();
    }

    @ManagedAttribute(description = "Leads whose exchange failed (each attempt counts; they are offered again)")
    public long getLeadsFailed() {
        return statistics.failedCount();
    }

    @ManagedAttribute(description = "Leads given up after failedLeadMaxAttempts failed attempts (handed to the exception"
                                    + " handler once as PoisonedLeadException)")
    public long getLeadsPoisoned() {
        return statistics.poisonedCount();
    }

    @ManagedAttribute(description = "Failed leads waiting out a retry apart from the cursor (the retry ledger), as the"
                                    + " last poll left them")
    public int getFailedLeadsWaiting() {
        return statistics.failedLeadsWaiting();
    }

    @ManagedAttribute(description = "When the next failed lead of the retry ledger may be offered again (the first poll"
                                    + " after it offers it), or null when none waits")
    public String getNextFailedLeadRetry() {
        Instant next = statistics.nextFailedLeadRetry();
        return next == null ? null : next.toString();
    }

    @ManagedAttribute(description = "Records skipped as malformed (no _id or no readable createdat)")
    public long getLeadsMalformed() {
        return statistics.malformedCount();
    }

    @ManagedAttribute(description = "Polls done (complete, stopped early or failed)")
    public long getPolls() {
        return statistics.polls();
    }

    @ManagedAttribute(description = "Polls that failed (cursor unchanged)")
    public long getPollsFailed() {
        return statistics.failedPolls();
    }

    @ManagedAttribute(description = "The tenant this consumer works for: its endpoint's tenantId option, else its"
                                    + " secret's fingerprint (secret#...)")
    public String getTenantId() {
        return endpoint.getConfiguration().effectiveTenantId();
    }

    @ManagedAttribute(description = "When the last poll ended (ISO-8601, UTC), or null before the first")
    public String getLastPollAt() {
        Instant at = statistics.lastPollAt();
        return at == null ? null : at.toString();
    }

    @ManagedAttribute(description = "Duration of the last poll in milliseconds")
    public long getLastPollDurationMillis() {
        return statistics.lastPollDuration().toMillis();
    }

    @ManagedAttribute(description = "Total time spent polling in milliseconds")
    public long getTotalPollMillis() {
        return statistics.totalPollTime().toMillis();
    }

    @ManagedAttribute(description = "List calls of the last poll")
    public int getLastPollCalls() {
        ScanStatistics last = statistics.lastPoll();
        return last == null ? 0 : last.calls();
    }

    @ManagedAttribute(description = "Pages read by the last poll")
    public int getLastPollPages() {
        ScanStatistics last = statistics.lastPoll();
        return last == null ? 0 : last.pagesRead();
    }

    @ManagedAttribute(description = "How the last poll walked the list (e.g. incremental-forward)")
    public String getLastPollStrategy() {
        ScanStatistics last = statistics.lastPoll();
        return last == null ? null : last.strategy();
    }

    @ManagedAttribute(description = "The cursor: the newest createdat (and updatedat) known to be delivered")
    public String getCursor() {
        LeadScan scan = state.scanIfCreated();
        ScanCursor cursor = scan == null ? null : scan.cursor();
        return cursor == null ? null : cursor.toString();
    }

    @ManagedAttribute(description = "Whether the sweep (the background re-read of the whole view) is on")
    public boolean isSweepEnabled() {
        return state.viewSweep() != null;
    }

    @ManagedAttribute(description = "The next page of the sweep's pass in progress (1 when no pass is in progress)")
    public int getSweepPage() {
        ViewSweep sweep = state.viewSweep();
        return sweep == null ? 0 : sweep.state().page();
    }

    @ManagedAttribute(description = "When the sweep's pass in progress started, or null")
    public String getSweepPassStarted() {
        ViewSweep sweep = state.viewSweep();
        return sweep == null || sweep.state().passStarted() == null ? null : sweep.state().passStarted().toString();
    }

    @ManagedAttribute(description = "When the last full sweep (a pass that read the whole view) ended, or null")
    public String getLastFullSweep() {
        ViewSweep sweep = state.viewSweep();
        return sweep == null || sweep.state().lastPassEnded() == null ? null : sweep.state().lastPassEnded().toString();
    }

    @ManagedAttribute(description = "Full sweeps (passes that read the whole view), saved with the sweep's position")
    public long getSweepPasses() {
        ViewSweep sweep = state.viewSweep();
        return sweep == null ? 0 : sweep.state().passes();
    }

    @ManagedAttribute(description = "Leads the sweep delivered that the fast path had not emitted (saved with the"
                                    + " sweep's position): non-zero means the server did something the fast path did"
                                    + " not expect, e.g. leads entering the view by a change of status")
    public long getLeadsRecoveredBySweep() {
        ViewSweep sweep = state.viewSweep();
        return sweep == null ? 0 : sweep.state().recovered();
    }

    @ManagedAttribute(description = "Why the latest sweep pass was brought forward (evidence seen by the fast path, or"
                                    + " sweep now), or null")
    public String getSweepLastTrigger() {
        ViewSweep sweep = state.viewSweep();
        return sweep == null ? null : sweep.lastTriggerReason();
    }

    @ManagedAttribute(description = "Pages the sweep read since this consumer was created")
    public long getSweepPagesRead() {
        return statistics.sweepPages();
    }

    @ManagedAttribute(description = "True while a sweep pass was brought forward (evidence or sweep now) and has not"
                                    + " completed")
    public boolean isSweepUrgent() {
        ViewSweep sweep = state.viewSweep();
        return sweep != null && sweep.state().urgent();
    }

    /**
     * Brings a full sweep pass forward: it starts at page 1 with the next poll and reads {@code sweepPagesPerPoll}
     * pages every poll until the bottom of the view. E.g. after restoring the idempotent repository, or after a bulk
     * change of statuses.
     *
     * @return what happens, in one line
     */
    @ManagedOperation(description = "Sweep now: re-read the whole view from page 1, sweepPagesPerPoll pages per poll,"
                                    + " and emit every lead in it that was never emitted")
    public String sweepNow() {
        ViewSweep sweep = state.viewSweep();
        if (sweep == null) {
            return "The sweep is off for " + endpoint + " (sweepEnabled=false or emitUpdates=true)";
        }
        sweep.sweepNow(now(), "sweep now");
        LOG.info("Sweep of {} requested now: the next polls re-read the whole view from page 1", endpoint);
        return "A full sweep starts with the next poll of " + endpoint;
    }

    @ManagedAttribute(description = "Whether the consumer sets its own poll cadence (adaptivePolling)")
    public boolean isAdaptivePolling() {
        return cadence != null;
    }

    @ManagedAttribute(description = "The current delay between polls in milliseconds: the adaptive cadence's, or the"
                                    + " fixed delay")
    public long getCurrentDelayMillis() {
        return cadence == null ? endpoint.getDelay() : cadence.delay().toMillis();
    }

    @ManagedAttribute(description = "Adaptive polling: why the delay is what it is (burst, plan, idle, budget,"
                                    + " spent), or fixed")
    public String getPollingRegime() {
        return cadence == null ? "fixed" : cadence.regime().text();
    }

    @ManagedAttribute(description = "Adaptive polling: when the next poll is due, or null before the first poll")
    public String getNextPollAt() {
        return cadence == null || cadence.nextPollAt() == null ? null : cadence.nextPollAt().toString();
    }

    @ManagedAttribute(description = "Adaptive polling: the calls of this endpoint's share left in the server's day"
                                    + " after the last poll; -1 without a daily limit or without adaptive polling")
    public long getCallsLeftToday() {
        return cadence == null ? -1 : cadence.callsLeft();
    }

    @ManagedAttribute(description = "Adaptive polling: the calls projected to be spent from the last poll to the end of"
                                    + " the server's day at the current cadence; -1 without a daily limit or without"
                                    + " adaptive polling")
    public long getProjectedCallsToday() {
        return cadence == null ? -1 : cadence.projectedSpend();
    }

    @ManagedAttribute(description = "The last failure of a poll or a lead, in one line (never a secret)")
    public String getLastLeadsError() {
        return statistics.lastError();
    }

    private Exchange createExchange(LeadEvent event, int index, int size) {
        Exchange exchange = createExchange(false);
        Lead lead = event.lead();
        Message in = exchange.getIn();
        in.setBody(lead);
        in.setHeader(CashfinLeadsConstants.LEAD_ID, lead.getId());
        in.setHeader(CashfinLeadsConstants.CREATED_AT, lead.getCreatedat());
        in.setHeader(CashfinLeadsConstants.UPDATED_AT, lead.getUpdatedat());
        in.setHeader(CashfinLeadsConstants.EVENT_TYPE, event.type().headerValue());
        in.setHeader(CashfinLeadsConstants.EMITTED_BY, currentEmittedBy);
        exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
        exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, size);
        exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == size - 1);
        return exchange;
    }

    /**
     * Hands each record the scan cannot track to the exception handler, with its JSON, once per consumer (the scan
     * skips it; it would be read again on every poll that reads its page).
     */
    private void reportMalformed(LeadPage page, int pageNumber) {
        for (MalformedLead record : page.malformed()) {
            if (reportedMalformed.firstReport(record.json())) {
                statistics.malformed(1);
                metrics.leads(getRouteId(), LeadsMetrics.LeadOutcome.MALFORMED, 1);
                getExceptionHandler().handleException(new MalformedLeadException(record, pageNumber));
            }
        }
    }

    /**
     * A poll ended at the scan's call bound ({@code 4 x pages + 50} list calls, {@code pages} the list's size when the
     * poll started): leads arrive faster than a poll reads them. An expected state, not a failure (the route and the
     * API work): one WARN when polls start to end so, DEBUG while they go on, one INFO when a poll reads up to the
     * newest leads again.
     */
    private void outpaced(ScanStatistics stats) {
        outpacedPolls++;
        if (outpacedPolls == 1) {
            LOG.warn("Polls of {} cannot keep up: leads arrive faster than a poll reads the list, and this poll ended after"
                     + " {} list calls (its bound, set by the list's size when it started) with {} leads emitted. Each poll"
                     + " goes on from the point the last one reached; nothing is lost. A larger limit (now {}) reads more"
                     + " leads per call. Logged again when a poll reads up to the newest leads.", endpoint, stats.calls(),
                     emittedThisPoll, endpoint.getConfiguration().getLimit());
        } else {
            LOG.debug("Poll of {} ended at its call bound again ({} in a row): {} list calls, {} leads emitted: {}",
                      endpoint, outpacedPolls, stats.calls(), emittedThisPoll, stats);
        }
    }

    private void logPoll(ScanStatistics stats) {
        if (stats.unordered() && !warnedUnordered) {
            warnedUnordered = true;
            LOG.warn("The lead list of {} is neither newest- nor oldest-first by createdat: every poll reads every page"
                     + " (cost: one call per page per poll). Increase the poll delay or narrow the filters.", endpoint);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Poll of {}: pages read={}, calls={}, leads emitted={} (succeeded={}, failed={} of which {} waiting"
                      + " to be retried, recorded without emitting={}), order={}, strategy={}, cursor={}", endpoint,
                      stats.pagesRead(), stats.calls(), stats.emitted(), stats.succeeded(), stats.failed(),
                      deferredThisPoll, stats.markedSeen(), stats.order(), stats.strategy(), stats.cursor());
        }
    }

    /** The component's clock ({@code timeSource}): the cadence, the sweep's pace and the failed leads' backoff. */
    private Instant now() {
        return endpoint.getComponent().timeSource().now();
    }
}
