package africa.cashfin.camel.simulator;


import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A stateful local Cashfin Leads API on WireMock: {@code POST /business/lead/create} and
 * {@code GET /business/lead/list} with authentication, validation, rate limits, switches to inject faults, and
 * an admin API under {@code /__cashfin/}. Thread-safe. See docs/simulator.md.
 *
 * <pre>{@code
 * try (CashfinSimulator sim = CashfinSimulator.builder().plan(Plan.FREE).seedLeads(25, 7).build().start()) {
 *     String url = sim.baseUrl();      // http://127.0.0.1:PORT
 *     String secret = sim.secret();    // value for the Authorization header
 * }
 * }</pre>
 */
public sealed class CashfinSimulator implements AutoCloseable permits CashfinSimulatorExtension {

    /** The secret accepted when the builder is given none. */
    public static final String DEFAULT_SECRET = "cs_test_4c5a9e7b21d84f0c9a6e3b5d";

    private static final Duration SEED_SPACING = Duration.ofMinutes(10);

    private final Builder config;
    private final Clock clock;
    private final Set<String> secrets;
    private final LeadStore store;
    private final RateLimiter limiter;
    private final FaultSwitchboard faults = new FaultSwitchboard();
    private final RequestCounters counters = new RequestCounters();
    private final Switches switches = new Switches();
    private final LeadApi api;
    private SeedLeadGenerator generator;
    private WireMockServer server;

    /** @param config the builder's settings; {@link CashfinSimulatorExtension} is the one subclass */
    CashfinSimulator(Builder config) {
        this.config = config;
        this.clock = config.clock;
        this.secrets = Set.copyOf(config.secrets.isEmpty() ? List.of(DEFAULT_SECRET) : config.secrets);
        this.store = new LeadStore(clock, config.seed);
        this.limiter = new RateLimiter(clock, config.plan, config.rateLimitMode);
        this.limiter.dayStart(config.dayStart);
        this.generator = new SeedLeadGenerator(config.seed + 1);
        this.api = new LeadApi(secrets, store, limiter, faults, counters, switches, this::insertGenerated, clock);
        applyBuilderSwitches();
        seedFromConfig();
    }

