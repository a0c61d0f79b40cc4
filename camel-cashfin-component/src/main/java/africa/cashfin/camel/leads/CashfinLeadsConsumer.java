package africa.cashfin.camel.leads;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.api.LeadQuery;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.scan.LeadEvent;
import africa.cashfin.camel.leads.scan.LeadScan;
import africa.cashfin.camel.leads.scan.PageRequest;
import africa.cashfin.camel.leads.scan.ScanRun;
import africa.cashfin.camel.leads.scan.ScanStatistics;

/**
 * {@code from("cashfin-leads:list")}: each poll drives one {@link ScanRun} of the endpoint's {@link LeadScan}; the new
 * (and, with {@code emitUpdates}, updated) leads of each page read are one Camel batch, oldest first.
 * <p>
 * Exchanges are processed synchronously, one after the other. A lead is recorded as seen (idempotent repository) only
 * after its exchange completed without an exception; a failed lead is offered again by the next poll. A failing list
 * call abandons the run (cursor unchanged) and is rethrown, so Camel's backoff, {@code bridgeErrorHandler} and the
 * consumer health check (with the HTTP status of a {@code CashfinApiException}) see it.
 */
public class CashfinLeadsConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CashfinLeadsConsumer.class);

    private final CashfinLeadsEndpoint endpoint;
    private boolean warnedUnordered;

    /** The run of the poll in progress (one at a time); processBatch reports outcomes to it. */
    private ScanRun currentRun;
    /** Leads handed to the route in the current poll. */
    private int emittedThisPoll;
    /** True when the current poll had to stop before its run was done (maxMessagesPerPoll, shutdown). */
    private boolean stopRequested;

    public CashfinLeadsConsumer(CashfinLeadsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    public CashfinLeadsEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        endpoint.leadScan(); // fail at start on bad state options, and start the repositories
        super.doStart();
    }

    @Override
    protected int poll() throws Exception {
        LeadScan scan = endpoint.leadScan();
        CashfinLeadsConfiguration config = endpoint.getConfiguration();
        ScanRun run = scan.start();
        currentRun = run;
        emittedThisPoll = 0;
        stopRequested = false;
        try {
            while (!run.isDone() && !stopRequested && isBatchAllowed()) {
                PageRequest request = run.nextRequest();
                LeadPage page = endpoint.getClient().list(new LeadQuery(request.page(), request.limit(),
                        config.getSearch(), config.getStatus(), config.getSource()));
                List<LeadEvent> events = run.accept(page);
                if (!events.isEmpty()) {
                    processBatch(new ArrayDeque<>(events));
                }
            }
            if (stopRequested || !run.isDone()) {
                ScanStatistics stats = run.abandon();
                LOG.debug("Poll of {} stopped early after {} leads (maxMessagesPerPoll or shutdown); the next poll"
                          + " resumes from the same cursor: {}", endpoint, emittedThisPoll, stats);
                return emittedThisPoll;
            }
            ScanStatistics stats = run.finish();
            logPoll(stats);
            return emittedThisPoll;
        } catch (Exception e) {
            ScanStatistics stats = run.abandon();
            LOG.debug("Poll of {} failed after {} calls and {} leads; cursor unchanged ({}): {}", endpoint,
                      stats.calls(), emittedThisPoll, stats.cursor(), e.getMessage());
            throw e;
        } finally {
            currentRun = null;
        }
    }

    /**
     * Emits one page's events as one Camel batch, synchronously, reporting each outcome to the current run.
     *
     * @param  exchanges the {@link LeadEvent}s of one page, oldest first
     * @return           the number of exchanges processed
     */
    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        ScanRun run = currentRun;
        if (run == null) {
            throw new IllegalStateException("processBatch is only called by poll()");
        }
        int size = exchanges.size();
        if (maxMessagesPerPoll > 0) {
            size = Math.min(size, maxMessagesPerPoll - emittedThisPoll);
        }
        int index = 0;
        while (index < size && !exchanges.isEmpty()) {
            if (!isBatchAllowed()) {
                stopRequested = true;
                return index;
            }
            LeadEvent event = (LeadEvent) exchanges.poll();
            Exchange exchange = createExchange(event, index, size);
            pendingExchanges = size - index - 1;
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            Exception failure = exchange.getException();
            if (failure == null) {
                run.succeeded(event);
            } else {
                run.failed(event);
                getExceptionHandler().handleException("Error processing lead " + event.lead().getId()
                                                      + " (offered again on the next poll)", exchange, failure);
            }
            releaseExchange(exchange, false);
            index++;
            emittedThisPoll++;
        }
        pendingExchanges = 0;
        if (maxMessagesPerPoll > 0 && emittedThisPoll >= maxMessagesPerPoll) {
            stopRequested = true;
        }
        return index;
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
        exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
        exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, size);
        exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == size - 1);
        return exchange;
    }

    private void logPoll(ScanStatistics stats) {
        if (stats.unordered() && !warnedUnordered) {
            warnedUnordered = true;
            LOG.warn("The lead list of {} is neither newest- nor oldest-first by createdat: every poll reads every page"
                     + " (cost: one call per page per poll). Increase the poll delay or narrow the filters.", endpoint);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Poll of {}: pages read={}, calls={}, leads emitted={} (succeeded={}, failed={}, recorded without"
                      + " emitting={}), order={}, strategy={}, cursor={}", endpoint, stats.pagesRead(), stats.calls(),
                      stats.emitted(), stats.succeeded(), stats.failed(), stats.markedSeen(), stats.order(),
                      stats.strategy(), stats.cursor());
        }
    }
}
