package africa.cashfin.camel.leads;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLContext;

import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.builder.ThreadPoolProfileBuilder;

import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.CashfinClientRegistry;
import africa.cashfin.camel.leads.api.CashfinClientSettings;
import africa.cashfin.camel.leads.api.CallListener;
import africa.cashfin.camel.leads.api.limit.BudgetShareRegistry;
import africa.cashfin.camel.leads.api.limit.CallRateLimiterRegistry;
import africa.cashfin.camel.leads.api.limit.SecretFingerprint;
import africa.cashfin.camel.leads.api.limit.TimeSource;
import africa.cashfin.camel.leads.console.TenantFigures;
import africa.cashfin.camel.leads.metrics.LeadsMetrics;

/**
 * The {@code cashfin-leads} component: creates and lists Cashfin leads.
 * <p>
 * Holds the default options of every endpoint (so the secret is set once, e.g.
 * {@code camel.component.cashfin-leads.client-secret}) and owns the HTTP clients: one pooled client per base URL,
 * secret and connection options, shared by the endpoints that use them and closed when the component stops.
 * <p>
 * Owns the poll scheduler its consumers share ({@link #sharedScheduler()}, {@code schedulerPoolSize} threads, created
 * with the first consumer and shut down when the component stops), unless an endpoint sets Camel's own
 * {@code scheduledExecutorService} or {@code scheduler}.
 * <p>
 * Health: the consumer check (Camel's, for scheduled polling consumers) and a producer check per producer
 * ({@link africa.cashfin.camel.leads.health.CashfinLeadsProducerHealthCheck}), switched with
 * {@code healthCheckConsumerEnabled} / {@code healthCheckProducerEnabled}.
 * <p>
 * JMX: the totals of every endpoint of the context (calls today, leads emitted, failures, last poll) and one tenant's
 * figures ({@link TenantFigures}); each endpoint's own are on its MBean, with its {@code TenantId}.
 */
@Component("cashfin-leads")
@ManagedResource(description = "Cashfin Leads component: the totals of its endpoints and the figures per tenant")
public class CashfinLeadsComponent extends HealthCheckComponent {

    @Metadata(description = "Default options for every endpoint of this component; each endpoint may override them.")
    private CashfinLeadsConfiguration configuration = new CashfinLeadsConfiguration();

    @Metadata(label = "advanced",
              description = "The clock of the rate limiter, the budget shares and the consumers' adaptive cadence."
                            + " Default: the system clock. A virtual clock makes a simulated day run in seconds (the"
                            + " simulated-day benchmark); its sleep must move it forward. Set before the first endpoint"
                            + " starts; with it the component's limiters are its own, not shared with other components"
                            + " of the JVM.")
    private TimeSource timeSource;

    /**
     * Default {@code schedulerPoolSize}: an idle poll is one list call, so 16 threads keep up with 16 / (call latency)
     * polls a second, e.g. 5,000 tenants polling every 5 minutes (17 polls/s) at up to 0.9 s a call, or 500 tenants
     * every 5 s (100 polls/s) at up to 160 ms a call.
     */
    public static final int DEFAULT_SCHEDULER_POOL_SIZE = 16;

    @Metadata(label = "consumer,advanced", defaultValue = "" + DEFAULT_SCHEDULER_POOL_SIZE,
              description = "The threads of the poll scheduler that every consumer of this component shares (one pool"
                            + " for all its routes, instead of a thread per consumer), unless the endpoint sets Camel's"
                            + " scheduledExecutorService or scheduler. An idle poll holds a thread for one list call:"
                            + " give at least tenants / delay (s) x call latency (s) threads, e.g. 50 for 5,000 routes"
                            + " polling every 5 s at 50 ms a call. Default 16: 5,000 routes at the default delay of 5"
                            + " minutes with calls of up to 0.9 s. A poll whose secret's next call is more than 1 s away"
                            + " (its rate limit or budget share is spent) does not start and holds no thread; see"
                            + " docs/component.md, Many routes in one JVM.")
    private int schedulerPoolSize = DEFAULT_SCHEDULER_POOL_SIZE;

    /** The consumers' shared poll scheduler, created with the first consumer that uses it. */
    private ScheduledExecutorService sharedScheduler;

