package africa.cashfin.camel.leads;

import java.net.URI;
import java.time.Duration;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.processor.state.MemoryStateRepository;

import io.github.bucket4j.distributed.proxy.ProxyManager;

import africa.cashfin.camel.leads.api.BaseUrlAndProxy;
import africa.cashfin.camel.leads.api.CashfinClientSettings;
import africa.cashfin.camel.leads.api.DeduplicateBy;
import africa.cashfin.camel.leads.api.LeadQuery;
import africa.cashfin.camel.leads.api.limit.BudgetShares;
import africa.cashfin.camel.leads.api.limit.RateLimits;
import africa.cashfin.camel.leads.api.limit.RatePlan;
import africa.cashfin.camel.leads.api.limit.SharedAdmissionLog;
import africa.cashfin.camel.leads.consumer.ConsumerState;
import africa.cashfin.camel.leads.consumer.FailedLeadBackoff;
import africa.cashfin.camel.leads.model.LeadFilter;
import africa.cashfin.camel.leads.scan.LeadScan;
import africa.cashfin.camel.leads.scan.SweepSettings;
import africa.cashfin.camel.leads.tenants.TenantId;

/**
 * Every option of a {@code cashfin-leads:} endpoint. The component holds one instance as the defaults; each endpoint
 * works on its own {@link #copy()}.
 */
@UriParams
public class CashfinLeadsConfiguration implements Cloneable {

    @UriPath(description = "The operation: `create` (one lead from the body) or `list` (one page of leads).",
             enums = "create,list")
    @Metadata(required = true)
    private CashfinLeadsOperation operation;

    @UriParam(label = "security", secret = true,
              description = "The Cashfin client secret (cs_...), sent as the Authorization header on every call. Set"
                            + " it once for every endpoint (camel.component.cashfin-leads.client-secret, or the"
                            + " Kamelet's clientSecret) from an environment variable or a vault; a value that still"
                            + " holds an unresolved placeholder is refused at route start. In a URI wrap it as"
                            + " RAW(cs_...). Masked in logged URIs (clientSecret=xxxxxx); never in exception messages,"
                            + " toString(), logs or JMX. Missing: the endpoint fails at route start and says where to"
                            + " set it.")
    @Metadata(required = true)
    private String clientSecret;