    /** @return a builder with defaults: random port, {@link #DEFAULT_SECRET}, {@link Plan#UNLIMITED}, no leads */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts the HTTP server on 127.0.0.1 (or the builder's {@link Builder#bindAddress(String) bind address}).
     *
     * @return this simulator
     */
    public synchronized CashfinSimulator start() {
        if (server != null) {
            return this;
        }
        WireMockConfiguration options = WireMockConfiguration.options()
                .port(config.port)
                .bindAddress(config.bindAddress)
                .containerThreads(config.containerThreads)
                .jettyAcceptors(1)
                .asynchronousResponseEnabled(false)
                .gzipDisabled(true)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .stubRequestLoggingDisabled(true)
                .notifier(new ConsoleNotifier(false))
                .extensions(new CashfinWireMockExtension(this));
        if (config.requestJournalEntries > 0) {
            options.maxRequestJournalEntries(config.requestJournalEntries);
        } else {
            options.disableRequestJournal();
        }
        WireMockServer s = new WireMockServer(options);
        s.start();
        server = s;
        return this;
    }

    /**
     * The handlers behind {@link CashfinWireMockExtension}, keyed by the value of its route parameter: the create
     * and list endpoints and the admin API, all sharing this simulator's state.
     *
     * @return route name to transformer
     */
    Map<String, ResponseDefinitionTransformerV2> routeTransformers() {
        Map<String, ResponseDefinitionTransformerV2> routes = new LinkedHashMap<>();
        for (Endpoint e : Endpoint.values()) {
            routes.put(LeadEndpointTransformer.nameFor(e), new LeadEndpointTransformer(e, api));
        }
        routes.put(AdminApiTransformer.NAME, new AdminApiTransformer(new AdminApi(this)));
        return Map.copyOf(routes);
    }

    /** Stops the HTTP server; state is kept, so {@link #start()} may be called again. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** @return true between {@link #start()} and {@link #stop()} */
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** @return the port the server listens on */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("The Cashfin simulator is not started: call start() first");
        }
        return server.port();
    }

    /** @return {@code http://127.0.0.1:PORT}, the value for the component's {@code baseUrl} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** @return the (first) accepted client secret, the value for the {@code Authorization} header */
    public String secret() {
        return secrets.iterator().next();
    }

    /**
     * The {@code cashfin-leads} endpoint options that match this simulator now: base URL, secret (as
     * {@code RAW(...)}) and its current plan, e.g.
     * {@code baseUrl=http://127.0.0.1:PORT&clientSecret=RAW(cs_test_...)&plan=unlimited}. Append it to an endpoint
     * URI: {@code "cashfin-leads:create?" + sim.endpointOptions()}. A custom plan gives {@code plan=unlimited} and
     * its {@code maxRequestsPer...} limits.
     *
     * @return the query string (no leading {@code ?})
     */
    public String endpointOptions() {
        return ComponentOptions.endpointQuery(ComponentOptions.of(baseUrl(), secret(), plan()));
    }

    /**
     * The same settings as {@link #endpointOptions()}, as option name to value ({@code baseUrl}, {@code clientSecret},
     * {@code plan}, ...), e.g. for
     * {@code PropertyBindingSupport.bindProperties(context, context.getComponent("cashfin-leads"), options)}.
     *
     * @return a new mutable map, in that order
     */
    public Map<String, Object> componentOptions() {
        return new LinkedHashMap<>(ComponentOptions.of(baseUrl(), secret(), plan()));
    }

    /**
     * The same settings as {@link #endpointOptions()}, as the component's properties
     * ({@code camel.component.cashfin-leads.base-url}, {@code .client-secret}, {@code .plan}, ...) for Camel Main,
     * Spring Boot or JBang.
     *
     * @return new properties
     */
    public java.util.Properties camelProperties() {
        return ComponentOptions.properties(ComponentOptions.of(baseUrl(), secret(), plan()));
    }

    /** @return the underlying WireMock server, for extra stubs or the request journal (if enabled) */
    public synchronized WireMockServer wireMockServer() {
        return server;
    }

    /** @return the clock that stamps {@code createdat} and drives the rate-limit windows */
    public Clock clock() {
        return clock;
    }

    /**
     * Back to the state right after construction: leads cleared (and the builder's seed leads re-created),
     * counters zeroed, rate-limit windows emptied, every switch at its default, the plan, the rate-limit mode, the
     * latency jitter and the strict-server switches set on the builder (tie order, late visibility, churn, limit cap,
     * gateway error pages, Retry-After format) back to the builder's.
     */
    public synchronized void reset() {
        store.clear();
        counters.reset();
        faults.reset();
        switches.reset();
        applyBuilderSwitches();
        limiter.reset();
        limiter.plan(config.plan);
        limiter.mode(config.rateLimitMode);
        limiter.dayStart(config.dayStart);
        generator = new SeedLeadGenerator(config.seed + 1);
        seedFromConfig();
    }

    // ------------------------------------------------------------------ switches

    /**
     * @param plan rate-limit plan for every secret from now on (windows already counted are kept)
     * @return this
     */
    public CashfinSimulator plan(Plan plan) {
        limiter.plan(Objects.requireNonNull(plan, "plan"));
        return this;
    }

    /** @return the current rate-limit plan */
    public Plan plan() {
        return limiter.plan();
    }

    /**
     * @param mode how requests are counted against the plan: {@link RateLimitMode#FIXED} windows (default) or a
     *             {@link RateLimitMode#SLIDING} log (any 1 s / 60 s / day span, counted at arrival); switching
     *             empties the windows counted so far
     * @return this
     */
    public CashfinSimulator rateLimitMode(RateLimitMode mode) {
        limiter.mode(Objects.requireNonNull(mode, "mode"));
        return this;
    }

    /** @return how requests are counted against the plan */
    public RateLimitMode rateLimitMode() {
        return limiter.mode();
    }

    /**
     * The server's own midnight: in {@link RateLimitMode#FIXED} mode the day window starts at this time of day, UTC
     * (default 00:00, UTC midnight; e.g. 22:00 for a server whose day starts at midnight UTC+2), and the day headers'
     * {@code X-RateLimit-Reset} name its end. The day counted so far is kept until it ends.
     *
     * @param utc the time of day, UTC, at which the server's day starts (whole seconds)
     * @return this
     */
    public CashfinSimulator dayStart(LocalTime utc) {
        limiter.dayStart(Objects.requireNonNull(utc, "utc"));
        return this;
    }

    /** @return the time of day, UTC, at which the server's day starts in fixed mode */
    public LocalTime dayStart() {
        return limiter.dayStart();
    }

    /**
     * Network jitter: holds each create or list request a random time, uniform in {@code [min, max]} and drawn
     * from a {@link java.util.Random} seeded with {@code seed}, before it is counted against the rate limit and
     * served, as if it had arrived late. Requests sent close together may arrive in another order. On top of
     * {@link #latency(Duration)}, which delays answers. {@code max} zero turns it off.
     *
     * @param min  least extra delay
     * @param max  largest extra delay (at most one minute)
     * @param seed random seed
     * @return this
     */
    public CashfinSimulator latencyJitter(Duration min, Duration max, long seed) {
        switches.jitter = LatencyJitter.of(min, max, seed);
        return this;
    }

    /**
     * @param key {@code pagination} (default, as on the Leads page) or {@code meta} (generic guide)
     * @return this
     */
    public CashfinSimulator pageInfoKey(PageInfoKey key) {
        switches.pageInfoKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /**
     * @param order newest first (default) or oldest first; ties on {@code createdat} are broken by {@code _id}
     * @return this
     */
    public CashfinSimulator sortOrder(SortOrder order) {
        switches.sortOrder = Objects.requireNonNull(order, "order");
        return this;
    }

    /**
     * Fails the next {@code count} create or list requests with {@code status} before processing (nothing stored).
     *
     * @param count  how many requests
     * @param status a 4xx or 5xx status; 429 and 503 carry {@code Retry-After: 1}
     * @return this
     */
    public CashfinSimulator failNext(int count, int status) {
        return failNext(count, status, null);
    }

    /**
     * Like {@link #failNext(int, int)} for one endpoint only.
     *
     * @param count    how many requests
     * @param status   a 4xx or 5xx status
     * @param endpoint the endpoint, or null for both
     * @return this
     */
    public CashfinSimulator failNext(int count, int status, Endpoint endpoint) {
        faults.failNext(new InjectedFailure(count, endpoint, status, null), false);
        return this;
    }

    /**
     * Answers the next {@code count} create or list requests with a network fault before processing.
     *
     * @param count how many requests
     * @param fault the WireMock fault
     * @return this
     */
    public CashfinSimulator failNext(int count, Fault fault) {
        return failNext(count, fault, null);
    }

    /**
     * Like {@link #failNext(int, Fault)} for one endpoint only.
     *
     * @param count    how many requests
     * @param fault    the WireMock fault
     * @param endpoint the endpoint, or null for both
     * @return this
     */
    public CashfinSimulator failNext(int count, Fault fault, Endpoint endpoint) {
        faults.failNext(new InjectedFailure(count, endpoint, 0, Objects.requireNonNull(fault, "fault")), false);
        return this;
    }

    /**
     * The next {@code count} successful requests are processed (a create IS stored) and then answered with
     * {@code status}: an ambiguous failure, the lead exists but the client saw an error.
     *
     * @param count  how many requests
     * @param status a 4xx or 5xx status
     * @return this
     */
    public CashfinSimulator failNextAfterProcessing(int count, int status) {
        return failNextAfterProcessing(count, status, null);
    }

    /**
     * @param count    how many requests
     * @param status   a 4xx or 5xx status
     * @param endpoint the endpoint, or null for both
     * @return this
     * @see #failNextAfterProcessing(int, int)
     */
    public CashfinSimulator failNextAfterProcessing(int count, int status, Endpoint endpoint) {
        faults.failNext(new InjectedFailure(count, endpoint, status, null), true);
        return this;
    }

    /**
     * The next {@code count} successful requests are processed and then answered with a network fault.
     *
     * @param count how many requests
     * @param fault the WireMock fault
     * @return this
     */
    public CashfinSimulator failNextAfterProcessing(int count, Fault fault) {
        return failNextAfterProcessing(count, fault, null);
    }

    /**
     * @param count    how many requests
     * @param fault    the WireMock fault
     * @param endpoint the endpoint, or null for both
     * @return this
     * @see #failNextAfterProcessing(int, Fault)
     */
    public CashfinSimulator failNextAfterProcessing(int count, Fault fault, Endpoint endpoint) {
        faults.failNext(new InjectedFailure(count, endpoint, 0, Objects.requireNonNull(fault, "fault")), true);
        return this;
    }

    /**
     * Fails each create or list request with probability {@code rate} (HTTP 500, before processing), drawn
     * from a {@link java.util.Random} seeded with {@code seed}. {@code 0} turns it off.
     *
     * @param rate 0.0 to 1.0
     * @param seed random seed
     * @return this
     */
    public CashfinSimulator randomFailureRate(double rate, long seed) {
        faults.randomFailures(rate, seed);
        return this;
    }

    /**
     * @param latency delay added to every create and list answer (and fault); {@link Duration#ZERO} turns it off
     * @return this
     */
    public CashfinSimulator latency(Duration latency) {
        long ms = latency.toMillis();
        if (ms < 0 || ms > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Latency must be between 0 and " + Integer.MAX_VALUE + " ms, got " + ms);
        }
        switches.latencyMillis = (int) ms;
        return this;
    }

    /**
     * A busy CRM: inserts {@code leadsPerPage} new generated leads (stamped "now") each time a list page is served,
     * before serving it, so a client paging newest-first sees items shift to later pages. {@code 0} turns it off.
     *
     * @param leadsPerPage leads inserted per list call
     * @return this
     */
    public CashfinSimulator busyCrm(int leadsPerPage) {
        if (leadsPerPage < 0) {
            throw new IllegalArgumentException("busyCrm needs 0 or more leads per page, got " + leadsPerPage);
        }
        switches.busyCrmLeadsPerPage = leadsPerPage;
        return this;
    }

    /**
     * An API that echoes the request's {@code Authorization} header (the client secret) back in its error answers:
     * in the {@code errors} map ({@link SecretEcho#ERRORS}) or as a bare token in a malformed body
     * ({@link SecretEcho#MALFORMED}). {@link SecretEcho#OFF} (default) turns it off.
     *
     * @param echo the mode
     * @return this
     */
    public CashfinSimulator secretEcho(SecretEcho echo) {
        switches.secretEcho = Objects.requireNonNull(echo, "echo");
        return this;
    }

    /**
     * Leads leave the list while a client pages: each of the next {@code leads} list requests for a page after page 1
     * first makes one lead leave the list, the first of the list as that request sees it (its filters and the sort
     * order: the newest when newest first), {@link Departure#DELETED deleted} or with its
     * {@link Departure#STATUS_CHANGED status changed} (it then leaves a {@code status=} filter). A lead above the
     * client's position disappears, so what it has not read yet moves up one place. {@code 0} turns it off.
     *
     * @param leads how many leads leave, one per request for a page after the first
     * @param how   deleted or status changed
     * @return this
     */
    public CashfinSimulator leadsLeaveWhilePaging(int leads, Departure how) {
        if (leads < 0) {
            throw new IllegalArgumentException("leadsLeaveWhilePaging needs 0 or more leads, got " + leads);
        }
        switches.departure = Objects.requireNonNull(how, "how");
        switches.leavingLeads.set(leads);
        return this;
    }

    /**
     * Malformed records mixed into the list: every {@code everyNth} stored lead (by {@code createdat}, oldest first:
     * the n-th, 2n-th, ...) is served broken, in turn without {@code createdat}, with a {@code createdat} that is not
     * ISO-8601 ({@code "15/01/2024 12:00"}), and without {@code _id}. The lead keeps its place in the list. {@code 0}
     * turns it off.
     *
     * @param everyNth n
     * @return this
     */
    public CashfinSimulator malformedRecords(int everyNth) {
        if (everyNth < 0) {
            throw new IllegalArgumentException("malformedRecords needs 0 (off) or a positive n, got " + everyNth);
        }
        switches.malformedEveryNth = everyNth;
        return this;
    }

    /** @return the ids of the leads that {@link #malformedRecords(int)} serves broken right now, oldest first */
    public List<String> malformedLeadIds() {
        return store.malformedIds(switches.malformedEveryNth);
    }

    /**
     * @param shape which page-info numbers list responses carry: all four (default), none but {@code pages}, or no
     *              page-info object at all
     * @return this
     */
    public CashfinSimulator pageInfoShape(PageInfoShape shape) {
        switches.pageInfoShape = Objects.requireNonNull(shape, "shape");
        return this;
    }

    /**
     * Ties returned in a random order: leads sharing one {@code createdat} come back shuffled, afresh for each list
     * request (a group across a page edge is shuffled whole before the page is cut), as MongoDB may return equal sort
     * keys under skip/limit. Each request's order is drawn from one {@link java.util.Random} seeded with {@code seed}:
     * the same sequence of requests gives the same orders. {@link #stableTies()} turns it off.
     *
     * @param seed random seed
     * @return this
     */
    public CashfinSimulator shuffleTies(long seed) {
        switches.tieShuffle = TieShuffle.seeded(seed);
        return this;
    }

    /**
     * Ties ordered by {@code _id} in the list's direction, the same on every request (the default).
     *
     * @return this
     */
    public CashfinSimulator stableTies() {
        switches.tieShuffle = TieShuffle.STABLE;
        return this;
    }

    /**
     * Late visibility (replica lag, an import that commits late): a lead created from now on through the create
     * endpoint, {@link #insertLeads(int)} or the busy CRM is stored at once, with its {@code createdat} the creation
     * time, but appears in the list (and its {@code total}) only {@code delay} later by the simulator's clock. The
     * create answer is immediate. Leads stored with {@link #addLead(Map)}, {@link #insertLeads(List)},
     * {@link #seedLeads(int, long)} or {@link #backdatedLeads(int, Duration)} are visible at once.
     * {@link Duration#ZERO} turns it off for leads created after.
     *
     * @param delay how long a new lead stays out of the list
     * @return this
     */
    public CashfinSimulator lateVisibility(Duration delay) {
        switches.lateVisibilityMillis = checkedLateVisibility(delay);
        return this;
    }

    private static long checkedLateVisibility(Duration delay) {
        if (delay.isNegative() || delay.toMillis() > Duration.ofDays(1).toMillis()) {
            throw new IllegalArgumentException("Late visibility must be between 0 and one day, got " + delay);
        }
        return delay.toMillis();
    }

    /** @return the ids of leads stored but not yet visible in the list ({@link #lateVisibility}), in creation order */
    public List<String> lateLeadIds() {
        return store.lateIds();
    }

    /**
     * A backdated import: stores {@code count} generated leads that appear in the list now with a {@code createdat}
     * {@code age} in the past (the i-th one i milliseconds later), as a lead arriving late from a replica or an
     * import does. Not counted, not rate limited.
     *
     * @param count how many
     * @param age   how far in the past their {@code createdat} lies
     * @return the stored leads
     */
    public synchronized List<Map<String, Object>> backdatedLeads(int count, Duration age) {
        if (count < 0 || age.isNegative()) {
            throw new IllegalArgumentException("backdatedLeads needs a count and an age of 0 or more, got " + count
                    + " and " + age);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant first = now.minus(age);
        List<Map<String, Object>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant at = first.plusMillis(i);
            out.add(store.add(generator.next(at, at)));
        }
        return out;
    }

    /**
     * CRM users working leads while clients list them: before each list request, {@code rate} leads on average (the
     * whole part every time, the fraction as a chance) each move one step along the pipeline, picked uniformly at
     * random among the visible leads not yet converted or lost: {@code new} to {@code contacted}, {@code contacted} to
     * {@code qualified}, {@code qualified} to {@code converted} or {@code lost}, any other status to
     * {@code contacted}; {@code updatedat} moves to now. Leads so leave filtered views ({@code status=new}) and enter
     * others ({@code status=qualified}) at random positions. Drawn from a {@link java.util.Random} seeded with
     * {@code seed}. {@code 0} turns it off.
     *
     * @param rate status changes per list request on average, 0 to 100
     * @param seed random seed
     * @return this
     */
    public CashfinSimulator churn(double rate, long seed) {
        switches.churn = Churn.of(rate, seed);
        return this;
    }

    /**
     * A server-side cap on {@code limit}: a list page holds at most {@code max} leads whatever {@code limit} asks
     * (below the documented 100). The page info then reports the capped value as {@code limit}, and {@code pages} as
     * {@code ceil(total / max)}; {@code page=p} holds leads {@code (p-1)*max+1} to {@code p*max}. {@code 0} turns it
     * off.
     *
     * @param max most leads per page
     * @return this
     */
    public CashfinSimulator limitCap(int max) {
        switches.limitCap = checkedLimitCap(max);
        return this;
    }

    private static int checkedLimitCap(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("limitCap needs 0 (off) or a positive number of leads, got " + max);
        }
        return max;
    }

    /**
     * A gateway in front of Cashfin: every injected 502, 503 or 504 ({@link #failNext(int, int)},
     * {@link #failNextAfterProcessing(int, int)}) is answered with an HTML page ({@code Content-Type: text/html}, a
     * title such as {@code 502 Bad Gateway} and about 1 KB of markup and CSS) instead of Cashfin's JSON; a 503 keeps
     * {@code Retry-After}. With {@link #secretEcho(SecretEcho)} on, the page prints the request's
     * {@code Authorization} header. {@code false} (default) answers JSON.
     *
     * @param on true for HTML pages
     * @return this
     */
    public CashfinSimulator gatewayErrorPages(boolean on) {
        switches.gatewayErrorPages = on;
        return this;
    }

    /**
     * @param format how {@code Retry-After} is written on a 429 (real or injected) and an injected 503: delay seconds
     *               (default) or an HTTP date (IMF-fixdate from the simulator's clock, rounded up to the second). The
     *               429 body's {@code retry_after} stays in seconds; every answer carries {@code Date} from the clock.
     * @return this
     */
    public CashfinSimulator retryAfterFormat(RetryAfterFormat format) {
        switches.retryAfterFormat = Objects.requireNonNull(format, "format");
        return this;
    }

    /**
     * Changes a lead's {@code source} and sets its {@code updatedat} to the clock's now (it may so enter or leave a
     * {@code source=} filter).
     *
     * @param id     the lead's {@code _id}
     * @param source new source, e.g. referral
     * @return the updated lead
     * @throws java.util.NoSuchElementException if no lead has that id
     */
    public Map<String, Object> updateLeadSource(String id, String source) {
        return store.updateSource(id, source);
    }

    /**
     * Changes a lead's status and sets its {@code updatedat} to the clock's now.
     *
     * @param id     the lead's {@code _id}
     * @param status new status, e.g. contacted
     * @return the updated lead
     * @throws java.util.NoSuchElementException if no lead has that id
     */
    public Map<String, Object> updateLead(String id, String status) {
        return store.updateStatus(id, status);
    }

    /**
     * Stores one lead directly (no HTTP call, not counted, not rate limited). Any documented field may be given,
     * including {@code _id}, {@code createdat}/{@code updatedat} (ISO-8601 string or {@link Instant}),
     * {@code sourceorigin} and {@code active}; missing ones get the API defaults.
     *
     * @param lead fields; {@code name} is required
     * @return the stored lead
     */
    public Map<String, Object> addLead(Map<String, ?> lead) {
        return store.add(lead);
    }

    /**
     * Stores several leads directly, in order.
     *
     * @param leads lead field maps
     * @return the stored leads
     */
    public List<Map<String, Object>> insertLeads(List<? extends Map<String, ?>> leads) {
        List<Map<String, Object>> out = new ArrayList<>(leads.size());
        for (Map<String, ?> l : leads) {
            out.add(store.add(l));
        }
        return out;
    }

    /**
     * Stores {@code count} generated realistic leads, all stamped with the clock's now.
     *
     * @param count how many
     * @return the stored leads
     */
    public List<Map<String, Object>> insertLeads(int count) {
        return insertGenerated(count);
    }

    /**
     * Stores {@code count} generated leads from the given seed with {@code createdat} spaced 10 minutes apart,
     * ending 10 minutes before now (same seed and clock: same leads).
     *
     * @param count how many
     * @param seed  random seed
     * @return the stored leads
     */
    public List<Map<String, Object>> seedLeads(int count, long seed) {
        return seedLeads(count, seed, SEED_SPACING);
    }

    /**
     * Stores {@code count} generated leads from the given seed with {@code createdat} spaced {@code spacing} apart,
     * ending {@code spacing} before now: a dense list with, say, thousands of leads a second apart.
     *
     * @param count   how many
     * @param seed    random seed
     * @param spacing time between two leads' {@code createdat} (at least 1 ms)
     * @return the stored leads
     */
    public List<Map<String, Object>> seedLeads(int count, long seed, Duration spacing) {
        if (count < 0) {
            throw new IllegalArgumentException("Seed count must be 0 or more, got " + count);
        }
        if (spacing.toMillis() < 1) {
            throw new IllegalArgumentException("Seed spacing must be at least 1 ms, got " + spacing);
        }
        SeedLeadGenerator g = new SeedLeadGenerator(seed);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Map<String, Object>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(store.add(g.next(now.minus(spacing.multipliedBy(count - i)), now)));
        }
        return out;
    }

    private synchronized List<Map<String, Object>> insertGenerated(int count) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Map<String, Object>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(store.add(generator.next(now, now), switches.lateVisibilityMillis));
        }
        return out;
    }

    /** The switches a builder (or the standalone jar's flags) sets: random sequences restarted from their seeds. */
    private void applyBuilderSwitches() {
        switches.jitter = config.jitter.restarted();
        switches.tieShuffle = config.tieShuffle.restarted();
        switches.lateVisibilityMillis = config.lateVisibility.toMillis();
        switches.churn = config.churn.restarted();
        switches.limitCap = config.limitCap;
        switches.gatewayErrorPages = config.gatewayErrorPages;
        switches.retryAfterFormat = config.retryAfterFormat;
    }

    private void seedFromConfig() {
        if (config.seedCount > 0) {
            seedLeads(config.seedCount, config.seed);
        }
    }

    // ------------------------------------------------------------------ inspection

    /** @return every stored lead, in creation order (copies) */
    public List<Map<String, Object>> leads() {
        return store.all();
    }

    /** @return number of stored leads */
    public int leadCount() {
        return store.size();
    }

    /**
     * @param endpoint create or list
     * @param outcome  how it was answered
     * @return number of such requests since start or reset
     */
    public long requestCount(Endpoint endpoint, Outcome outcome) {
        return counters.count(endpoint, outcome);
    }

    /**
     * @param endpoint create or list
     * @return number of requests to it, whatever the outcome
     */
    public long requestCount(Endpoint endpoint) {
        return counters.count(endpoint);
    }

    /**
     * @param outcome how requests were answered
     * @return number of create and list requests with that outcome
     */
    public long requestCount(Outcome outcome) {
        return counters.count(outcome);
    }

    /** @return number of create and list requests (admin calls are never counted) */
    public long totalRequests() {
        return counters.total();
    }

    /** @return number of create requests, whatever the outcome */
    public long createCalls() {
        return counters.count(Endpoint.CREATE);
    }

    /** @return number of list requests, whatever the outcome */
    public long listCalls() {
        return counters.count(Endpoint.LIST);
    }

    /** @return request counts per endpoint and outcome plus the lead count, as served by {@code GET /__cashfin/stats} */
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leads", leadCount());
        m.put("requests", counters.describe());
        return m;
    }

    /** @return the current switch settings, as served by {@code GET /__cashfin/switches} */
    public Map<String, Object> switches() {
        Map<String, Object> m = new LinkedHashMap<>();
        Plan p = plan();
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("name", p.name());
        plan.put("perSecond", p.perSecond());
        plan.put("perMinute", p.perMinute());
        plan.put("perDay", p.perDay());
        m.put("plan", plan);
        m.put("rateLimitMode", rateLimitMode().jsonName());
        m.put("latencyJitter", switches.jitter.describe());
        m.put("pageInfoKey", switches.pageInfoKey.jsonName());
        m.put("sortOrder", switches.sortOrder.name().toLowerCase(Locale.ROOT));
        m.put("latencyMillis", switches.latencyMillis);
        m.put("busyCrm", switches.busyCrmLeadsPerPage);
        m.put("secretEcho", switches.secretEcho.jsonName());
        Map<String, Object> leaving = new LinkedHashMap<>();
        leaving.put("leads", switches.leavingLeads.get());
        leaving.put("how", switches.departure.name().toLowerCase(Locale.ROOT));
        m.put("leadsLeaveWhilePaging", leaving);
        m.put("malformedRecords", switches.malformedEveryNth);
        m.put("pageInfoShape", switches.pageInfoShape.name().toLowerCase(Locale.ROOT));
        m.put("tieOrder", switches.tieShuffle.describe());
        m.put("lateVisibilityMillis", switches.lateVisibilityMillis);
        m.put("churn", switches.churn.describe());
        m.put("limitCap", switches.limitCap);
        m.put("gatewayErrorPages", switches.gatewayErrorPages);
        m.put("retryAfterFormat", switches.retryAfterFormat.jsonName());
        m.putAll(faults.describe());
        return m;
    }

    @Override
    public String toString() {
        // never the secret
        return "CashfinSimulator[" + (server == null ? "stopped" : "http://127.0.0.1:" + server.port()) + ", "
                + plan() + ", " + rateLimitMode().jsonName() + " windows, leads=" + leadCount() + "]";
    }

    /** Configures a {@link CashfinSimulator}. */
    public static final class Builder {
        private int port;
        private String bindAddress = "127.0.0.1";
        private final Set<String> secrets = new LinkedHashSet<>();
        private Plan plan = Plan.UNLIMITED;
        private RateLimitMode rateLimitMode = RateLimitMode.FIXED;
        private LocalTime dayStart = LocalTime.MIDNIGHT;
        private LatencyJitter jitter = LatencyJitter.NONE;
        private TieShuffle tieShuffle = TieShuffle.STABLE;
        private Duration lateVisibility = Duration.ZERO;
        private Churn churn = Churn.OFF;
        private int limitCap;
        private boolean gatewayErrorPages;
        private RetryAfterFormat retryAfterFormat = RetryAfterFormat.SECONDS;
        private int seedCount;
        private long seed = 42;
        private Clock clock = Clock.systemUTC();
        private int requestJournalEntries;
        private int containerThreads = 24;

        private Builder() {
        }

        /**
         * @param port TCP port on 127.0.0.1; 0 (default) picks a free one
         * @return this
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Port must be 0 (random) to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param address the address to listen on: {@code 127.0.0.1} (default: this machine only), or
         *                {@code 0.0.0.0} for every interface (e.g. in a container); {@link CashfinSimulator#baseUrl()}
         *                stays the loopback address
         * @return this
         */
        public Builder bindAddress(String address) {
            if (address == null || address.isBlank()) {
                throw new IllegalArgumentException("The bind address must not be blank: use 127.0.0.1 or 0.0.0.0");
            }
            this.bindAddress = address.trim();
            return this;
        }

        /**
         * @param secrets accepted {@code Authorization} values (default: {@link #DEFAULT_SECRET}); the first is
         *                returned by {@link CashfinSimulator#secret()}
         * @return this
         */
        public Builder secrets(String... secrets) {
            for (String s : secrets) {
                if (s == null || s.isBlank()) {
                    throw new IllegalArgumentException("A secret must not be blank");
                }
                this.secrets.add(s);
            }
            return this;
        }

        /**
         * @param plan rate-limit plan (default {@link Plan#UNLIMITED})
         * @return this
         */
        public Builder plan(Plan plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
            return this;
        }

        /**
         * @param utc the time of day, UTC, at which the server's day starts (default 00:00); see
         *            {@link CashfinSimulator#dayStart(LocalTime)}; kept by {@link CashfinSimulator#reset()}
         * @return this
         */
        public Builder dayStart(LocalTime utc) {
            this.dayStart = Objects.requireNonNull(utc, "utc");
            return this;
        }

        /**
         * @param mode how requests are counted against the plan (default {@link RateLimitMode#FIXED}); kept by
         *             {@link CashfinSimulator#reset()}
         * @return this
         */
        public Builder rateLimitMode(RateLimitMode mode) {
            this.rateLimitMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param min  least extra delay before a request is counted and served
         * @param max  largest extra delay; zero (default) for none
         * @param seed random seed
         * @return this; see {@link CashfinSimulator#latencyJitter(Duration, Duration, long)}, kept by
         *         {@link CashfinSimulator#reset()}
         */
        public Builder latencyJitter(Duration min, Duration max, long seed) {
            this.jitter = LatencyJitter.of(min, max, seed);
            return this;
        }

        /**
         * @param seed random seed; ties come back shuffled per list request, see
         *             {@link CashfinSimulator#shuffleTies(long)}; kept by {@link CashfinSimulator#reset()}
         * @return this
         */
        public Builder shuffleTies(long seed) {
            this.tieShuffle = TieShuffle.seeded(seed);
            return this;
        }

        /**
         * @param delay see {@link CashfinSimulator#lateVisibility(Duration)}; kept by {@link CashfinSimulator#reset()}
         * @return this
         */
        public Builder lateVisibility(Duration delay) {
            checkedLateVisibility(delay);
            this.lateVisibility = delay;
            return this;
        }

        /**
         * @param rate status changes per list request, see {@link CashfinSimulator#churn(double, long)}
         * @param seed random seed; kept by {@link CashfinSimulator#reset()} (the sequence restarts)
         * @return this
         */
        public Builder churn(double rate, long seed) {
            this.churn = Churn.of(rate, seed);
            return this;
        }

        /**
         * @param max see {@link CashfinSimulator#limitCap(int)}; kept by {@link CashfinSimulator#reset()}
         * @return this
         */
        public Builder limitCap(int max) {
            this.limitCap = checkedLimitCap(max);
            return this;
        }

        /**
         * @param on see {@link CashfinSimulator#gatewayErrorPages(boolean)}; kept by {@link CashfinSimulator#reset()}
         * @return this
         */
        public Builder gatewayErrorPages(boolean on) {
            this.gatewayErrorPages = on;
            return this;
        }

        /**
         * @param format see {@link CashfinSimulator#retryAfterFormat(RetryAfterFormat)}; kept by
         *               {@link CashfinSimulator#reset()}
         * @return this
         */
        public Builder retryAfterFormat(RetryAfterFormat format) {
            this.retryAfterFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * @param count number of realistic leads present at start and after every {@link CashfinSimulator#reset()}
         * @param seed  random seed (same seed and clock: same leads and ids)
         * @return this
         */
        public Builder seedLeads(int count, long seed) {
            if (count < 0) {
                throw new IllegalArgumentException("Seed count must be 0 or more, got " + count);
            }
            this.seedCount = count;
            this.seed = seed;
            return this;
        }

        /**
         * @param clock clock for {@code createdat}/{@code updatedat} and rate-limit windows (default system UTC);
         *              a {@link ManualClock} makes timestamps equal or windows roll on demand
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param maxEntries keep WireMock's request journal with this many entries; 0 (default) disables it, which
         *                   is fastest
         * @return this
         */
        public Builder requestJournal(int maxEntries) {
            this.requestJournalEntries = Math.max(0, maxEntries);
            return this;
        }

        /**
         * @param threads Jetty worker threads (default 24)
         * @return this
         */
        public Builder containerThreads(int threads) {
            if (threads < 4) {
                throw new IllegalArgumentException("containerThreads must be at least 4, got " + threads);
            }
            this.containerThreads = threads;
            return this;
        }

        /** @return a simulator, not yet started */
        public CashfinSimulator build() {
            return new CashfinSimulator(this);
        }

        /** @return a started simulator */
        public CashfinSimulator start() {
            return build().start();
        }
    }
}
