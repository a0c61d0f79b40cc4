package africa.cashfin.camel.leads;

import java.util.Map;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;

import africa.cashfin.camel.leads.api.CallOutcome;
import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.limit.RateWindow;
import africa.cashfin.camel.leads.consumer.ConsumerState;
import africa.cashfin.camel.leads.consumer.ShareDay;

/**
 * Create and list leads in the Cashfin CRM through the Cashfin Business API; as a consumer ({@code from}), emit every
 * new (and optionally updated) lead once.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "cashfin-leads", title = "Cashfin Leads",
             syntax = "cashfin-leads:operation", category = { Category.SAAS, Category.API },
             headersClass = CashfinLeadsConstants.class)
@ManagedResource(description = "Managed Cashfin Leads endpoint")
public class CashfinLeadsEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriParam
    private final CashfinLeadsConfiguration configuration;

    private volatile CashfinClient client;

    /**
     * The consumer's lasting state (scan, cursor, sweep, default seen store), created with the first consumer and kept
     * for the endpoint object's lifetime: across consumer restarts (route stop/start) and endpoint stop/start, which is
     * what a cluster leadership change under {@code master:} does.
     */
    private ConsumerState consumerState;

    /**
     * Default poll delay: 5 minutes. An idle poll costs one list call, so this is 288 calls a day, under a third of
     * the Free plan's 1,000 daily calls (shared with creates); see docs/component.md, "Budget".
     */
    public static final long DEFAULT_POLL_DELAY = 300_000;

    /**
     * Re-declared only to document this component's default poll delay; the value lives in the superclass.
     */
    @UriParam(label = "consumer,scheduler", defaultValue = "300000", javaType = "java.time.Duration",
              description = "Milliseconds (or a duration such as `5m`) between the end of one poll and the start of"
                            + " the next. Default 5 minutes: an idle poll costs one list call, so 288 calls a day, under a"
                            + " third of the Free plan's 1,000 daily calls (shared with creates).")
    private long delay = DEFAULT_POLL_DELAY;

    /** Default {@code backoffErrorThreshold}: back off after 3 failed polls in a row. */
    public static final int DEFAULT_BACKOFF_ERROR_THRESHOLD = 3;
    /** Default {@code backoffMultiplier}: then skip 5 polls between two attempts (one poll per 30 min at 5 min). */
    public static final int DEFAULT_BACKOFF_MULTIPLIER = 5;

    /** Re-declared only to document this component's default; the value lives in the superclass. */
    @UriParam(label = "consumer,scheduler", defaultValue = "3",
              description = "Failed polls in a row after which `backoffMultiplier` applies. Default 3: an error that"
                            + " repeats (a wrong secret, an outage) stops costing a call per poll.")
    private int backoffErrorThreshold = DEFAULT_BACKOFF_ERROR_THRESHOLD;

    /** Re-declared only to document this component's default; the value lives in the superclass. */
    @UriParam(label = "consumer,scheduler", defaultValue = "5",
              description = "After `backoffErrorThreshold` failed polls (or `backoffIdleThreshold` idle ones) in a row,"
                            + " skip this many polls before trying again. Default 5: with the default delay, one attempt"
                            + " every 30 minutes while polls keep failing. 0 turns the backoff off.")
    private int backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;

    public CashfinLeadsEndpoint(String uri, CashfinLeadsComponent component, CashfinLeadsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        super.setDelay(DEFAULT_POLL_DELAY);
        super.setBackoffErrorThreshold(DEFAULT_BACKOFF_ERROR_THRESHOLD);
        super.setBackoffMultiplier(DEFAULT_BACKOFF_MULTIPLIER);
    }

    @Override
    public int getBackoffErrorThreshold() {
        return super.getBackoffErrorThreshold();
    }

    /** Failed polls in a row before the backoff applies (default 3). */
    @Override
    public void setBackoffErrorThreshold(int backoffErrorThreshold) {
        this.backoffErrorThreshold = backoffErrorThreshold;
        super.setBackoffErrorThreshold(backoffErrorThreshold);
    }

    @Override
    public int getBackoffMultiplier() {
        return super.getBackoffMultiplier();
    }

    /** Polls skipped between two attempts while backing off (default 5). */
    @Override
    public void setBackoffMultiplier(int backoffMultiplier) {
        this.backoffMultiplier = backoffMultiplier;
        super.setBackoffMultiplier(backoffMultiplier);
    }

    @Override
    public long getDefaultDelay() {
        return DEFAULT_POLL_DELAY;
    }

    @Override
    public long getDelay() {
        return super.getDelay();
    }

    /** Milliseconds between polls (default 5 minutes). */
    @Override
    public void setDelay(long delay) {
        this.delay = delay;
        super.setDelay(delay);
    }

    @Override
    public CashfinLeadsComponent getComponent() {
        return (CashfinLeadsComponent) super.getComponent();
    }

    /** This endpoint's options. */
    public CashfinLeadsConfiguration getConfiguration() {
        return configuration;
    }

    /** The shared API client; available while the endpoint is started. */
    public CashfinClient getClient() {
        CashfinClient c = client;
        if (c == null) {
            throw new IllegalStateException("Endpoint " + this + " is not started");
        }
        return c;
    }

    /**
     * The calls of the day this endpoint may spend, for the sweep's pace: the plan's (or {@code maxRequestsPerDay}'s)
     * day budget times its budget share (its {@code budgetReserve}, else the pool's fraction). Without a daily limit
     * (plan {@code unlimited}), its idle polls a day ({@code 86,400 s / delay}).
     */
    double sweepCallsPerDay() {
        java.util.OptionalDouble day = configuration.rateLimits().budget(RateWindow.DAY);
        if (day.isEmpty()) {
            return 86_400_000.0 / Math.max(1, getDelay());
        }
        CashfinClient c = client;
        double share = 1;
        if (c != null) {
            share = c.getBudgetShare().reserve() > 0 ? c.getBudgetShare().reserve() : c.getBudgetShare().pool();
        }
        return day.getAsDouble() * share;
    }

    /**
     * The day of this endpoint's budget share, for adaptive polling, or null when the day is not limited (plan
     * {@code unlimited} without {@code maxRequestsPerDay}) or the endpoint is not started.
     */
    ShareDay shareDay() {
        CashfinClient c = client;
        if (c == null) {
            return null;
        }
        var limiter = c.getRateLimiter();
        var ends = limiter.dayEnds();
        if (ends.isEmpty()) {
            return null;
        }
        return new ShareDay(sweepCallsPerDay(), ends.get(), limiter.dayCallsLeft().orElse(-1));
    }

    private long calls(CallOutcome outcome) {
        CashfinClient c = client;
        return c == null ? 0 : c.getStatistics().calls(outcome);
    }

    @ManagedAttribute(description = "HTTP calls answered 2xx, by this endpoint's client (shared by the endpoints with"
                                    + " the same base URL, secret and connection options)")
    public long getCallsSucceeded() {
        return calls(CallOutcome.SUCCESS);
    }

    @ManagedAttribute(description = "HTTP calls answered 3xx or 4xx other than 429, by this endpoint's client")
    public long getCallsClientError() {
        return calls(CallOutcome.CLIENT_ERROR) + calls(CallOutcome.REDIRECT);
    }

    @ManagedAttribute(description = "HTTP calls answered 429 Too Many Requests, by this endpoint's client")
    public long getCallsRateLimited() {
        return calls(CallOutcome.RATE_LIMITED);
    }

    @ManagedAttribute(description = "HTTP calls answered 5xx, by this endpoint's client")
    public long getCallsServerError() {
        return calls(CallOutcome.SERVER_ERROR);
    }

    @ManagedAttribute(description = "HTTP calls without a complete answer (connect failure, timeout, reset), by this"
                                    + " endpoint's client")
    public long getCallsTransportFailed() {
        return calls(CallOutcome.TRANSPORT);
    }

    @ManagedAttribute(description = "Time calls of this endpoint's client waited for the rate limiter, milliseconds")
    public long getLimiterWaitMillis() {
        CashfinClient c = client;
        return c == null ? 0 : c.getStatistics().limiterWaitMillis();
    }

    @ManagedAttribute(description = "The last failed call of this endpoint's client, in one line (never a secret)")
    public String getLastCallError() {
        CashfinClient c = client;
        return c == null ? null : c.getStatistics().lastError();
    }

    @ManagedAttribute(description = "The tenant this endpoint works for: its tenantId option, else its secret's"
                                    + " fingerprint (secret#...)")
    public String getTenantId() {
        return configuration.effectiveTenantId();
    }

    @ManagedAttribute(description = "Calls of this endpoint's secret in the server's day so far, from its rate limiter"
                                    + " (every endpoint of the secret spends from it); -1 without a daily limit or"
                                    + " before the endpoint started")
    public long getCallsToday() {
        CashfinClient c = clientIfStarted();
        return c == null ? -1 : c.getRateLimiter().dayCallsUsed().orElse(-1);
    }

    @ManagedAttribute(description = "The fraction of the secret's call budget reserved for this endpoint"
                                    + " (budgetReserve); 0 when it draws on the pool only")
    public double getBudgetReserve() {
        return configuration.getBudgetReserve();
    }

    @ManagedAttribute(description = "This endpoint's budget share: its name and reserve, the pool's fraction, and"
                                    + " whether its calls wait for it (available, waiting for its pace, its calls of"
                                    + " the day are spent)")
    public String getBudgetShareState() {
        CashfinClient c = client;
        if (c == null) {
            return null;
        }
        var share = c.getBudgetShare();
        return (share.name() == null ? "pool only" : "'" + share.name() + "' reserve " + share.reserve())
               + ", pool " + String.format(java.util.Locale.ROOT, "%.3f", share.pool()) + ": " + share.state();
    }

    /** The shared API client while the endpoint is started, else null. */
    public CashfinClient clientIfStarted() {
        return client;
    }

    @Override
    public Producer createProducer() {
        return new CashfinLeadsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.getOperation() != CashfinLeadsOperation.list) {
            throw new IllegalArgumentException("cashfin-leads:" + configuration.getOperation() + " cannot be consumed"
                                               + " from: use from(\"cashfin-leads:list\") to receive new leads");
        }
        configuration.validateConsumer(getDelay());
        CashfinLeadsConsumer consumer = new CashfinLeadsConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        configureConsumer(consumer);
        Object scheduler = getScheduler();
        if (consumer.getScheduledExecutorService() == null && consumer.getScheduler() == null
            && (scheduler == null || "none".equals(scheduler))) {
            // one bounded pool for every consumer of the component instead of a thread each (issue 24)
            consumer.setScheduledExecutorService(getComponent().sharedScheduler());
        }
        return consumer;
    }

    /**
     * The consumer's lasting state, created with the first consumer from this endpoint's options and kept for the
     * endpoint object's lifetime, so an in-memory cursor survives a route restart and an endpoint stop/start (a
     * leadership change under {@code master:}).
     */
    synchronized ConsumerState consumerState() {
        if (consumerState == null) {
            consumerState = new ConsumerState(configuration.consumerStateOptions(), toString());
        }
        return consumerState;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (client == null) {
            client = getComponent().acquireClient(configuration);
        }
    }

    @Override
    protected void doStop() throws Exception {
        // the consumer's state (scan, default seen store) stays: a leadership change under master: stops and starts this endpoint,
        // and the regained leader must go on from its cursor, not start over
        CashfinClient c = client;
        client = null;
        if (c != null) {
            getComponent().releaseClient(c);
        }
        super.doStop();
    }

    @Override
    public String getServiceUrl() {
        return configuration.effectiveBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "rest";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("operation", String.valueOf(configuration.getOperation()));
    }
}
