package africa.cashfin.camel.leads.springboot;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Spring Boot properties of the {@code cashfin-leads} component: {@code camel.component.cashfin-leads.*}, one for
 * every component-level option (the defaults of every endpoint), copied onto the component by
 * {@link CashfinLeadsComponentAutoConfiguration}. The javadoc of each field is the option's description from the
 * component's catalog; {@code spring-boot-configuration-processor} turns it into IDE completion.
 * <p>
 * Kept in step with the component by {@code StarterCoversComponentOptionsTest}: an option added to the component
 * without a property here fails the build, naming the property to add.
 */
@ConfigurationProperties(prefix = "camel.component.cashfin-leads")
public class CashfinLeadsComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the cashfin-leads component. This is enabled by default.
     */
    private Boolean enabled;

    /**
     * The API base URL. http:// is refused unless the host is loopback (127.0.0.0/8, ::1, or a localhost /
     * *.localhost name whose addresses all are), e.g. a local simulator, and through a proxy only when the proxy is
     * loopback too, because the secret must not travel in clear text.
     */
    private String baseUrl = "https://api.cashfin.africa";

    /**
     * Default options for every endpoint of this component; each endpoint may override them. The option is a
     * africa.cashfin.camel.leads.CashfinLeadsConfiguration type: give a bean reference such as #bean:myBean.
     */
    private africa.cashfin.camel.leads.CashfinLeadsConfiguration configuration;

    /**
     * The clock of the rate limiter, the budget shares and the consumers' adaptive cadence. Default: the system clock.
     * A virtual clock makes a simulated day run in seconds (the simulated-day benchmark); its sleep must move it
     * forward. Set before the first endpoint starts; with it the component's limiters are its own, not shared with
     * other components of the JVM. The option is a africa.cashfin.camel.leads.api.limit.TimeSource type: give a bean
     * reference such as #bean:myBean.
     */
    private africa.cashfin.camel.leads.api.limit.TimeSource timeSource;

    public africa.cashfin.camel.leads.api.limit.TimeSource getTimeSource() {
        return timeSource;
    }

    public void setTimeSource(africa.cashfin.camel.leads.api.limit.TimeSource timeSource) {
        this.timeSource = timeSource;
    }

    /**
     * list: leads per page, 1..100 (API default 10; the consumer reads 100 per page unless set). Header
     * CamelCashfinLimit overrides it (producer).
     */
    private Integer limit;

    /**
     * list: only leads whose name, email, phone or company match this text. Header CamelCashfinSearch overrides it.
     */
    private String search;

    /**
     * create: the lead source (e.g. website) set on leads that carry none. list: only leads with this source.
     */
    private String source;

    /**
     * list: only leads with this status (new, contacted, qualified, converted, lost; any case). Header
     * CamelCashfinStatus overrides it. One of: new, contacted, qualified, converted, lost.
     */
    private String status;

    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed
     * as a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party
     * component allows Camel to be alerted if an exception was thrown. Some components handle this internally only,
     * and therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to
     * hook into the 3rd party component and make this possible for future releases. By default the consumer will use
     * the org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level
     * and ignored.
     */
    private Boolean bridgeErrorHandler = false;

    /**
     * Also emit leads whose updatedat moved (header CamelCashfinEventType=updated). Costs a read of every page on
     * every poll, because updates do not move a lead in the list.
     */
    private Boolean emitUpdates = false;

    /**
     * Re-read the whole view (the list with this endpoint's filters) in the background, a few pages per poll on a
     * share of the calls (sweepBudget), and emit every lead in it that was never emitted: leads that entered the view
     * by a change of status or source, became visible late, or were skipped by a page shift (header
     * CamelCashfinEmittedBy=sweep). Its position is saved next to the cursor. Off with emitUpdates (every page is read
     * on every poll then). false: only the fast path, which relies on the server's order.
     */
    private Boolean sweepEnabled = true;

    /**
     * Let the consumer set its own poll cadence instead of the fixed delay, spending the calls delay would (the day's
     * plan, 288 at 5 min) where leads arrive: polls spread in proportion to the square root of the arrival rate
     * expected at each time of the server's day (learnt from the leads of past days, in memory), faster after a poll
     * that found leads arriving faster than expected (at least minDelay apart), back to the plan after a poll that
     * found none, and never faster than its share of the server's day allows (its budgetReserve, else the pool's
     * fraction, of the plan's daily calls). One INFO line per change of regime (burst, plan, idle, budget, spent). See
     * docs/rate-limiting.md#adaptive-polling.
     */
    private Boolean adaptivePolling = false;

    /**
     * With adaptivePolling: the shortest delay, in milliseconds or as a duration (10s): the cadence of a burst whose
     * leads arrive fast, while the plan and the budget allow. At most delay. A number of milliseconds or a duration
     * such as 10s.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration minDelay = Duration.ofMillis(10000);

    /**
     * With adaptivePolling: the longest delay, in milliseconds or as a duration (30m): the worst time-to-emit of a lead
     * at a time of day when none arrived before, and the cadence once the day's plan is spent. At least delay. The
     * budget may make the delay longer. A number of milliseconds or a duration such as 10s.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration maxDelay = Duration.ofMillis(1800000);

    /**
     * The fraction of this endpoint's calls of the day the sweep may spend (above 0, at most 0.5). Default 0.1: on
     * the Free plan about 98 pages a day, a full pass of a 1,000-lead view every 2.5 hours. Without a daily limit
     * (plan unlimited) the endpoint's day is its idle polls a day (86,400 s / delay).
     */
    private Double sweepBudget = 0.1;

    /**
     * The most pages the sweep reads in one poll, after the fast path. A pass brought forward (the view's total moved
     * in a way the new leads do not explain, or "sweep now") reads this many pages every poll until it reaches the
     * bottom, borrowing up to one day of its budget.
     */
    private Integer sweepPagesPerPoll = 2;

    /**
     * The shortest time between the starts of two sweep passes, in milliseconds or as a duration (1h): an unchanged
     * view is not re-read more often than this, whatever the budget allows (on the Starter plan at the default delay an
     * idle poll would otherwise cost 3 calls). A pass brought forward (evidence, sweep now) starts at once. 0: as soon
     * as the budget allows.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration sweepMinPassInterval = Duration.ofMillis(3600000);

    /**
     * The longest wait before a failed lead is offered again, in milliseconds or as a duration such as 1h (default 1
     * hour: a lead that always fails costs about 24 attempts a day). A number of milliseconds or a duration such as
     * 10s.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration failedLeadMaxRetryDelay = Duration.ofMillis(3600000);

    /**
     * After this many failed attempts the consumer gives up on a lead (a poison lead): it hands a
     * PoisonedLeadException carrying the lead to the consumer's exception handler once (one log line with the default
     * handler) and records the lead as handled: it is never offered again. Until then the lead is retried from
     * memory, apart from the cursor, at no list call. 0: never give up. With a stateRepository the count is saved
     * beside the cursor and survives a restart or a leader change; without one a restart starts it again.
     */
    private Integer failedLeadMaxAttempts = 5;

    /**
     * The most failed leads the consumer retries apart from its cursor (the retry ledger), 0 to 30. Each is kept in
     * memory with the data read and saved beside the cursor (at most about 105 characters each in the state row, which
     * must fit JdbcStateRepository's 4,000-character column), so polls stay idle (1 call) while they fail and retries cost no
     * list call. A lead that fails while the ledger is full is not dropped: it holds the cursor back to its createdat,
     * so each poll re-reads the list down to it (about ceil(newer leads / limit) + 1 calls) and offers it again, until
     * it succeeds, is poisoned (failedLeadMaxAttempts) or finds room in the ledger. 0: every failed lead holds the
     * cursor back.
     */
    private Integer failedLeadsMax = 25;

    /**
     * How long a lead whose exchange failed (an exception, or marked rollback-only) waits before the consumer offers
     * it again, in milliseconds or as a duration such as 30s; each further failure multiplies the wait by
     * failedLeadRetryMultiplier, up to failedLeadMaxRetryDelay. The lead is offered by the first poll after the
     * wait, so the poll delay is the least wait. Meanwhile the other leads keep flowing, the failed lead is not
     * recorded and the cursor stays at or before it. 0: offered again by every poll. A number of milliseconds or a
     * duration such as 10s.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration failedLeadRetryDelay = Duration.ofMillis(30000);

    /**
     * Factor by which the wait before a failed lead is offered again grows after each further failure (1 or more; 1
     * keeps it at failedLeadRetryDelay).
     */
    private Double failedLeadRetryMultiplier = 2.0;

    /**
     * Where the ids of delivered leads are kept (any Camel IdempotentRepository: file, JDBC, Redis, Infinispan...).
     * A lead is added only after its exchange succeeded. A persistent repository alone is enough for a restart to
     * emit nothing twice and miss nothing. Default: in memory, the 100,000 most recent keys, lost on restart. Use
     * one repository (or one JDBC processorName) per consumer endpoint. The option is a
     * org.apache.camel.spi.IdempotentRepository type: give a bean reference such as #bean:myBean.
     */
    private org.apache.camel.spi.IdempotentRepository idempotentRepository;

    /**
     * How far below the cursor each poll looks again, in milliseconds or as a duration such as 5m, to catch leads
     * whose createdat is slightly older than leads already seen (clock skew, late commits). Leads inside it that
     * were already delivered are skipped by id. A number of milliseconds or a duration such as 10s.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration lookback = Duration.ofMillis(300000);

    /**
     * The most leads one poll emits; 0 (default) = no limit. A poll that reaches it stops reading; the next poll re-
     * reads from the same cursor and skips the delivered leads by id, which costs calls (a newest-first backfill
     * walks up from the last page again). Prefer the default: each page is already one batch.
     */
    private Integer maxMessagesPerPoll = 0;

    /**
     * Where a consumer with no saved state starts: beginning emits every existing lead (backfill, oldest first), now
     * records existing leads as seen without emitting them, an ISO-8601 instant (e.g. 2024-01-15T00:00:00Z) emits
     * leads created at or after it. Ignored once state exists (a restart never starts over).
     */
    private String startFrom = "beginning";

    /**
     * The key of this endpoint's cursor in stateRepository (and the suffix of its marker key in
     * idempotentRepository). Default: derived from the filters, e.g. cashfin-leads:liststatus=new. Set it when two
     * endpoints with the same filters must keep separate state.
     */
    private String stateKey;

    /**
     * Where the scan cursor is kept between polls and restarts (any Camel StateRepository), under the key stateKey.
     * Optional: without it the cursor lives in memory and the first poll after a restart re-reads every page
     * (skipping delivered leads by id). Each consumer start claims a leadership epoch in it (key
     * &lt;stateKey&gt;#leader-epoch): once a newer consumer (the next cluster leader) has claimed one, this consumer's
     * cursor writes are refused and it emits nothing more. The option is a
     * org.apache.camel.spi.StateRepository&lt;java.lang.String,
     * java.lang.String&gt; type: give a bean reference such as #bean:myBean.
     */
    private org.apache.camel.spi.StateRepository<String, String> stateRepository;

    /**
     * create with a List/Iterable/Iterator/Stream/array body (bulk): how many leads are created at the same time
     * (all under the rate limiter).
     */
    private Integer concurrency = 4;

    /**
     * create with a List/Iterable/Iterator/Stream/array body (bulk): false (default): when any item fails, the
     * exchange fails with a BulkCreateException carrying the BulkCreateResult (also the body), so a file or batch is
     * never marked done while rows failed. true: the exchange succeeds with the BulkCreateResult body and the route
     * must read its failures (header CamelCashfinFailedCount).
     */
    private Boolean bulkPartialSuccess = false;

    /**
     * create: find-or-create. email or phone: look the lead up by that field before creating it and before any retry
     * after an ambiguous failure; an existing lead is returned with header CamelCashfinLeadCreated=false. Costs one
     * list call per lead. none: no look-up; an ambiguous failure is reported, never retried. One of: none, email,
     * phone.
     */
    private String deduplicateBy = "none";

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed
     * then creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;

    /**
     * list: the page to read, 1-based (API default 1). Header CamelCashfinPage overrides it.
     */
    private Integer page;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then
     * gets configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;

    /**
     * How long to wait for a connection (TCP TLS) to the API, in milliseconds or as a duration such as 10s. A call
     * that cannot connect in time fails without having been sent. A number of milliseconds or a duration such as
     * 10s.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration connectTimeout = Duration.ofMillis(10000);

    /**
     * The size of the HTTP connection pool, shared by all endpoints with the same base URL, secret and connection
     * options.
     */
    private Integer maxConnections = 20;

    /**
     * The host name or address of an HTTP proxy to reach the API through (e.g. a corporate proxy proxy.example.com);
     * https calls are tunnelled through it with CONNECT, so the proxy never sees the secret. Requires proxyPort. With
     * an http:// baseUrl (a local simulator) the proxy must be loopback itself, else the route refuses to start.
     * Default: connect directly.
     */
    private String proxyHost;

    /**
     * The port of the HTTP proxy set with proxyHost (1..65535, e.g. 3128).
     */
    private Integer proxyPort;

    /**
     * The user name for the proxy's Basic authentication (sent as Proxy-Authorization), with proxyPassword. Masked
     * like the client secret.
     */
    private String proxyUsername;

    /**
     * The password for the proxy's Basic authentication, with proxyUsername. Masked like the client secret: never in
     * logs, logged URIs, toString() or JMX. Set it from an environment variable or vault.
     */
    private String proxyPassword;

    /**
     * How long to wait for the response once the request is sent, in milliseconds or as a duration such as 30s. A
     * call that times out may still have been processed. A number of milliseconds or a duration such as 10s.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration responseTimeout = Duration.ofMillis(30000);

    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled = true;

    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;

    /**
     * Calls per day allowed for the secret; overrides the plan's value for this window.
     */
    private Integer maxRequestsPerDay;

    /**
     * Calls per minute allowed for the secret; overrides the plan's value for this window.
     */
    private Integer maxRequestsPerMinute;

    /**
     * Calls per second allowed for the secret; overrides the plan's value for this window.
     */
    private Integer maxRequestsPerSecond;

    /**
     * Retries after the first attempt of one call (0 disables retrying). list is retried on 429, 5xx and I/O errors;
     * create only when the request provably did not reach the server (not sent, 429, 503 with Retry-After), or after
     * a look-up with deduplicateBy.
     */
    private Integer maxRetries = 3;

    /**
     * The longest one call waits in total, for the rate limiter and between its retries, in milliseconds or as a
     * duration such as 60s. Beyond it the call fails with an exception that says when to retry. A number of
     * milliseconds or a duration such as 10s.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration maxRetryWait = Duration.ofMillis(60000);

    /**
     * The Cashfin plan of the client secret, whose published call limits the component keeps under: free (5/s,
     * 60/min, 1,000/day; the default, safe for every account), starter (10/s, 300/min, 10,000/day), professional
     * (25/s, 1,000/min, 100,000/day), or unlimited (no limit of its own: for Enterprise/custom plans, with
     * maxRequestsPer... for the custom limits, or none at all). Every endpoint using one secret must use the same
     * limits. One of: free, starter, professional, unlimited.
     */
    private String plan = "free";

    /**
     * Fraction of every limit left unused (0 to 0.5), to absorb network jitter and clock differences: 0.02 keeps 2%
     * below each limit.
     */
    private Double rateLimitMargin = 0.02;

    /**
     * The network jitter the pacing absorbs, in milliseconds or as a duration such as 25ms (0 to 1 s): the component
     * keeps every span of one second plus this (and of one minute plus this), counted when its calls leave, to at
     * most the limit, so calls that reach Cashfin up to this much later than others still keep any window, even a
     * sliding one counted at arrival. Larger values are safer on slow or congested networks and cost throughput on
     * the per-second limit (about this fraction of a second). A number of milliseconds or a duration such as 10s.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration rateLimitJitter = Duration.ofMillis(25);

    /**
     * A Bucket4j ProxyManager bean (e.g. PostgreSQL) holding the secret's call budget, so several JVMs using one
     * secret share one budget. Default: a bucket in this JVM. See docs/rate-limiting.md. The option is a
     * io.github.bucket4j.distributed.proxy.ProxyManager&lt;java.lang.String&gt; type: give a bean reference such as
     * #bean:myBean.
     */
    private io.github.bucket4j.distributed.proxy.ProxyManager<String> rateLimitStore;

    /**
     * The fraction of the client secret's call budget kept for every endpoint (0 to 0.9) by default: that fraction
     * of the sustained rate and of the daily budget, whatever the other endpoints of the secret do; every endpoint
     * also draws on the pool, the rest of the budget. Usually set per endpoint (budgetReserve=0.3 on the lead
     * consumer), not here: the reserves of one secret add up to at most 0.9, more is refused at start. Default 0: no
     * reserve. See docs/rate-limiting.md, Budget shares.
     */
    private Double budgetReserve = 0.0;

    /**
     * The name of an endpoint's budget share, used only with budgetReserve: endpoints with the same name share one
     * reserve, and with rateLimitStore the name keys the reserve's bucket in the store. Default: the consumer's
     * stateKey when set, else cashfin-leads:&lt;operation&gt; plus the endpoint's source, status and search options.
     */
    private String budgetShare;

    /**
     * A shared sliding log of sends (africa.cashfin.camel.leads.api.limit.SharedAdmissionLog, e.g. PostgresAdmissionLog
     * on the database of rateLimitStore): right before each call leaves, the limiter counts the sends of every JVM
     * using the secret, not only its own, so a cluster keeps a strict sliding window too. Default: a log in this JVM.
     * See docs/cluster.md. The option is a africa.cashfin.camel.leads.api.limit.SharedAdmissionLog type: give a bean
     * reference such as #bean:myBean.
     */
    private africa.cashfin.camel.leads.api.limit.SharedAdmissionLog rateLimitLog;

    /**
     * The Cashfin client secret (cs_...), sent as the Authorization header. Set it once for all endpoints with
     * camel.component.cashfin-leads.client-secret, ideally from an environment variable or vault; in a URI wrap it
     * as RAW(...). Secret: masked (******) in the actuator's env and configprops endpoints by this starter, and
     * never logged.
     */
    private String clientSecret;

    /**
     * TLS settings (trust store, key store, protocols) for the connection to the API. Default: the JVM's. The option
     * is a org.apache.camel.support.jsse.SSLContextParameters type: give a bean reference such as #bean:myBean.
     */
    private org.apache.camel.support.jsse.SSLContextParameters sslContextParameters;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public africa.cashfin.camel.leads.CashfinLeadsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(africa.cashfin.camel.leads.CashfinLeadsConfiguration configuration) {
        this.configuration = configuration;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Boolean getEmitUpdates() {
        return emitUpdates;
    }

    public void setEmitUpdates(Boolean emitUpdates) {
        this.emitUpdates = emitUpdates;
    }

    public Boolean getSweepEnabled() {
        return sweepEnabled;
    }

    public void setSweepEnabled(Boolean sweepEnabled) {
        this.sweepEnabled = sweepEnabled;
    }

    public Boolean getAdaptivePolling() {
        return adaptivePolling;
    }

    public void setAdaptivePolling(Boolean adaptivePolling) {
        this.adaptivePolling = adaptivePolling;
    }

    public Duration getMinDelay() {
        return minDelay;
    }

    public void setMinDelay(Duration minDelay) {
        this.minDelay = minDelay;
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public Double getSweepBudget() {
        return sweepBudget;
    }

    public void setSweepBudget(Double sweepBudget) {
        this.sweepBudget = sweepBudget;
    }

    public Integer getSweepPagesPerPoll() {
        return sweepPagesPerPoll;
    }

    public void setSweepPagesPerPoll(Integer sweepPagesPerPoll) {
        this.sweepPagesPerPoll = sweepPagesPerPoll;
    }

    public Duration getSweepMinPassInterval() {
        return sweepMinPassInterval;
    }

    public void setSweepMinPassInterval(Duration sweepMinPassInterval) {
        this.sweepMinPassInterval = sweepMinPassInterval;
    }

    public Integer getFailedLeadMaxAttempts() {
        return failedLeadMaxAttempts;
    }

    public void setFailedLeadMaxAttempts(Integer failedLeadMaxAttempts) {
        this.failedLeadMaxAttempts = failedLeadMaxAttempts;
    }

    public Integer getFailedLeadsMax() {
        return failedLeadsMax;
    }

    public void setFailedLeadsMax(Integer failedLeadsMax) {
        this.failedLeadsMax = failedLeadsMax;
    }

    public Duration getFailedLeadMaxRetryDelay() {
        return failedLeadMaxRetryDelay;
    }

    public void setFailedLeadMaxRetryDelay(Duration failedLeadMaxRetryDelay) {
        this.failedLeadMaxRetryDelay = failedLeadMaxRetryDelay;
    }

    public Duration getFailedLeadRetryDelay() {
        return failedLeadRetryDelay;
    }

    public void setFailedLeadRetryDelay(Duration failedLeadRetryDelay) {
        this.failedLeadRetryDelay = failedLeadRetryDelay;
    }

    public Double getFailedLeadRetryMultiplier() {
        return failedLeadRetryMultiplier;
    }

    public void setFailedLeadRetryMultiplier(Double failedLeadRetryMultiplier) {
        this.failedLeadRetryMultiplier = failedLeadRetryMultiplier;
    }

    public org.apache.camel.spi.IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(org.apache.camel.spi.IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public Duration getLookback() {
        return lookback;
    }

    public void setLookback(Duration lookback) {
        this.lookback = lookback;
    }

    public Integer getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(Integer maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public String getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }

    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }

    public org.apache.camel.spi.StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(org.apache.camel.spi.StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public Integer getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(Integer concurrency) {
        this.concurrency = concurrency;
    }

    public Boolean getBulkPartialSuccess() {
        return bulkPartialSuccess;
    }

    public void setBulkPartialSuccess(Boolean bulkPartialSuccess) {
        this.bulkPartialSuccess = bulkPartialSuccess;
    }

    public String getDeduplicateBy() {
        return deduplicateBy;
    }

    public void setDeduplicateBy(String deduplicateBy) {
        this.deduplicateBy = deduplicateBy;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Integer getPage() {
        return page;
    }

    public void setPage(Integer page) {
        this.page = page;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public Integer getMaxRequestsPerDay() {
        return maxRequestsPerDay;
    }

    public void setMaxRequestsPerDay(Integer maxRequestsPerDay) {
        this.maxRequestsPerDay = maxRequestsPerDay;
    }

    public Integer getMaxRequestsPerMinute() {
        return maxRequestsPerMinute;
    }

    public void setMaxRequestsPerMinute(Integer maxRequestsPerMinute) {
        this.maxRequestsPerMinute = maxRequestsPerMinute;
    }

    public Integer getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    public void setMaxRequestsPerSecond(Integer maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getMaxRetryWait() {
        return maxRetryWait;
    }

    public void setMaxRetryWait(Duration maxRetryWait) {
        this.maxRetryWait = maxRetryWait;
    }

    public String getPlan() {
        return plan;
    }

    public void setPlan(String plan) {
        this.plan = plan;
    }

    public Double getRateLimitMargin() {
        return rateLimitMargin;
    }

    public void setRateLimitMargin(Double rateLimitMargin) {
        this.rateLimitMargin = rateLimitMargin;
    }

    public Duration getRateLimitJitter() {
        return rateLimitJitter;
    }

    public void setRateLimitJitter(Duration rateLimitJitter) {
        this.rateLimitJitter = rateLimitJitter;
    }

    public io.github.bucket4j.distributed.proxy.ProxyManager<String> getRateLimitStore() {
        return rateLimitStore;
    }

    public void setRateLimitStore(io.github.bucket4j.distributed.proxy.ProxyManager<String> rateLimitStore) {
        this.rateLimitStore = rateLimitStore;
    }

    public Double getBudgetReserve() {
        return budgetReserve;
    }

    public void setBudgetReserve(Double budgetReserve) {
        this.budgetReserve = budgetReserve;
    }

    public String getBudgetShare() {
        return budgetShare;
    }

    public void setBudgetShare(String budgetShare) {
        this.budgetShare = budgetShare;
    }

    public africa.cashfin.camel.leads.api.limit.SharedAdmissionLog getRateLimitLog() {
        return rateLimitLog;
    }

    public void setRateLimitLog(africa.cashfin.camel.leads.api.limit.SharedAdmissionLog rateLimitLog) {
        this.rateLimitLog = rateLimitLog;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public org.apache.camel.support.jsse.SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(org.apache.camel.support.jsse.SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }
}