    private final CashfinClientRegistry clients = new CashfinClientRegistry(this::newClient);
    /** The limiters and shares of a component with its own {@link #timeSource}; null: the JVM's shared ones. */
    private CallRateLimiterRegistry ownLimiters;
    private BudgetShareRegistry ownShares;
    /** Where metrics go; looked up in Camel's registry on first use after start. */
    private volatile LeadsMetrics metrics;
    private final Map<SSLContextParameters, SSLContext> sslContexts = new IdentityHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        // Camel's own unknown-option error would quote the value of a misspelt secret option; ours names it only
        // (the endpoint URI that Camel puts in front of it is the user's, see docs/component.md#secrets)
        SecretOptions.checkNames(parameters.keySet(), "endpoint " + remaining);
        String shownUri = UnsetOptionalOptions.drop(getCamelContext(), uri, parameters);
        CashfinLeadsConfiguration config = configuration.copy();
        config.setOperation(CashfinLeadsOperation.fromPath(remaining));
        CashfinLeadsEndpoint endpoint = new CashfinLeadsEndpoint(shownUri, this, config);
        setProperties(endpoint, parameters);
        config.validate();
        return endpoint;
    }

    @Override
    protected void doInit() throws Exception {
        // before Camel Main binds camel.component.cashfin-leads.* (whose binding error would print a misspelt
        // secret option's value)
        SecretOptions.checkComponentProperties(getCamelContext(), "cashfin-leads");
        super.doInit();
    }

    /** The default options of every endpoint. */
    public CashfinLeadsConfiguration getConfiguration() {
        return configuration;
    }

    /** Default options of every endpoint. */
    public void setConfiguration(CashfinLeadsConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getSchedulerPoolSize() {
        return schedulerPoolSize;
    }

    /** The threads of the consumers' shared poll scheduler (default 16). */
    public void setSchedulerPoolSize(int schedulerPoolSize) {
        if (schedulerPoolSize < 1) {
            throw new IllegalArgumentException("schedulerPoolSize must be 1 or more, got " + schedulerPoolSize);
        }
        this.schedulerPoolSize = schedulerPoolSize;
    }

    /**
     * The poll scheduler every consumer of this component shares unless its endpoint sets Camel's
     * {@code scheduledExecutorService} or {@code scheduler}: {@code schedulerPoolSize} threads named
     * {@code CashfinLeadsPoll} (Camel's ExecutorServiceManager, thread-pool profile {@code cashfin-leads-poll}),
     * created on first use, shut down when the component stops.
     */
    synchronized ScheduledExecutorService sharedScheduler() {
        if (sharedScheduler == null || sharedScheduler.isShutdown()) {
            // every consumer keeps one task scheduled: no queue limit (Camel's default of 1,000 would refuse the
            // 1,001st route)
            ThreadPoolProfile profile = new ThreadPoolProfileBuilder("cashfin-leads-poll")
                    .poolSize(schedulerPoolSize).maxPoolSize(schedulerPoolSize).maxQueueSize(-1).build();
            sharedScheduler = getCamelContext().getExecutorServiceManager()
                    .newScheduledThreadPool(this, "CashfinLeadsPoll", profile);
        }
        return sharedScheduler;
    }

    /** The shared clients of this component. */
    public CashfinClientRegistry getClientRegistry() {
        return clients;
    }

    /** The shared client for {@code config}; give it back with {@link #releaseClient}. */
    CashfinClient acquireClient(CashfinLeadsConfiguration config) throws Exception {
        return clients.acquire(settingsOf(config));
    }

    /**
     * The clock of the limiters, shares, adaptive cadence and sweep pace: {@link #getTimeSource()}, else the system
     * clock.
     */
    public TimeSource timeSource() {
        TimeSource t = timeSource;
        return t == null ? TimeSource.system() : t;
    }

    public TimeSource getTimeSource() {
        return timeSource;
    }

    /** The clock of the limiters, shares and adaptive cadence (default: the system clock). */
    public void setTimeSource(TimeSource timeSource) {
        this.timeSource = timeSource;
    }

    /**
     * A new client whose calls and limiter waits are also recorded as metrics, when there are metrics: the metrics'
     * listener hears every call of the client from its first.
     */
    private CashfinClient newClient(CashfinClientSettings settings) {
        CashfinClient client;
        synchronized (this) {
            if (timeSource != null && ownLimiters == null) {
                ownLimiters = new CallRateLimiterRegistry(timeSource);
                ownShares = new BudgetShareRegistry(timeSource);
            }
            client = ownLimiters == null ? new CashfinClient(settings)
                    : new CashfinClient(settings, ownLimiters, ownShares);
        }
        CallListener listener = metrics().forTenant(settings.getTenant())
                .callListener(SecretFingerprint.of(settings.getClientSecret()).toString());
        if (listener != null) {
            client.addCallListener(listener);
        }
        return client;
    }

    /**
     * The metrics of this component: every {@link LeadsMetrics} bean bound in Camel's registry, and Micrometer when a
     * {@code MeterRegistry} is bound there and Micrometer is on the classpath; else none ({@link LeadsMetrics#of}).
     */
    public LeadsMetrics metrics() {
        LeadsMetrics m = metrics;
        if (m == null) {
            m = LeadsMetrics.of(getCamelContext());
            metrics = m;
        }
        return m;
    }

    @ManagedAttribute(description = "The tenants of this context's endpoints (tenantId, else the secret's fingerprint)")
    public int getTenants() {
        return TenantFigures.of(getCamelContext()).tenantIds().size();
    }

    @ManagedAttribute(description = "Calls of the server's day so far, of every secret of this context's endpoints"
                                    + " (each secret once, from its rate limiter); -1 when none has a daily limit")
    public long getTotalCallsToday() {
        return TenantFigures.of(getCamelContext()).totals().callsToday();
    }

    @ManagedAttribute(description = "Leads whose exchange completed, all consumers of this context")
    public long getTotalLeadsEmitted() {
        return TenantFigures.of(getCamelContext()).totals().leadsEmitted();
    }

    @ManagedAttribute(description = "Failed polls and failed lead exchanges, all consumers of this context")
    public long getTotalFailures() {
        return TenantFigures.of(getCamelContext()).totals().failures();
    }

    @ManagedAttribute(description = "When the latest poll of any consumer of this context ended, or null")
    public String getLastPollAt() {
        java.time.Instant at = TenantFigures.of(getCamelContext()).totals().lastPoll();
        return at == null ? null : at.toString();
    }

    @ManagedOperation(description = "One tenant's figures in one line: calls today (since start, failed), last poll,"
                                    + " leads emitted, failures")
    public String tenantFigures(String tenantId) {
        TenantFigures.Figures f = TenantFigures.of(getCamelContext()).tenant(tenantId);
        return f == null ? "No endpoint works for tenant '" + tenantId + "': give a tenantId (or secret#...) that the"
                           + " endpoints' TenantId attribute shows" : f.toString();
    }

    void releaseClient(CashfinClient client) {
        clients.release(client);
    }

    /** The client settings an endpoint configuration stands for. */
    CashfinClientSettings settingsOf(CashfinLeadsConfiguration config) throws Exception {
        return CashfinClientSettings.builder()
                .baseUrl(config.effectiveBaseUrl())
                .clientSecret(config.getClientSecret())
                .connectTimeout(Duration.ofMillis(config.getConnectTimeout()))
                .responseTimeout(Duration.ofMillis(config.getResponseTimeout()))
                .maxConnections(config.getMaxConnections())
                .sslContext(sslContextOf(config.getSslContextParameters()))
                .rateLimits(config.rateLimits())
                .rateLimitStore(config.getRateLimitStore())
                .budgetShare(config.effectiveBudgetShare(), config.getBudgetReserve())
                .rateLimitLog(config.getRateLimitLog())
                .maxRetries(config.getMaxRetries())
                .maxRetryWait(Duration.ofMillis(config.getMaxRetryWait()))
                .proxy(config.getProxyHost(), config.getProxyPort())
                .proxyCredentials(config.getProxyUsername(), config.getProxyPassword())
                .tenant(config.effectiveTenantId())
                .build();
    }

    private synchronized SSLContext sslContextOf(SSLContextParameters parameters) throws Exception {
        if (parameters == null) {
            return null;
        }
        SSLContext ctx = sslContexts.get(parameters);
        if (ctx == null) {
            ctx = parameters.createSSLContext(getCamelContext());
            sslContexts.put(parameters, ctx);
        }
        return ctx;
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (sharedScheduler != null) {
                getCamelContext().getExecutorServiceManager().shutdownNow(sharedScheduler);
                sharedScheduler = null;
            }
        }
        clients.close();
        metrics = null;
        synchronized (this) {
            sslContexts.clear();
        }
        super.doStop();
    }
}