    @UriParam(defaultValue = CashfinClientSettings.DEFAULT_BASE_URL,
              description = "The API base URL (Cashfin has only production: there is no sandbox). http:// is refused"
                            + " unless the host is loopback (127.0.0.0/8, ::1, or a localhost name, or a name ending"
                            + " in .localhost, whose addresses are all loopback), e.g. a local simulator, and through"
                            + " a proxyHost only when the proxy is loopback too, because the secret must never travel"
                            + " in clear text.")
    private String baseUrl = CashfinClientSettings.DEFAULT_BASE_URL;

    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "How long to establish the connection (TCP and TLS) to the API, in milliseconds or as a"
                            + " duration such as 10s. A call that cannot connect in time fails with a"
                            + " CashfinTransportException of kind NOT_SENT (it was not sent).")
    private long connectTimeout = 10_000;

    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long to wait for the response once the request is sent, in milliseconds or as a"
                            + " duration such as 30s. A call that times out fails with kind AMBIGUOUS: the server may"
                            + " still have processed it.")
    private long responseTimeout = 30_000;

    @UriParam(label = "security",
              description = "Camel SSLContextParameters (trust store, key store, protocols) for the TLS connection to"
                            + " the API, e.g. #bean:myTls. Default: the JVM's.")
    private SSLContextParameters sslContextParameters;

    @UriParam(label = "advanced", defaultValue = "20",
              description = "The size of the HTTP connection pool that every endpoint of the JVM with the same base"
                            + " URL and connection options shares, whatever its secret (one pool and one idle-connection"
                            + " thread per base URL; each request carries its own secret): at most this many calls to the"
                            + " base URL at once, per route and in total. Calls run on the poll scheduler's threads"
                            + " (schedulerPoolSize) and the producers' callers, so it need not grow with the number of"
                            + " tenants: keep it at least schedulerPoolSize plus the producer calls made at once. The"
                            + " pool is closed when its last endpoint stops.")
    private int maxConnections = CashfinClientSettings.DEFAULT_MAX_CONNECTIONS;

    @UriParam(label = "proxy",
              description = "The host name or address of an HTTP proxy to reach the API through (no scheme, no port;"
                            + " e.g. a corporate proxy proxy.example.com); https calls are tunnelled through it with"
                            + " CONNECT, so the proxy never sees the secret or the leads. Requires proxyPort. With an"
                            + " http:// baseUrl (a local simulator) the proxy must be loopback itself, else the route"
                            + " refuses to start. Default: connect directly.")
    private String proxyHost;

    @UriParam(label = "proxy",
              description = "The port of the HTTP proxy set with proxyHost (1..65535, e.g. 3128); required with"
                            + " proxyHost.")
    private Integer proxyPort;

    @UriParam(label = "proxy,security", secret = true,
              description = "The user name for the proxy's Basic authentication (Proxy-Authorization, sent up front on"
                            + " every request and on the CONNECT), with proxyPassword. Masked like the client secret.")
    private String proxyUsername;

    @UriParam(label = "proxy,security", secret = true,
              description = "The password for the proxy's Basic authentication, with proxyUsername. Masked like the"
                            + " client secret: proxyPassword=xxxxxx in logged URIs, never in toString(), exception"
                            + " messages, logs or JMX (nor its Basic token, should the proxy echo it back). Set it"
                            + " from an environment variable or vault; in a URI wrap it as RAW(...).")
    private String proxyPassword;

    @UriParam(description = "create: the lead source (e.g. website) set on every lead that carries none; a lead's own"
                            + " source wins. list: only leads with this source; header CamelCashfinSource overrides"
                            + " it.")
    private String source;

    @UriParam(label = "producer",
              description = "list producer: the page to read, 1-based (API default 1). Header CamelCashfinPage"
                            + " overrides it. Below 1: fails at route start (or on the message, for the header). A"
                            + " consumer URI with page fails at route start: the consumer decides which pages to read.")
    private Integer page;

    @UriParam(description = "list: leads per page, 1..100 (API default 10 for the producer; the consumer reads full"
                            + " pages of 100 unless set: fewer per page means more calls). Header CamelCashfinLimit"
                            + " overrides it (producer). Out of range: fails at route start (or on the message, for"
                            + " the header) and nothing is sent.")
    private Integer limit;

    @UriParam(description = "list: only leads whose name, email, phone or company match this text. Header"
                            + " CamelCashfinSearch overrides it.")
    private String search;

    @UriParam(enums = "new,contacted,qualified,converted,lost",
              description = "list: only leads with this status (new, contacted, qualified, converted, lost; any case;"
                            + " sent in lower case). Header CamelCashfinStatus overrides it. An unknown status fails"
                            + " with the list of allowed ones.")
    private String status;

    // ---- consumer options ----

    @UriParam(label = "consumer", defaultValue = "beginning",
              description = "Where a consumer with no saved state starts: beginning emits every existing lead"
                            + " (backfill, oldest first), now records existing leads as seen without emitting them"
                            + " (only leads created after the start are emitted), an ISO-8601 instant (e.g."
                            + " 2024-01-15T00:00:00Z) emits leads created at or after it. Ignored once state exists (a"
                            + " restart never starts over). Anything else fails at route start. With now and a"
                            + " stateRepository, removing the cursor entry starts the consumer from now again (one"
                            + " WARN) instead of emitting every older lead.")
    private String startFrom = "beginning";

    @UriParam(label = "consumer", defaultValue = "false",
              description = "Also emit leads whose updatedat moved (header CamelCashfinEventType=updated). A lead"
                            + " updated twice between polls gives one event (its latest version). Costs a read of"
                            + " every page on every poll, because updates do not move a lead in the list.")
    private boolean emitUpdates;

    @UriParam(label = "consumer",
              description = "Where the keys of delivered leads are kept (any Camel IdempotentRepository: file, JDBC,"
                            + " Redis, Infinispan...): the _id for a creation, _id@updatedat for an update, plus one"
                            + " marker key written after the first complete scan. A key is added only after the lead's"
                            + " exchange succeeded. A persistent repository alone is enough for a restart to emit"
                            + " nothing twice and miss nothing. Default: in memory, the 100,000 most recent keys"
                            + " (about 18 MB), lost on restart: a restarted consumer with the default backfills again."
                            + " Use one repository (or one JDBC processorName) per consumer endpoint: keys are lead"
                            + " ids, so two endpoints with different filters sharing one repository would hide leads"
                            + " from each other.")
    private IdempotentRepository idempotentRepository;

    @UriParam(label = "consumer",
              description = "Where the scan cursor is kept between polls and restarts (any Camel StateRepository of"
                            + " String to String: FileStateRepository, MemoryStateRepository, or the component's"
                            + " JdbcStateRepository to share it between cluster nodes), under the key stateKey, with"
                            + " the failing leads' retry state beside it; saved after each complete poll and, while a"
                            + " poll handles the list oldest first page by page (a newest-first backfill or walk back,"
                            + " an oldest-first read), after each page whose leads all have their outcome (a checkpoint:"
                            + " a poll cut short resumes there). The sweep's position beside it under stateKey#sweep,"
                            + " saved after every sweep page. With adaptivePolling, also"
                            + " the learnt arrival profiles of weekdays and weekends under stateKey#arrivals and"
                            + " stateKey#arrivals#weekend (hourly counts, saved at most once"
                            + " an hour and at stop). Optional: without it the"
                            + " cursor lives in memory and the first poll after a restart re-reads every page"
                            + " (skipping delivered leads by id). Each consumer start claims a leadership epoch in it"
                            + " (under stateKey#leader-epoch): once a newer consumer (the next cluster leader) has"
                            + " claimed one, this consumer's cursor writes are refused and it emits nothing more. A"
                            + " persistent one requires a persistent idempotentRepository too: with the default"
                            + " in-memory repository the route fails at start.")
    private StateRepository<String, String> stateRepository;

    @UriParam(label = "advanced",
              description = "The tenant (client business) this endpoint works for, e.g. acme: the tag tenant on every"
                            + " Micrometer meter of the endpoint, the JMX attribute TenantId of the endpoint and of its"
                            + " consumer, and the dev console's per-tenant figures (calls today, last poll, leads"
                            + " emitted, failures) with their totals. Default: the fingerprint of the client secret, e.g."
                            + " secret#2d0a5fe178cc (never the secret itself). 1 to 64 letters, digits, '.', '_' or '-',"
                            + " starting with a letter or digit. Each value adds its own meters, so take it from a"
                            + " bounded list such as the tenant table (docs/tenants.md), never from message data."
                            + " Endpoints of different tenants keep separate clients, so each tenant's calls are"
                            + " counted apart.")
    private String tenantId;

    @UriParam(label = "consumer",
              description = "The key of this endpoint's cursor in stateRepository (and the suffix of its marker key in"
                            + " idempotentRepository). Default: cashfin-leads:list followed by the filters, e.g."
                            + " cashfin-leads:list with status=qualified and source=website. Set it when two endpoints"
                            + " with the same filters must keep separate state. On Camel's FileStateRepository,"
                            + " which cannot hold = or a line break in a key, the default key is stored"
                            + " percent-encoded (= as %3D) and a stateKey with either fails at start; every other"
                            + " repository stores the key as it is.")
    private String stateKey;

    @UriParam(label = "consumer", defaultValue = "300000", javaType = "java.time.Duration",
              description = "How far below the cursor each poll looks again, in milliseconds or as a duration such as"
                            + " 5m, to catch leads whose createdat is slightly older than leads already seen (server"
                            + " clock skew, late commits) and leads sharing the boundary timestamp. Leads inside it"
                            + " that were already delivered are skipped by id, so a longer lookback costs only reads,"
                            + " never duplicates. Negative: fails at route start.")
    private long lookback = DEFAULT_LOOKBACK_MILLIS;

    @UriParam(label = "consumer", defaultValue = "0",
              description = "The most leads one poll emits; 0 (default) = no limit. A poll that reaches it stops"
                            + " reading; the next poll re-reads from the same cursor and skips the delivered leads by id,"
                            + " which costs calls (a newest-first backfill walks up from the last page again). Prefer"
                            + " the default: each page is already one batch.")
    private int maxMessagesPerPoll;

    @UriParam(label = "consumer", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long a lead whose exchange failed (an exception, or marked rollback-only) waits before"
                            + " the consumer offers it again, in milliseconds or as a duration such as `30s`; each further"
                            + " failure multiplies the wait by `failedLeadRetryMultiplier`, up to `failedLeadMaxRetryDelay`."
                            + " The lead is offered by the first poll after the wait, so the poll `delay` is the least wait."
                            + " Meanwhile the other leads keep flowing, the failed lead is not recorded and the cursor"
                            + " stays at or before it. 0: offered again by every poll.")
    private long failedLeadRetryDelay = DEFAULT_FAILED_LEAD_RETRY_DELAY;

    @UriParam(label = "consumer", defaultValue = "2",
              description = "Factor by which the wait before a failed lead is offered again grows after each further"
                            + " failure (1 or more; 1 keeps it at `failedLeadRetryDelay`).")
    private double failedLeadRetryMultiplier = DEFAULT_FAILED_LEAD_RETRY_MULTIPLIER;

    @UriParam(label = "consumer", defaultValue = "3600000", javaType = "java.time.Duration",
              description = "The longest wait before a failed lead is offered again, in milliseconds or as a duration"
                            + " such as 1h (default 1 hour: with failedLeadMaxAttempts=0 a lead that always fails"
                            + " costs about 24 attempts a day, and a log line only at attempts 1, 2, 4, 8...).")
    private long failedLeadMaxRetryDelay = DEFAULT_FAILED_LEAD_MAX_RETRY_DELAY;

    @UriParam(label = "consumer", defaultValue = "true",
              description = "The sweep: re-read the whole view (the list with this endpoint's filters) in the"
                            + " background, a few pages per poll after the fast path on a share of the calls"
                            + " (sweepBudget), and emit every lead in it the idempotentRepository does not know: leads"
                            + " that entered the view by a change of status or source, became visible late, or were"
                            + " skipped by a page shift (header CamelCashfinEmittedBy=sweep). Its position is saved in"
                            + " stateRepository under stateKey#sweep (in memory without one). Off with emitUpdates"
                            + " (every page is read on every poll then). false: only the fast path, whose guarantee"
                            + " then rests on the server's order and prompt visibility.")
    private boolean sweepEnabled = true;

    @UriParam(label = "consumer,scheduler", defaultValue = "false",
              description = "Let the consumer set its own poll cadence instead of the fixed delay, spending per server"
                            + " day the calls delay would (the day's plan, 288 at 5 min) where leads arrive: polls"
                            + " spread in proportion to the square root of the arrival rate expected at each time of"
                            + " the server's day (the median of the last 5 server days of the same kind, weekdays or"
                            + " weekends, per 15-minute slot, learnt from the leads it emits; kept in stateRepository"
                            + " under stateKey#arrivals and stateKey#arrivals#weekend, so a restart follows it at once,"
                            + " in memory without one; flat before two whole days of the kind), between"
                            + " minDelay and"
                            + " maxDelay (plan; idle at maxDelay); faster while a poll finds leads arriving more than"
                            + " four times faster than expected (burst), back to the plan once no poll has found a"
                            + " burst for 20 of its mean gaps between leads (a gap in a burst does not end it); and"
                            + " never faster than its share of the server's day allows (budget: its"
                            + " budgetReserve, else the pool's fraction, of the plan's daily calls; spent when nothing"
                            + " is left: the next poll is at the start of the server's next day). One INFO line per"
                            + " change of regime. The cadence, the calls left and the projected spend are in JMX, the"
                            + " dev console and metrics. See docs/rate-limiting.md#adaptive-polling.")
    private boolean adaptivePolling;

    @UriParam(label = "consumer,scheduler", defaultValue = "mean",
              enums = africa.cashfin.camel.leads.consumer.PollCadence.Objective.NAMES,
              description = "With adaptivePolling: what the day's plan makes short. mean (default): the mean wait of a"
                            + " lead, polls in proportion to the square root of the expected arrival rate (a busy hour"
                            + " is polled more than a quiet one, a quiet one still often). tail: the longest wait of"
                            + " a lead where leads arrive, the plan's polls spread evenly over the 15-minute slots of"
                            + " the server's day where leads arrived on past days and the other slots polled at"
                            + " maxDelay; only when the past days' leads kept to their hours (each day's leads at"
                            + " least 99 % in the other days' slots), else evenly over the whole day. A lead at a"
                            + " time of day when none arrived before waits up to maxDelay. See"
                            + " docs/rate-limiting.md#adaptive-polling.")
    private String adaptiveObjective = "mean";

    @UriParam(label = "consumer,scheduler", defaultValue = "10000", javaType = "java.time.Duration",
              description = "With adaptivePolling: the shortest delay, in milliseconds or as a duration (10s): the"
                            + " cadence of a burst whose leads arrive fast, while the plan and the budget allow. More"
                            + " than 0 and at most delay. The scheduler ticks every minDelay / 5 (10 ms to 1 s) and a"
                            + " tick that is not due makes no call.")
    private long minDelay = DEFAULT_MIN_DELAY_MILLIS;

    @UriParam(label = "consumer,scheduler", defaultValue = "1800000", javaType = "java.time.Duration",
              description = "With adaptivePolling: the longest delay, in milliseconds or as a duration (30m): the"
                            + " worst time-to-emit of a lead at a time of day when none arrived on past days, and the"
                            + " cadence once the day's plan is spent. At least delay. The budget may make the delay"
                            + " longer.")
    private long maxDelay = DEFAULT_MAX_DELAY_MILLIS;

    @UriParam(label = "consumer", defaultValue = "0.1",
              description = "The fraction of this endpoint's calls of the day the sweep may spend (above 0, at most"
                            + " 0.5): the plan's day budget (after rateLimitMargin) times the endpoint's budget share"
                            + " (its budgetReserve, else the pool's fraction). Default 0.1: on the Free plan about 98"
                            + " pages a day, a full pass of a 1,000-lead view every 2.5 hours. Without a daily limit"
                            + " (plan unlimited) the endpoint's day is its idle polls a day (86,400 s / delay).")
    private double sweepBudget = SweepSettings.DEFAULT_BUDGET;

    @UriParam(label = "consumer", defaultValue = "2",
              description = "The most pages the sweep reads in one poll, after the fast path. A pass brought forward"
                            + " (the view's total moved in a way the new leads do not explain, or sweep now) reads"
                            + " this many pages every poll until it reaches the bottom, borrowing up to one day of its"
                            + " budget, which the pace then pays back.")
    private int sweepPagesPerPoll = SweepSettings.DEFAULT_PAGES_PER_POLL;

    @UriParam(label = "consumer", defaultValue = "3600000", javaType = "java.time.Duration",
              description = "The shortest time between the starts of two sweep passes, in milliseconds or as a"
                            + " duration (1h): an unchanged view is not re-read more often than this, whatever"
                            + " sweepBudget allows (without it, on the Starter and Professional plans at the default"
                            + " delay every idle poll would cost 3 calls and a 1,000-lead view be re-read every 25"
                            + " minutes). A pass brought forward (evidence, sweep now) starts at once. 0: as soon as"
                            + " the budget allows. The sweep's detection bound is then at least this interval.")
    private long sweepMinPassInterval = SweepSettings.DEFAULT_MIN_PASS_INTERVAL.toMillis();

    public boolean isSweepEnabled() {
        return sweepEnabled;
    }

    public void setSweepEnabled(boolean sweepEnabled) {
        this.sweepEnabled = sweepEnabled;
    }

    public double getSweepBudget() {
        return sweepBudget;
    }

    public boolean isAdaptivePolling() {
        return adaptivePolling;
    }

    public void setAdaptivePolling(boolean adaptivePolling) {
        this.adaptivePolling = adaptivePolling;
    }

    public String getAdaptiveObjective() {
        return adaptiveObjective;
    }

    public void setAdaptiveObjective(String adaptiveObjective) {
        this.adaptiveObjective = adaptiveObjective;
    }

    public long getMinDelay() {
        return minDelay;
    }

    public void setMinDelay(long minDelay) {
        this.minDelay = minDelay;
    }

    public long getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(long maxDelay) {
        this.maxDelay = maxDelay;
    }

    /**
     * The adaptive cadence of a new consumer, or null with {@code adaptivePolling=false}.
     *
     * @param delay the endpoint's {@code delay}: its calls make the day's plan
     */
    public africa.cashfin.camel.leads.consumer.PollCadence pollCadence(long delay) {
        return adaptivePolling ? new africa.cashfin.camel.leads.consumer.PollCadence(
                java.time.Duration.ofMillis(minDelay), java.time.Duration.ofMillis(maxDelay),
                java.time.Duration.ofMillis(delay),
                africa.cashfin.camel.leads.consumer.PollCadence.Objective.parse(adaptiveObjective)) : null;
    }

    public void setSweepBudget(double sweepBudget) {
        this.sweepBudget = sweepBudget;
    }

    public int getSweepPagesPerPoll() {
        return sweepPagesPerPoll;
    }

    public void setSweepPagesPerPoll(int sweepPagesPerPoll) {
        this.sweepPagesPerPoll = sweepPagesPerPoll;
    }

    public long getSweepMinPassInterval() {
        return sweepMinPassInterval;
    }

    public void setSweepMinPassInterval(long sweepMinPassInterval) {
        this.sweepMinPassInterval = sweepMinPassInterval;
    }

    @UriParam(label = "consumer", defaultValue = "5",
              description = "After this many failed attempts the consumer gives up on a lead (a poison lead): it hands"
                            + " a PoisonedLeadException carrying the lead (getLead(), getAttempts(), getLastError())"
                            + " to the consumer's exception handler once (one log line with Camel's default handler;"
                            + " with bridgeErrorHandler=true it goes to the route's error handler, e.g. a dead letter"
                            + " channel) and records the lead as handled: it is never offered again. With the default"
                            + " waits and poll delay the fifth attempt comes about 20 minutes after the first. Until"
                            + " then the lead is retried from memory, apart from the cursor, at no list call. 0: never"
                            + " give up. With a stateRepository the count is saved beside the cursor and survives a"
                            + " restart or a leader change; without one a restart starts it again.")
    private int failedLeadMaxAttempts = DEFAULT_FAILED_LEAD_MAX_ATTEMPTS;

    @UriParam(label = "consumer", defaultValue = "25",
              description = "The most failed leads the consumer retries apart from its cursor (the retry ledger), 0 to"
                            + " 30. Each is kept in memory with the data read and saved beside the cursor (at most"
                            + " about 105 characters each in the state row, which must fit JdbcStateRepository's"
                            + " 4,000-character column), so polls stay idle (1 call) while they fail and retries cost no"
                            + " list call. A lead that fails while the ledger is full is not dropped: it holds the"
                            + " cursor back to its createdat, so each poll re-reads the list down to it (about"
                            + " ceil(newer leads / limit) + 1 calls) and offers it again, until it succeeds, is poisoned"
                            + " (failedLeadMaxAttempts) or finds room in the ledger. 0: every failed lead holds the"
                            + " cursor back.")
    private int failedLeadsMax = LeadScan.DEFAULT_FAILED_LEADS_MAX;

    /** Default {@code failedLeadRetryDelay}: 30 seconds. */
    public static final long DEFAULT_FAILED_LEAD_RETRY_DELAY = 30_000;
    /** Default {@code failedLeadRetryMultiplier}: 2. */
    public static final double DEFAULT_FAILED_LEAD_RETRY_MULTIPLIER = 2.0;
    /** Default {@code failedLeadMaxRetryDelay}: 1 hour. */
    public static final long DEFAULT_FAILED_LEAD_MAX_RETRY_DELAY = 3_600_000;
    /**
     * Default {@code failedLeadMaxAttempts}: 5. With the default waits (30 s doubling) and the default 5-minute poll
     * delay the fifth attempt comes about 20 minutes after the first: long enough for a target system's restart or a
     * deployment, short enough that a route refusing a lead for good hands it to the exception handler the same hour.
     */
    public static final int DEFAULT_FAILED_LEAD_MAX_ATTEMPTS = 5;

    /** Default {@code lookback}: 5 minutes. */
    public static final long DEFAULT_LOOKBACK_MILLIS = 300_000;

    /** Default {@code minDelay} of adaptive polling: 10 seconds. */
    public static final long DEFAULT_MIN_DELAY_MILLIS = 10_000;

    /** Default {@code maxDelay} of adaptive polling: 30 minutes. */
    public static final long DEFAULT_MAX_DELAY_MILLIS = 1_800_000;

    public String getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }

    public boolean isEmitUpdates() {
        return emitUpdates;
    }

    public void setEmitUpdates(boolean emitUpdates) {
        this.emitUpdates = emitUpdates;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getTenantId() {
        return tenantId;
    }

    /** The tenant this endpoint works for: a tag on its meters, a JMX attribute, a dev console group. */
    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    /** The tenant this endpoint works for: {@link #getTenantId()}, else its secret's fingerprint ({@link TenantId}). */
    public String effectiveTenantId() {
        return TenantId.effective(tenantId, clientSecret);
    }

    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }

    public long getLookback() {
        return lookback;
    }

    public void setLookback(long lookback) {
        this.lookback = lookback;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public long getFailedLeadRetryDelay() {
        return failedLeadRetryDelay;
    }

    public void setFailedLeadRetryDelay(long failedLeadRetryDelay) {
        this.failedLeadRetryDelay = failedLeadRetryDelay;
    }

    public double getFailedLeadRetryMultiplier() {
        return failedLeadRetryMultiplier;
    }

    public void setFailedLeadRetryMultiplier(double failedLeadRetryMultiplier) {
        this.failedLeadRetryMultiplier = failedLeadRetryMultiplier;
    }

    public long getFailedLeadMaxRetryDelay() {
        return failedLeadMaxRetryDelay;
    }

    public void setFailedLeadMaxRetryDelay(long failedLeadMaxRetryDelay) {
        this.failedLeadMaxRetryDelay = failedLeadMaxRetryDelay;
    }

    public int getFailedLeadMaxAttempts() {
        return failedLeadMaxAttempts;
    }

    public void setFailedLeadMaxAttempts(int failedLeadMaxAttempts) {
        this.failedLeadMaxAttempts = failedLeadMaxAttempts;
    }

    public int getFailedLeadsMax() {
        return failedLeadsMax;
    }

    public void setFailedLeadsMax(int failedLeadsMax) {
        this.failedLeadsMax = failedLeadsMax;
    }

    /** The options the consumer's lasting state is made from (its scan, sweep and keys). */
    ConsumerState.Options consumerStateOptions() {
        return new ConsumerState.Options(stateKey, filter(), limit, Duration.ofMillis(lookback), startFrom, emitUpdates,
                                         sweepEnabled, sweepBudget, sweepPagesPerPoll,
                                         Duration.ofMillis(sweepMinPassInterval), idempotentRepository,
                                         stateRepository, failedLeadsMax);
    }

    /**
     * Checks the consumer options; called when a consumer is created.
     *
     * @param delay the endpoint's {@code delay}
     */
    void validateConsumer(long delay) {
        ConsumerState.Options options = consumerStateOptions();
        options.parsedStartFrom();
        africa.cashfin.camel.leads.consumer.PollCadence.Objective.parse(adaptiveObjective);
        pollCadence(delay);
        options.checkSweep();
        options.checkStateKey();
        if (lookback < 0) {
            throw new IllegalArgumentException("lookback must not be negative (e.g. 5m), got " + lookback + " ms");
        }
        if (maxMessagesPerPoll < 0) {
            throw new IllegalArgumentException("maxMessagesPerPoll must be 0 (no limit) or more, got "
                                               + maxMessagesPerPoll);
        }
        if (page != null) {
            throw new IllegalArgumentException("page is a producer option: the consumer decides which pages to read;"
                                               + " remove page from the consumer URI");
        }
        if (failedLeadRetryDelay < 0) {
            throw new IllegalArgumentException("failedLeadRetryDelay must not be negative (e.g. 30s), got "
                                               + failedLeadRetryDelay + " ms");
        }
        if (!(failedLeadRetryMultiplier >= 1)) {
            throw new IllegalArgumentException("failedLeadRetryMultiplier must be 1 or more (e.g. 2), got "
                                               + failedLeadRetryMultiplier);
        }
        if (failedLeadMaxAttempts < 0) {
            throw new IllegalArgumentException("failedLeadMaxAttempts must be 0 (never give up) or more (e.g. 5), got "
                                               + failedLeadMaxAttempts);
        }
        if (failedLeadsMax < 0 || failedLeadsMax > LeadScan.MAX_FAILED_LEADS_MAX) {
            throw new IllegalArgumentException("failedLeadsMax must be between 0 (every failed lead holds the cursor"
                                               + " back) and " + LeadScan.MAX_FAILED_LEADS_MAX + " (the state row must"
                                               + " fit a 4,000-character JDBC column), got " + failedLeadsMax);
        }
        if (failedLeadMaxRetryDelay < failedLeadRetryDelay) {
            throw new IllegalArgumentException("failedLeadMaxRetryDelay (" + failedLeadMaxRetryDelay + " ms) must not be"
                                               + " shorter than failedLeadRetryDelay (" + failedLeadRetryDelay + " ms)");
        }
        if (stateRepository != null && idempotentRepository == null && !(stateRepository instanceof MemoryStateRepository)) {
            throw new IllegalArgumentException("stateRepository keeps the cursor across restarts, but the"
                                               + " idempotentRepository is the default in-memory one, which a restart"
                                               + " empties: the leads of the lookback window would be emitted again"
                                               + " after every restart. Either set idempotentRepository to a persistent"
                                               + " repository as well (e.g. a FileIdempotentRepository or"
                                               + " JdbcMessageIdRepository bean: idempotentRepository=#leadIds), or"
                                               + " remove stateRepository (a persistent idempotentRepository alone is"
                                               + " enough for correct restarts)");
        }
    }

    /** The back-off of leads whose exchange failed. */
    FailedLeadBackoff.Policy failedLeadBackoffPolicy() {
        return new FailedLeadBackoff.Policy(Duration.ofMillis(failedLeadRetryDelay), failedLeadRetryMultiplier,
                                            Duration.ofMillis(failedLeadMaxRetryDelay));
    }

    // ---- end of consumer options ----

    // ---- rate limiting, retries and bulk ----

    /** The value of {@link #getPlan() plan} that sets no plan limits (Enterprise / custom plans). */
    public static final String PLAN_UNLIMITED = "unlimited";

    @UriParam(label = "ratelimit", defaultValue = "free", enums = RatePlan.NAMES + "," + PLAN_UNLIMITED,
              description = "The Cashfin plan of the client secret, whose published call limits the component keeps"
                            + " under (the plans and their limits: docs/rate-limiting.md), case-insensitive. The"
                            + " default, free, is the smallest plan, safe for every account: set your plan once with"
                            + " camel.component.cashfin-leads.plan to go faster. unlimited: no limit of its own, for"
                            + " Enterprise/custom plans, with maxRequestsPerSecond/Minute/Day for the custom limits,"
                            + " or none at all. Unknown values fail at route start. Every endpoint using one secret"
                            + " must use the same limits.")
    private String plan = RatePlan.FREE.optionName();

    @UriParam(label = "ratelimit",
              description = "Calls per second allowed for the secret (a whole number, 1 or more); overrides the plan's"
                            + " value for this window.")
    private Integer maxRequestsPerSecond;

    @UriParam(label = "ratelimit",
              description = "Calls per minute allowed for the secret (a whole number, 1 or more); overrides the plan's"
                            + " value for this window.")
    private Integer maxRequestsPerMinute;

    @UriParam(label = "ratelimit",
              description = "Calls per day allowed for the secret (a whole number, 1 or more); overrides the plan's"
                            + " value for this window.")
    private Integer maxRequestsPerDay;

    @UriParam(label = "ratelimit", defaultValue = "0.02",
              description = "Fraction of every limit left unused (0 to 0.5), to absorb network jitter and clock"
                            + " differences: 0.02 keeps 2% below each limit.")
    private double rateLimitMargin = RateLimits.DEFAULT_MARGIN;

    @UriParam(label = "ratelimit,advanced", defaultValue = "25", javaType = "java.time.Duration",
              description = "The network jitter the pacing absorbs, in milliseconds or as a duration such as"
                            + " `25ms` (0 to 1 s): the component keeps every span of one second plus this (and of one"
                            + " minute plus this), counted when its calls leave, to at most the limit, so calls that"
                            + " reach Cashfin up to this much later than others still keep any window, even a sliding"
                            + " one counted at arrival. Larger values are safer on slow or congested networks and"
                            + " cost throughput on the per-second limit (about this fraction of a second).")
    private long rateLimitJitter = RateLimits.DEFAULT_JITTER.toMillis();

    @UriParam(label = "ratelimit", defaultValue = "3",
              description = "Retries after the first attempt of one call (0 disables retrying). list is retried on"
                            + " 429, 5xx and I/O errors; create only when the request provably did not reach the"
                            + " server (not sent, 429, 503 with Retry-After), or after a look-up with"
                            + " `deduplicateBy`.")
    private int maxRetries = 3;

    @UriParam(label = "ratelimit", defaultValue = "60000", javaType = "java.time.Duration",
              description = "The longest one call waits in total, for the rate limiter and between its retries, in"
                            + " milliseconds or as a duration such as 60s. A retry whose wait would go beyond it is"
                            + " not made; a call that cannot get a slot within what is left fails with"
                            + " RateLimitWaitExceededException, which says when to retry, without being sent.")
    private long maxRetryWait = 60_000;

    @UriParam(label = "ratelimit,advanced",
              description = "A Bucket4j ProxyManager bean of String keys (e.g. #bean:cashfinRateLimitStore on"
                            + " PostgreSQL) holding the secret's call budget in a shared store, so several JVMs using"
                            + " one secret share one budget. Default: a bucket in this JVM. See docs/rate-limiting.md.")
    private ProxyManager<String> rateLimitStore;

    @UriParam(label = "ratelimit", defaultValue = "0.0",
              description = "The fraction of the client secret's call budget kept for this endpoint, from 0 to 0.9:"
                            + " its calls (creates, dedupe look-ups, list pages, polls, retries) may always use this"
                            + " share of the per-second/minute rate and of the daily budget, whatever the other"
                            + " endpoints of the secret do. Every endpoint also draws on the pool, the rest of the"
                            + " budget (1 minus the sum of the reserves), first come first served. For example 0.3 on"
                            + " the lead consumer keeps 17.6 calls/min and 294 calls/day of the Free plan for its"
                            + " polls while a web-form flood or a CSV import spends the pool. The reserves of one"
                            + " secret may add up to at most 0.9; more is refused at start. With rateLimitStore the"
                            + " reserves of every node count, and every node's pool is sized from them whether or not"
                            + " it runs the reserved endpoint; a reserve nobody uses for 60 s is lent to the pool for"
                            + " the rate, not the day. Default 0: no reserve, the pool only. Endpoints with the same"
                            + " budgetShare name share one reserve. See docs/rate-limiting.md, Budget shares.")
    private double budgetReserve;

    @UriParam(label = "ratelimit,advanced",
              description = "The name of this endpoint's budget share (used only with budgetReserve): endpoints with"
                            + " the same name share one reserve, and with rateLimitStore the name keys the reserve's"
                            + " bucket in the store, so every node running the route shares it. Default: the"
                            + " consumer's stateKey when set, else cashfin-leads: and the operation, followed by the"
                            + " endpoint's source, status and search options, e.g. cashfin-leads:list or"
                            + " cashfin-leads:create with source=website. Set it when two endpoints with those same"
                            + " options need separate reserves, or to keep a stored reserve when options change. See"
                            + " docs/rate-limiting.md, Naming a share.")
    private String budgetShare;

    @UriParam(label = "ratelimit,advanced",
              description = "A shared sliding log of sends (a SharedAdmissionLog bean such as"
                            + " #bean:cashfinRateLimitLog, e.g."
                            + " africa.cashfin.camel.leads.state.PostgresAdmissionLog on the database of"
                            + " rateLimitStore): right before each call leaves, the limiter counts the sends of every"
                            + " JVM using the secret in the sliding window, not only its own, so a cluster keeps a"
                            + " strict sliding window too. Recommended for a cluster. Default: a log in this JVM. See"
                            + " docs/cluster.md.")
    private SharedAdmissionLog rateLimitLog;

    @UriParam(label = "producer", defaultValue = "none", enums = "none,email,phone",
              description = "create: find-or-create. email or phone: look the lead up by that field before creating it"
                            + " and before any retry after an ambiguous failure (the email compared trimmed and"
                            + " case-insensitive, the phone by its digits only); an existing lead is returned with"
                            + " header CamelCashfinLeadCreated=false. Costs one list call per lead. none: no look-up;"
                            + " an ambiguous failure is reported, never retried. A lead without the field is created"
                            + " without look-up.")
    private String deduplicateBy = "none";

    @UriParam(label = "producer", defaultValue = "4",
              description = "create with a List/Iterable/Iterator/Stream/array body (bulk): how many leads are created"
                            + " at the same time (all under the rate limiter).")
    private int concurrency = 4;

    @UriParam(label = "producer", defaultValue = "false",
              description = "create with a List/Iterable/Iterator/Stream/array body (bulk): `false` (default): when"
                            + " any item fails, the exchange fails with a `BulkCreateException` carrying the"
                            + " `BulkCreateResult` (also the body), so a file or batch is never marked done while rows"
                            + " failed. `true`: the exchange succeeds with the `BulkCreateResult` body and the route"
                            + " must read its failures (header `CamelCashfinFailedCount`).")
    private boolean bulkPartialSuccess;

    /** The rate limits these options stand for. */
    public RateLimits rateLimits() {
        RateLimits.Builder b = RateLimits.builder();
        if (!PLAN_UNLIMITED.equalsIgnoreCase(plan == null ? "" : plan.trim())) {
            b.plan(RatePlan.parse(plan == null ? "free" : plan));
        }
        return b.maxRequestsPerSecond(maxRequestsPerSecond).maxRequestsPerMinute(maxRequestsPerMinute)
                .maxRequestsPerDay(maxRequestsPerDay).margin(rateLimitMargin)
                .jitter(Duration.ofMillis(rateLimitJitter)).build();
    }

    /** The parsed {@link #getDeduplicateBy() deduplicateBy}. */
    public DeduplicateBy deduplication() {
        return DeduplicateBy.parse(deduplicateBy);
    }

    private void validateResilience() {
        if (plan != null && !plan.isBlank() && !PLAN_UNLIMITED.equalsIgnoreCase(plan.trim())) {
            try {
                RatePlan.parse(plan);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (or plan=unlimited)", e);
            }
        }
        rateLimits();
        deduplication();
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more (0 disables retrying), got " + maxRetries);
        }
        if (maxRetryWait < 0) {
            throw new IllegalArgumentException("maxRetryWait must be 0 or more (e.g. 60s), got " + maxRetryWait);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be 1 or more, got " + concurrency);
        }
        if (!(budgetReserve >= 0 && budgetReserve <= BudgetShares.MAX_TOTAL_RESERVE)) {
            throw new IllegalArgumentException("budgetReserve must be a fraction from 0 to "
                                               + BudgetShares.MAX_TOTAL_RESERVE + " of the secret's call budget (e.g."
                                               + " 0.3 for 30 %), got " + budgetReserve);
        }
    }

    public String getPlan() {
        return plan;
    }

    public void setPlan(String plan) {
        this.plan = plan;
    }

    public Integer getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    public void setMaxRequestsPerSecond(Integer maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    public Integer getMaxRequestsPerMinute() {
        return maxRequestsPerMinute;
    }

    public void setMaxRequestsPerMinute(Integer maxRequestsPerMinute) {
        this.maxRequestsPerMinute = maxRequestsPerMinute;
    }

    public Integer getMaxRequestsPerDay() {
        return maxRequestsPerDay;
    }

    public void setMaxRequestsPerDay(Integer maxRequestsPerDay) {
        this.maxRequestsPerDay = maxRequestsPerDay;
    }

    public double getRateLimitMargin() {
        return rateLimitMargin;
    }

    public void setRateLimitMargin(double rateLimitMargin) {
        this.rateLimitMargin = rateLimitMargin;
    }

    public long getRateLimitJitter() {
        return rateLimitJitter;
    }

    public void setRateLimitJitter(long rateLimitJitter) {
        this.rateLimitJitter = rateLimitJitter;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getMaxRetryWait() {
        return maxRetryWait;
    }

    public void setMaxRetryWait(long maxRetryWait) {
        this.maxRetryWait = maxRetryWait;
    }

    public ProxyManager<String> getRateLimitStore() {
        return rateLimitStore;
    }

    public void setRateLimitStore(ProxyManager<String> rateLimitStore) {
        this.rateLimitStore = rateLimitStore;
    }

    public double getBudgetReserve() {
        return budgetReserve;
    }

    public void setBudgetReserve(double budgetReserve) {
        this.budgetReserve = budgetReserve;
    }

    public String getBudgetShare() {
        return budgetShare;
    }

    public void setBudgetShare(String budgetShare) {
        this.budgetShare = budgetShare;
    }

    /**
     * The name of this endpoint's budget share: {@code budgetShare} when set, else the consumer's {@code stateKey} when
     * set, else {@code cashfin-leads:<operation>} plus the non-blank {@code source}, {@code status} and {@code search}.
     */
    public String effectiveBudgetShare() {
        if (budgetShare != null && !budgetShare.isBlank()) {
            return budgetShare.trim();
        }
        if (stateKey != null && !stateKey.isBlank()) {
            return stateKey.trim();
        }
        return filter().key("cashfin-leads:" + operation, LeadFilter.KeyOrder.BUDGET_SHARE);
    }

    public SharedAdmissionLog getRateLimitLog() {
        return rateLimitLog;
    }

    public void setRateLimitLog(SharedAdmissionLog rateLimitLog) {
        this.rateLimitLog = rateLimitLog;
    }

    public String getDeduplicateBy() {
        return deduplicateBy;
    }

    public void setDeduplicateBy(String deduplicateBy) {
        this.deduplicateBy = deduplicateBy;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public boolean isBulkPartialSuccess() {
        return bulkPartialSuccess;
    }

    public void setBulkPartialSuccess(boolean bulkPartialSuccess) {
        this.bulkPartialSuccess = bulkPartialSuccess;
    }

    // ---- end of rate limiting, retries and bulk ----

    /** An independent copy, so an endpoint can change its options without touching the component's defaults. */
    public CashfinLeadsConfiguration copy() {
        try {
            return (CashfinLeadsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /**
     * Checks the options together; called when the endpoint is created so a bad URI fails at route start.
     *
     * @throws IllegalArgumentException saying which option is wrong and what to do
     */
    public void validate() {
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientSecret is required: set it once with"
                                               + " camel.component.cashfin-leads.client-secret (e.g. from an environment"
                                               + " variable) or on the endpoint as clientSecret=RAW(cs_...)");
        }
        SecretOptions.checkResolved(this);
        URI checkedBaseUrl = BaseUrlAndProxy.checkBaseUrl(effectiveBaseUrl());
        // connectTimeout, responseTimeout and maxConnections: checked by CashfinClientSettings, built at endpoint start
        BaseUrlAndProxy.checkProxy(checkedBaseUrl, proxyHost, proxyPort, proxyUsername, proxyPassword);
        LeadQuery.checkPage("page option", page);
        LeadQuery.checkLimit("limit option", limit);
        status = LeadFilter.checkStatus("status option", status);
        if (tenantId != null && !TenantId.isValid(tenantId)) {
            throw new IllegalArgumentException("tenantId '" + tenantId + "' is not a tenant id: use " + TenantId.RULE
                                               + " (e.g. acme)");
        }
        validateResilience();
    }

    /** The list filters set by the {@code status}, {@code source} and {@code search} options. */
    public LeadFilter filter() {
        return new LeadFilter(status, source, search);
    }

    /** The base URL, defaulting when unset. */
    String effectiveBaseUrl() {
        return baseUrl == null || baseUrl.isBlank() ? CashfinClientSettings.DEFAULT_BASE_URL : baseUrl.trim();
    }

    public CashfinLeadsOperation getOperation() {
        return operation;
    }

    public void setOperation(CashfinLeadsOperation operation) {
        this.operation = operation;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
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

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public Integer getPage() {
        return page;
    }

    public void setPage(Integer page) {
        this.page = page;
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

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    /** Options for logs: the secret is never shown. */
    @Override
    public String toString() {
        return "CashfinLeadsConfiguration[operation=" + operation + ", baseUrl=" + baseUrl + ", clientSecret="
               + (clientSecret == null ? "unset" : "xxxxxx") + ", source=" + source + ", page=" + page + ", limit="
               + limit + ", status=" + status + ", plan=" + plan + ", deduplicateBy=" + deduplicateBy + ", proxy="
               + (proxyHost == null ? "none" : proxyHost + ":" + proxyPort) + (proxyUsername == null ? ""
                       : ", proxyUsername=xxxxxx, proxyPassword=xxxxxx") + "]";
    }
}
