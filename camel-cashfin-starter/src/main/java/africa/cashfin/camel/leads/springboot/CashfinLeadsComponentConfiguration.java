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
     * The API base URL (Cashfin has only production: there is no sandbox). http:// is refused unless the host is
     * loopback (127.0.0.0/8, ::1, or a localhost name, or a name ending in .localhost, whose addresses are all
     * loopback), e.g. a local simulator, and through a proxyHost only when the proxy is loopback too, because the
     * secret must never travel in clear text.
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

    /**
     * The threads of the poll scheduler that every consumer of this component shares (one pool for all its routes,
     * instead of a thread per consumer), unless the endpoint sets Camel's scheduledExecutorService or scheduler. An
     * idle poll holds a thread for one list call: give at least tenants / delay (s) x call latency (s) threads, e.g. 50
     * for 5,000 routes polling every 5 s at 50 ms a call. Default 16: 5,000 routes at the default delay of 5 minutes
     * with calls of up to 0.9 s. A poll whose secret's next call is more than 1 s away (its rate limit or budget share
     * is spent) does not start and holds no thread; see docs/component.md, Many routes in one JVM.
     */
    private Integer schedulerPoolSize = 16;

    public Integer getSchedulerPoolSize() {
        return schedulerPoolSize;
    }

    public void setSchedulerPoolSize(Integer schedulerPoolSize) {
        this.schedulerPoolSize = schedulerPoolSize;
    }

    public africa.cashfin.camel.leads.api.limit.TimeSource getTimeSource() {
        return timeSource;
    }

    public void setTimeSource(africa.cashfin.camel.leads.api.limit.TimeSource timeSource) {
        this.timeSource = timeSource;
    }

    /**
     * list: leads per page, 1..100 (API default 10 for the producer; the consumer reads full pages of 100 unless set:
     * fewer per page means more calls). Header CamelCashfinLimit overrides it (producer). Out of range: fails at route
     * start (or on the message, for the header) and nothing is sent.
     */
    private Integer limit;

    /**
     * list: only leads whose name, email, phone or company match this text. Header CamelCashfinSearch overrides it.
     */
    private String search;

    /**
     * create: the lead source (e.g. website) set on every lead that carries none; a lead's own source wins. list: only
     * leads with this source; header CamelCashfinSource overrides it.
     */
    private String source;

    /**
     * list: only leads with this status (new, contacted, qualified, converted, lost; any case; sent in lower case).
     * Header CamelCashfinStatus overrides it. An unknown status fails with the list of allowed ones.
     */
    private String status;

    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as a
     * message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and therefore
     * bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook into the 3rd
     * party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler = false;

    /**
     * Also emit leads whose updatedat moved (header CamelCashfinEventType=updated). A lead updated twice between polls
     * gives one event (its latest version). Costs a read of every page on every poll, because updates do not move a
     * lead in the list.
     */
    private Boolean emitUpdates = false;

    /**
     * The sweep: re-read the whole view (the list with this endpoint's filters) in the background, a few pages per poll
     * after the fast path on a share of the calls (sweepBudget), and emit every lead in it the idempotentRepository
     * does not know: leads that entered the view by a change of status or source, became visible late, or were skipped
     * by a page shift (header CamelCashfinEmittedBy=sweep). Its position is saved in stateRepository under
     * stateKey#sweep (in memory without one). Off with emitUpdates (every page is read on every poll then). false: only
     * the fast path, whose guarantee then rests on the server's order and prompt visibility.
     */
    private Boolean sweepEnabled = true;

    /**
     * Let the consumer set its own poll cadence instead of the fixed delay, spending per server day the calls delay
     * would (the day's plan, 288 at 5 min) where leads arrive: polls spread in proportion to the square root of the
     * arrival rate expected at each time of the server's day (the median of the last 5 server days of the same kind,
     * weekdays or weekends, per 15-minute slot, learnt from the leads it emits; kept in stateRepository under
     * stateKey#arrivals and stateKey#arrivals#weekend, so a restart follows it at once, in memory without one; flat
     * before two whole days of the kind), between minDelay and maxDelay (plan; idle
     * at maxDelay); faster while a poll finds leads arriving more than four times faster than expected (burst), back to
     * the plan once no poll has found a burst for 20 of its mean gaps between leads (a gap in a burst does not end it);
     * and never faster than its share of the server's day allows (budget:
     * its budgetReserve, else the pool's fraction, of the plan's daily calls; spent when nothing is left: the next poll
     * is at the start of the server's next day). One INFO line per change of regime. The cadence, the calls left and
     * the projected spend are in JMX, the dev console and metrics. See docs/rate-limiting.md#adaptive-polling.
     */
    private Boolean adaptivePolling = false;

    /**
     * With adaptivePolling: what the day's plan makes short. mean (default): the mean wait of a lead, polls in
     * proportion to the square root of the expected arrival rate (a busy hour is polled more than a quiet one, a quiet
     * one still often). tail: the longest wait of a lead where leads arrive, the plan's polls spread evenly over the
     * 15-minute slots of the server's day where leads arrived on past days and the other slots polled at maxDelay; only
     * when the past days' leads kept to their hours (each day's leads at least 99 % in the other days' slots), else
     * evenly over the whole day. A lead at a time of day when none arrived before waits up to maxDelay. See
     * docs/rate-limiting.md#adaptive-polling.
     */
    private String adaptiveObjective = "mean";

    /**
     * With adaptivePolling: the shortest delay, in milliseconds or as a duration (10s): the cadence of a burst whose
     * leads arrive fast, while the plan and the budget allow. More than 0 and at most delay. The scheduler ticks every
     * minDelay / 5 (10 ms to 1 s) and a tick that is not due makes no call.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration minDelay = Duration.ofMillis(10000);

    /**
     * With adaptivePolling: the longest delay, in milliseconds or as a duration (30m): the worst time-to-emit of a lead
     * at a time of day when none arrived on past days, and the cadence once the day's plan is spent. At least delay.
     * The budget may make the delay longer.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration maxDelay = Duration.ofMillis(1800000);

    /**
     * The fraction of this endpoint's calls of the day the sweep may spend (above 0, at most 0.5): the plan's day
     * budget (after rateLimitMargin) times the endpoint's budget share (its budgetReserve, else the pool's fraction).
     * Default 0.1: on the Free plan about 98 pages a day, a full pass of a 1,000-lead view every 2.5 hours. Without a
     * daily limit (plan unlimited) the endpoint's day is its idle polls a day (86,400 s / delay).
     */
    private Double sweepBudget = 0.1;

    /**
     * The most pages the sweep reads in one poll, after the fast path. A pass brought forward (the view's total moved
     * in a way the new leads do not explain, or sweep now) reads this many pages every poll until it reaches the
     * bottom, borrowing up to one day of its budget, which the pace then pays back.
     */
    private Integer sweepPagesPerPoll = 2;

    /**
     * The shortest time between the starts of two sweep passes, in milliseconds or as a duration (1h): an unchanged
     * view is not re-read more often than this, whatever sweepBudget allows (without it, on the Starter and
     * Professional plans at the default delay every idle poll would cost 3 calls and a 1,000-lead view be re-read every
     * 25 minutes). A pass brought forward (evidence, sweep now) starts at once. 0: as soon as the budget allows. The
     * sweep's detection bound is then at least this interval.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration sweepMinPassInterval = Duration.ofMillis(3600000);

    /**
     * The longest wait before a failed lead is offered again, in milliseconds or as a duration such as 1h (default 1
     * hour: with failedLeadMaxAttempts=0 a lead that always fails costs about 24 attempts a day, and a log line only at
     * attempts 1, 2, 4, 8...).
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration failedLeadMaxRetryDelay = Duration.ofMillis(3600000);

    /**
     * After this many failed attempts the consumer gives up on a lead (a poison lead): it hands a PoisonedLeadException
     * carrying the lead (getLead(), getAttempts(), getLastError()) to the consumer's exception handler once (one log
     * line with Camel's default handler; with bridgeErrorHandler=true it goes to the route's error handler, e.g. a dead
     * letter channel) and records the lead as handled: it is never offered again. With the default waits and poll delay
     * the fifth attempt comes about 20 minutes after the first. Until then the lead is retried from memory, apart from
     * the cursor, at no list call. 0: never give up. With a stateRepository the count is saved beside the cursor and
     * survives a restart or a leader change; without one a restart starts it again.
     */
    private Integer failedLeadMaxAttempts = 5;

    /**
     * The most failed leads the consumer retries apart from its cursor (the retry ledger), 0 to 30. Each is kept in
     * memory with the data read and saved beside the cursor (at most about 105 characters each in the state row, which
     * must fit JdbcStateRepository's 4,000-character column), so polls stay idle (1 call) while they fail and retries
     * cost no list call. A lead that fails while the ledger is full is not dropped: it holds the cursor back to its
     * createdat, so each poll re-reads the list down to it (about ceil(newer leads / limit) 1 calls) and offers it
     * again, until it succeeds, is poisoned (failedLeadMaxAttempts) or finds room in the ledger. 0: every failed lead
     * holds the cursor back.
     */
    private Integer failedLeadsMax = 25;

    /**
     * How long a lead whose exchange failed (an exception, or marked rollback-only) waits before the consumer offers it
     * again, in milliseconds or as a duration such as 30s; each further failure multiplies the wait by
     * failedLeadRetryMultiplier, up to failedLeadMaxRetryDelay. The lead is offered by the first poll after the wait,
     * so the poll delay is the least wait. Meanwhile the other leads keep flowing, the failed lead is not recorded and
     * the cursor stays at or before it. 0: offered again by every poll.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration failedLeadRetryDelay = Duration.ofMillis(30000);

    /**
     * Factor by which the wait before a failed lead is offered again grows after each further failure (1 or more; 1
     * keeps it at failedLeadRetryDelay).
     */
    private Double failedLeadRetryMultiplier = 2.0;

    /**
     * Where the keys of delivered leads are kept (any Camel IdempotentRepository: file, JDBC, Redis, Infinispan...):
     * the _id for a creation, _idupdatedat for an update, plus one marker key written after the first complete scan. A
     * key is added only after the lead's exchange succeeded. A persistent repository alone is enough for a restart to
     * emit nothing twice and miss nothing. Default: in memory, the 100,000 most recent keys (about 18 MB), lost on
     * restart: a restarted consumer with the default backfills again. Use one repository (or one JDBC processorName)
     * per consumer endpoint: keys are lead ids, so two endpoints with different filters sharing one repository would
     * hide leads from each other. The option is a org.apache.camel.spi.IdempotentRepository type: give a bean reference
     * such as #bean:myBean.
     */
    private org.apache.camel.spi.IdempotentRepository idempotentRepository;

    /**
     * How far below the cursor each poll looks again, in milliseconds or as a duration such as 5m, to catch leads whose
     * createdat is slightly older than leads already seen (server clock skew, late commits) and leads sharing the
     * boundary timestamp. Leads inside it that were already delivered are skipped by id, so a longer lookback costs
     * only reads, never duplicates. Negative: fails at route start.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration lookback = Duration.ofMillis(300000);

    /**
     * The most leads one poll emits; 0 (default) = no limit. A poll that reaches it stops reading; the next poll
     * re-reads from the same cursor and skips the delivered leads by id, which costs calls (a newest-first backfill
     * walks up from the last page again). Prefer the default: each page is already one batch.
     */
    private Integer maxMessagesPerPoll = 0;

    /**
     * Where a consumer with no saved state starts: beginning emits every existing lead (backfill, oldest first), now
     * records existing leads as seen without emitting them (only leads created after the start are emitted), an
     * ISO-8601 instant (e.g. 2024-01-15T00:00:00Z) emits leads created at or after it. Ignored once state exists (a
     * restart never starts over). Anything else fails at route start. With now and a stateRepository, removing the
     * cursor entry starts the consumer from now again (one WARN) instead of emitting every older lead.
     */
    private String startFrom = "beginning";

    /**
     * The key of this endpoint's cursor in stateRepository (and the suffix of its marker key in idempotentRepository).
     * Default: cashfin-leads:list followed by the filters, e.g. cashfin-leads:list with status=qualified and
     * source=website. Set it when two endpoints with the same filters must keep separate state. On Camel's
     * FileStateRepository, which cannot hold = or a line break in a key, the default key is stored percent-encoded (=
     * as %3D) and a stateKey with either fails at start; every other repository stores the key as it is.
     */
    private String stateKey;

    /**
     * The tenant (client business) this endpoint works for, e.g. acme: the tag tenant on every Micrometer meter of the
     * endpoint, the JMX attribute TenantId of the endpoint and of its consumer, and the dev console's per-tenant
     * figures (calls today, last poll, leads emitted, failures) with their totals. Default: the fingerprint of the
     * client secret, e.g. secret#2d0a5fe178cc (never the secret itself). 1 to 64 letters, digits, '.', '_' or '-',
     * starting with a letter or digit. Each value adds its own meters, so take it from a bounded list such as the
     * tenant table (docs/tenants.md), never from message data. Endpoints of different tenants keep separate clients,
     * so each tenant's calls are counted apart.
     */
    private String tenantId;

    /**
     * Where the scan cursor is kept between polls and restarts (any Camel StateRepository of String to String:
     * FileStateRepository, MemoryStateRepository, or the component's JdbcStateRepository to share it between cluster
     * nodes), under the key stateKey, with the failing leads' retry state beside it; saved after each complete poll
     * and, while a poll handles the list oldest first page by page (a newest-first backfill or walk back, an
     * oldest-first read), after each page whose leads all have their outcome (a checkpoint: a poll cut short resumes
     * there). The sweep's position beside it under stateKey#sweep, saved after every sweep page. With adaptivePolling,
     * also the learnt
     * arrival profiles of weekdays and weekends under stateKey#arrivals and stateKey#arrivals#weekend (hourly counts,
     * saved at most once an hour and at stop). Optional: without
     * it the cursor lives
     * in memory and the first poll after a restart re-reads every page (skipping delivered leads by id). Each consumer
     * start claims a leadership epoch in it (under stateKey#leader-epoch): once a newer consumer (the next cluster
     * leader) has claimed one, this consumer's cursor writes are refused and it emits nothing more. A persistent one
     * requires a persistent idempotentRepository too: with the default in-memory repository the route fails at start.
     * The option is a org.apache.camel.spi.StateRepository<java.lang.String, java.lang.String> type: give a bean
     * reference such as #bean:myBean.
     */
    private org.apache.camel.spi.StateRepository<String, String> stateRepository;

    /**
     * create with a List/Iterable/Iterator/Stream/array body (bulk): how many leads are created at the same time (all
     * under the rate limiter).
     */
    private Integer concurrency = 4;

    /**
     * create with a List/Iterable/Iterator/Stream/array body (bulk): false (default): when any item fails, the exchange
     * fails with a BulkCreateException carrying the BulkCreateResult (also the body), so a file or batch is never
     * marked done while rows failed. true: the exchange succeeds with the BulkCreateResult body and the route must read
     * its failures (header CamelCashfinFailedCount).
     */
    private Boolean bulkPartialSuccess = false;

    /**
     * create: find-or-create. email or phone: look the lead up by that field before creating it and before any retry
     * after an ambiguous failure (the email compared trimmed and case-insensitive, the phone by its digits only); an
     * existing lead is returned with header CamelCashfinLeadCreated=false. Costs one list call per lead. none: no
     * look-up; an ambiguous failure is reported, never retried. A lead without the field is created without look-up.
     */
    private String deduplicateBy = "none";

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;

    /**
     * list producer: the page to read, 1-based (API default 1). Header CamelCashfinPage overrides it. Below 1: fails at
     * route start (or on the message, for the header). A consumer URI with page fails at route start: the consumer
     * decides which pages to read.
     */
    private Integer page;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;

    /**
     * How long to establish the connection (TCP and TLS) to the API, in milliseconds or as a duration such as 10s. A
     * call that cannot connect in time fails with a CashfinTransportException of kind NOT_SENT (it was not sent).
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration connectTimeout = Duration.ofMillis(10000);

    /**
     * The size of the HTTP connection pool that every endpoint of the JVM with the same base URL and connection options
     * shares, whatever its secret (one pool and one idle-connection thread per base URL; each request carries its own
     * secret): at most this many calls to the base URL at once, per route and in total. Calls run on the poll
     * scheduler's threads (schedulerPoolSize) and the producers' callers, so it need not grow with the number of
     * tenants: keep it at least schedulerPoolSize plus the producer calls made at once. The pool is closed when its
     * last endpoint stops.
     */
    private Integer maxConnections = 20;

    /**
     * The host name or address of an HTTP proxy to reach the API through (no scheme, no port; e.g. a corporate proxy
     * proxy.example.com); https calls are tunnelled through it with CONNECT, so the proxy never sees the secret or the
     * leads. Requires proxyPort. With an http:// baseUrl (a local simulator) the proxy must be loopback itself, else
     * the route refuses to start. Default: connect directly.
     */
    private String proxyHost;

    /**
     * The port of the HTTP proxy set with proxyHost (1..65535, e.g. 3128); required with proxyHost.
     */
    private Integer proxyPort;

    /**
     * The user name for the proxy's Basic authentication (Proxy-Authorization, sent up front on every request and on
     * the CONNECT), with proxyPassword. Masked like the client secret. Secret: masked (******) in the actuator's env
     * and configprops endpoints by this starter.
     */
    private String proxyUsername;

    /**
     * The password for the proxy's Basic authentication, with proxyUsername. Masked like the client secret:
     * proxyPassword=xxxxxx in logged URIs, never in toString(), exception messages, logs or JMX (nor its Basic token,
     * should the proxy echo it back). Set it from an environment variable or vault; in a URI wrap it as RAW(...).
     * Secret: masked (******) in the actuator's env and configprops endpoints by this starter.
     */
    private String proxyPassword;

    /**
     * How long to wait for the response once the request is sent, in milliseconds or as a duration such as 30s. A call
     * that times out fails with kind AMBIGUOUS: the server may still have processed it.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration responseTimeout = Duration.ofMillis(30000);

    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled = true;

    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by default
     * disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;

    /**
     * Calls per day allowed for the secret (a whole number, 1 or more); overrides the plan's value for this window.
     */
    private Integer maxRequestsPerDay;

    /**
     * Calls per minute allowed for the secret (a whole number, 1 or more); overrides the plan's value for this window.
     */
    private Integer maxRequestsPerMinute;

    /**
     * Calls per second allowed for the secret (a whole number, 1 or more); overrides the plan's value for this window.
     */
    private Integer maxRequestsPerSecond;

    /**
     * Retries after the first attempt of one call (0 disables retrying). list is retried on 429, 5xx and I/O errors;
     * create only when the request provably did not reach the server (not sent, 429, 503 with Retry-After), or after a
     * look-up with deduplicateBy.
     */
    private Integer maxRetries = 3;

    /**
     * The longest one call waits in total, for the rate limiter and between its retries, in milliseconds or as a
     * duration such as 60s. A retry whose wait would go beyond it is not made; a call that cannot get a slot within
     * what is left fails with RateLimitWaitExceededException, which says when to retry, without being sent.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration maxRetryWait = Duration.ofMillis(60000);

    /**
     * The Cashfin plan of the client secret, whose published call limits the component keeps under (the plans and their
     * limits: docs/rate-limiting.md), case-insensitive. The default, free, is the smallest plan, safe for every
     * account: set your plan once with camel.component.cashfin-leads.plan to go faster. unlimited: no limit of its own,
     * for Enterprise/custom plans, with maxRequestsPerSecond/Minute/Day for the custom limits, or none at all. Unknown
     * values fail at route start. Every endpoint using one secret must use the same limits.
     */
    private String plan = "free";

    /**
     * Fraction of every limit left unused (0 to 0.5), to absorb network jitter and clock differences: 0.02 keeps 2%
     * below each limit.
     */
    private Double rateLimitMargin = 0.02;

    /**
     * The network jitter the pacing absorbs, in milliseconds or as a duration such as 25ms (0 to 1 s): the component
     * keeps every span of one second plus this (and of one minute plus this), counted when its calls leave, to at most
     * the limit, so calls that reach Cashfin up to this much later than others still keep any window, even a sliding
     * one counted at arrival. Larger values are safer on slow or congested networks and cost throughput on the
     * per-second limit (about this fraction of a second).
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration rateLimitJitter = Duration.ofMillis(25);

    /**
     * A Bucket4j ProxyManager bean of String keys (e.g. #bean:cashfinRateLimitStore on PostgreSQL) holding the secret's
     * call budget in a shared store, so several JVMs using one secret share one budget. Default: a bucket in this JVM.
     * See docs/rate-limiting.md. The option is a io.github.bucket4j.distributed.proxy.ProxyManager<java.lang.String>
     * type: give a bean reference such as #bean:myBean.
     */
    private io.github.bucket4j.distributed.proxy.ProxyManager<String> rateLimitStore;

    /**
     * The fraction of the client secret's call budget kept for this endpoint, from 0 to 0.9: its calls (creates, dedupe
     * look-ups, list pages, polls, retries) may always use this share of the per-second/minute rate and of the daily
     * budget, whatever the other endpoints of the secret do. Every endpoint also draws on the pool, the rest of the
     * budget (1 minus the sum of the reserves), first come first served. For example 0.3 on the lead consumer keeps
     * 17.6 calls/min and 294 calls/day of the Free plan for its polls while a web-form flood or a CSV import spends the
     * pool. The reserves of one secret may add up to at most 0.9; more is refused at start. With rateLimitStore the
     * reserves of every node count, and every node's pool is sized from them whether or not it runs the reserved
     * endpoint; a reserve nobody uses for 60 s is lent to the pool for the rate, not the day. Default 0: no reserve,
     * the pool only. Endpoints with the same budgetShare name share one reserve. See docs/rate-limiting.md, Budget
     * shares.
     */
    private Double budgetReserve = 0.0;

    /**
     * The name of this endpoint's budget share (used only with budgetReserve): endpoints with the same name share one
     * reserve, and with rateLimitStore the name keys the reserve's bucket in the store, so every node running the route
     * shares it. Default: the consumer's stateKey when set, else cashfin-leads: and the operation, followed by the
     * endpoint's source, status and search options, e.g. cashfin-leads:list or cashfin-leads:create with
     * source=website. Set it when two endpoints with those same options need separate reserves, or to keep a stored
     * reserve when options change. See docs/rate-limiting.md, Naming a share.
     */
    private String budgetShare;

    /**
     * A shared sliding log of sends (a SharedAdmissionLog bean such as #bean:cashfinRateLimitLog, e.g.
     * africa.cashfin.camel.leads.state.PostgresAdmissionLog on the database of rateLimitStore): right before each
     * call leaves, the limiter counts the sends of every JVM using the secret in the sliding window, not only its own,
     * so a cluster keeps a strict sliding window too. Recommended for a cluster. Default: a log in this JVM. See
     * docs/cluster.md. The option is a africa.cashfin.camel.leads.api.limit.SharedAdmissionLog type: give a bean
     * reference such as #bean:myBean.
     */
    private africa.cashfin.camel.leads.api.limit.SharedAdmissionLog rateLimitLog;

    /**
     * The Cashfin client secret (cs_...), sent as the Authorization header on every call. Set it once for every
     * endpoint (camel.component.cashfin-leads.client-secret, or the Kamelet's clientSecret) from an environment
     * variable or a vault; a value that still holds an unresolved placeholder is refused at route start. In a URI wrap
     * it as RAW(cs_...). Masked in logged URIs (clientSecret=xxxxxx); never in exception messages, toString(), logs or
     * JMX. Missing: the endpoint fails at route start and says where to set it. Secret: masked (******) in the
     * actuator's env and configprops endpoints by this starter.
     */
    private String clientSecret;

    /**
     * Camel SSLContextParameters (trust store, key store, protocols) for the TLS connection to the API, e.g.
     * #bean:myTls. Default: the JVM's. The option is a org.apache.camel.support.jsse.SSLContextParameters type: give a
     * bean reference such as #bean:myBean.
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

    public String getAdaptiveObjective() {
        return adaptiveObjective;
    }

    public void setAdaptiveObjective(String adaptiveObjective) {
        this.adaptiveObjective = adaptiveObjective;
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

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
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
