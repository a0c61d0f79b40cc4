package africa.cashfin.camel.leads.api;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.net.URIBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.api.limit.ApiOperation;
import africa.cashfin.camel.leads.api.limit.BudgetShare;
import africa.cashfin.camel.leads.api.limit.BudgetShareRegistry;
import africa.cashfin.camel.leads.api.limit.CallFailure;
import africa.cashfin.camel.leads.api.limit.CallRateLimiter;
import africa.cashfin.camel.leads.api.limit.CallRateLimiterRegistry;
import africa.cashfin.camel.leads.api.limit.DurationText;
import africa.cashfin.camel.leads.api.limit.RateLimitHeaders;
import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;
import africa.cashfin.camel.leads.api.limit.RetryDecision;
import africa.cashfin.camel.leads.api.limit.RetryPolicy;
import africa.cashfin.camel.leads.api.limit.TimeSource;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadFilter;
import africa.cashfin.camel.leads.model.LeadPage;

/**
 * A thread-safe client of the Cashfin Leads API for one account (one base URL and client secret). Plain Java: it knows
 * nothing of Camel.
 * <p>
 * One {@link ClientConnection} per instance, on the pooled Apache HttpClient 5 that every client of the JVM with the
 * same base URL and connection options shares ({@link HttpPools}; timeouts, TLS, proxy), no automatic retries and no
 * redirects, connections that never log the Authorization header; the secret is written into each request.
 * <p>
 * Every call goes through one loop ({@link #call}): it takes a slot from the secret's shared {@link CallRateLimiter}
 * ({@link CallRateLimiterRegistry#shared()}, leased for the client's life), sends, feeds the response's
 * {@code X-RateLimit-*} headers back to the limiter, and on failure asks the {@link RetryPolicy} whether to retry.
 * list is retried on 429, 5xx and I/O errors; create only when the request provably did not reach the server (not
 * sent, 429, 503 with {@code Retry-After}); after an ambiguous create failure it is repeated only by
 * {@link #createOrFind} with a dedupe key, after a look-up. See {@code docs/rate-limiting.md}.
 * <p>
 * Failures: {@link CashfinApiException} when the server answered badly, {@link CashfinTransportException} when no
 * complete answer arrived ({@link TransportFailures}). Neither ever contains the client secret.
 */
public class CashfinClient implements Closeable {

    /** Path of the create call. */
    public static final String CREATE_PATH = "/business/lead/create";
    /** Path of the list call. */
    public static final String LIST_PATH = "/business/lead/list";

    private static final Logger LOG = LoggerFactory.getLogger(CashfinClient.class);

    private final CashfinClientSettings settings;
    private final ClientConnection connection;
    private final TransportFailures transportFailures;
    private final ResponseReader reader;
    private final CallRateLimiterRegistry.Lease limiterLease;
    private final CallRateLimiter limiter;
    /**
     * The limiter's clock (the component's {@code timeSource}): the retries' waits are counted against
     * {@code maxRetryWait} and slept on it, so that a virtual clock bounds them like the real one.
     */
    private final TimeSource time;
    /** This client's share of the secret's budget: its reserve and the pool, taken before the limiter. */
    private final BudgetShare budgetShare;
    private final RetryPolicy retryPolicy;
    private final URI createUri;
    private final CallStatistics statistics = new CallStatistics();
    private final RetryOutageLog outageLog;
    /** Told about every call and limiter wait: {@link #statistics} first, then metrics added by the component. */
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>(List.of(statistics));

    /**
     * A client on the shared connection pool of its base URL and a lease on the secret's shared rate limiter;
     * {@link #close()} it when done.
     *
     * @throws IllegalArgumentException when the secret is already used in this JVM with other rate limits or another
     *                                  rate-limit store
     */
    public CashfinClient(CashfinClientSettings settings) {
        this(settings, CallRateLimiterRegistry.shared());
    }

    /** A client leasing its limiter from {@code limiters} (tests use a registry of their own). */
    CashfinClient(CashfinClientSettings settings, CallRateLimiterRegistry limiters) {
        this(settings, limiters, BudgetShareRegistry.shared());
    }

    /**
     * A client leasing its limiter from {@code limiters} and joining its budget share in {@code shares} (a component
     * with a {@code timeSource} of its own has its own registries on that clock).
     */
    public CashfinClient(CashfinClientSettings settings, CallRateLimiterRegistry limiters, BudgetShareRegistry shares) {
        this.settings = settings;
        this.outageLog = new RetryOutageLog(LOG, settings.getBaseUrl().toString());
        this.limiterLease = limiters.lease(settings.getClientSecret(), settings.getRateLimits(),
                settings.getRateLimitStore(), settings.getRateLimitLog());
        this.limiter = limiterLease.limiter();
        this.time = limiter.timeSource();
        try {
            this.budgetShare = shares.join(settings.getClientSecret(), settings.getRateLimits(),
                    settings.getRateLimitStore(), settings.getBudgetShare(), settings.getBudgetReserve(), limiter);
        } catch (RuntimeException e) {
            limiterLease.close();
            throw e;
        }
        this.retryPolicy = RetryPolicy.builder().maxRetries(settings.getMaxRetries())
                .maxRetryWait(settings.getMaxRetryWait()).clock(time.asClock()).build();
        this.createUri = uri(CREATE_PATH, List.of());
        this.connection = new ClientConnection(settings);
        SecretMask secretMask = connection.secretMask();
        this.transportFailures = new TransportFailures(settings, secretMask);
        this.reader = new ResponseReader(secretMask, () -> time.now().toEpochMilli());
    }

    /** The rate limiter of this client's secret, shared with every other user of the secret in this JVM. */
    public CallRateLimiter getRateLimiter() {
        return limiter;
    }

    /** This client's share of the secret's budget (its reserve, if any, and the pool). */
    public BudgetShare getBudgetShare() {
        return budgetShare;
    }

    /** Running totals of this client's calls (by operation and outcome), limiter waits and its latest failure. */
    public CallStatistics getStatistics() {
        return statistics;
    }

    /** Adds a listener told about every call and every wait for the rate limiter (e.g. Micrometer metrics). */
    public void addCallListener(CallListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener added with {@link #addCallListener}. */
    public void removeCallListener(CallListener listener) {
        listeners.remove(listener);
    }

    /** The settings this client was built with. */
    public CashfinClientSettings getSettings() {
        return settings;
    }

    /**
     * Creates a lead: {@code POST /business/lead/create} with the lead's 14 request fields (never {@code _id},
     * timestamps or unknown extras). The lead should have been validated ({@code LeadValidator}) before.
     * <p>
     * Retried only when the request provably did not reach the server (not sent, 429, 503 with
     * {@code Retry-After}); an ambiguous failure (response timeout, reset after sending, 500) is thrown, because the
     * lead may exist: use {@link #createOrFind} with a dedupe key to repeat it safely.
     *
     * @return the created lead as the API returned it under {@code data}, with its {@code _id}
     * @throws CashfinApiException            the API refused or answered unreadably (after the retries)
     * @throws CashfinTransportException      no complete answer; see {@link CashfinTransportException#getKind()}
     * @throws RateLimitWaitExceededException the secret's call budget allows no call within {@code maxRetryWait}
     */
    public Lead create(Lead lead) {
        return createOrFind(lead, DeduplicateBy.NONE).lead();
    }

    /**
     * Find-or-create: with {@code by} other than {@link DeduplicateBy#NONE} and a lead that has that field, looks the
     * lead up first (one list call) and returns the existing one; else creates it. After an ambiguous create failure
     * it looks the lead up again before retrying, so the lead is never created twice by this call. A lead without the
     * field is created without look-up, like {@link #create}.
     *
     * @return the lead and whether this call created it
     * @throws CashfinApiException            the API refused or answered unreadably (after the retries)
     * @throws CashfinTransportException      no complete answer; see {@link CashfinTransportException#getKind()}
     * @throws RateLimitWaitExceededException the secret's call budget allows no call within {@code maxRetryWait}
     */
    public CreateOutcome createOrFind(Lead lead, DeduplicateBy by) {
        DeduplicateBy mode = by == null ? DeduplicateBy.NONE : by;
        boolean canLookUp = mode.searchText(lead) != null;
        if (canLookUp) {
            Optional<Lead> existing = find(lead, mode);
            if (existing.isPresent()) {
                return new CreateOutcome(existing.get(), false);
            }
        }
        byte[] body = LeadJson.toCreateRequest(lead);
        return call(ApiOperation.CREATE, "POST", CREATE_PATH, () -> {
            HttpPost post = new HttpPost(createUri);
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            return post;
        }, response -> new CreateOutcome(reader.readCreated("POST", CREATE_PATH, response), true),
                canLookUp ? () -> find(lead, mode).map(found -> new CreateOutcome(found, false)).orElse(null) : null);
    }

    /**
     * Looks a lead up by its dedupe key: one list call with {@code search=<email or phone>} and {@code limit=100},
     * then an exact match among the results ({@link DeduplicateBy#matches}).
     *
     * @return the first matching lead, or empty when none matches or the lead has no value for the key
     */
    public Optional<Lead> find(Lead lead, DeduplicateBy by) {
        String search = by == null ? null : by.searchText(lead);
        if (search == null) {
            return Optional.empty();
        }
        LeadPage page = list(LeadQuery.of(1, LeadQuery.MAX_LIMIT, new LeadFilter(null, null, search)));
        return page.leads().stream().filter(candidate -> by.matches(lead, candidate)).findFirst();
    }

    /**
     * Reads one page of leads: {@code GET /business/lead/list} with the query's non-null parameters. Page info is read
     * from {@code pagination} or, failing that, {@code meta}. Retried on 429, 5xx and I/O errors.
     *
     * @throws CashfinApiException            the API refused or answered unreadably (after the retries)
     * @throws CashfinTransportException      no complete answer; see {@link CashfinTransportException#getKind()}
     * @throws RateLimitWaitExceededException the secret's call budget allows no call within {@code maxRetryWait}
     */
    public LeadPage list(LeadQuery query) {
        List<NameValuePair> params = new ArrayList<>();
        add(params, "page", query.page());
        add(params, "limit", query.limit());
        for (LeadFilter.Field filter : LeadFilter.KeyOrder.QUERY.fields()) {
            add(params, filter.parameter(), filter.valueIn(query.filter()));
        }
        URI uri = uri(LIST_PATH, params);
        return call(ApiOperation.LIST, "GET", LIST_PATH, () -> new HttpGet(uri),
                response -> reader.readPage("GET", LIST_PATH, response, query.limit() == null ? -1 : query.limit()),
                null);
    }

    /**
     * Gives the shared connection pool back (the last client of a base URL closes it: its calls in flight fail) and
     * releases the rate-limiter lease.
     */
    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            try {
                budgetShare.close();
            } finally {
                limiterLease.close();
            }
        }
    }

    /**
     * The retry loop around every call: limiter slot, send, read; on failure the {@link RetryPolicy} decides. After a
     * 429 the caller does not sleep on its own: the limiter holds one pause shared by every caller of the secret, and
     * the retry waits for it (and for its paced slot after it) in {@link #reservePermit}.
     *
     * @param method the HTTP method, for log lines
     * @param lookup for create with a dedupe key: finds the lead after an ambiguous failure (null result when it is
     *               not there); null when no look-up is possible, in which case an ambiguous failure is thrown
     */
    private <T> T call(ApiOperation operation, String method, String path, Supplier<HttpUriRequestBase> requests,
                       Function<RawResponse, T> read, Supplier<T> lookup) {
        try {
            return callWithRetries(operation, method, path, requests, read, lookup);
        } catch (RuntimeException e) {
            statistics.failed(e);
            throw e;
        }
    }

    private <T> T callWithRetries(ApiOperation operation, String method, String path,
                                  Supplier<HttpUriRequestBase> requests, Function<RawResponse, T> read,
                                  Supplier<T> lookup) {
        Duration waited = Duration.ZERO;
        for (int attempt = 1;; attempt++) {
            long waitStart = time.nanoTime();
            BudgetShare.Grant grant = takeShare(waited);
            CallRateLimiter.Permit permit;
            try {
                permit = reservePermit(waited.plus(Duration.ofNanos(time.nanoTime() - waitStart)));
            } catch (RuntimeException e) {
                grant.giveBack();
                throw e;
            }
            long waitedNanos = time.nanoTime() - waitStart;
            waited = waited.plus(Duration.ofNanos(waitedNanos));
            for (CallListener listener : listeners) {
                listener.onLimiterWait(operation, waitedNanos);
            }
            CashfinException failure;
            CallFailure what;
            try {
                RawResponse response;
                try {
                    response = send(operation, requests.get(), path, permit);
                } finally {
                    if (!permit.isSent()) {
                        grant.giveBack(); // not sent: the share's call was not spent either
                    }
                }
                try {
                    T result = read.apply(response);
                    outageLog.succeeded();
                    return result;
                } catch (CashfinApiException e) {
                    failure = e;
                    what = e.getStatusCode() >= 400 && e.getStatusCode() <= 599
                            ? CallFailure.httpStatus(e.getStatusCode(), e.getRetryAfter().orElse(null),
                                    rateLimitHeaders(response).reset().orElse(null))
                            : null;
                }
            } catch (CashfinTransportException e) {
                failure = e;
                what = e.getKind() == CashfinTransportException.FailureKind.NOT_SENT
                        ? CallFailure.notSent("could not connect") : CallFailure.ambiguous("no complete response");
            }
            if (what == null) {
                throw failure;
            }
            RetryDecision decision = retryPolicy.decide(operation, attempt, waited, what);
            boolean rateLimited = what.status().orElse(0) == 429;
            if (rateLimited) {
                limiter.onRateLimited(decision.retryAfter().orElse(what.retryAfter().orElse(null)));
            }
            switch (decision.action()) {
                case GIVE_UP:
                    LOG.debug("Cashfin {} {}: not retried: {}", method, path, decision.reason());
                    throw failure;
                case RETRY_AFTER_LOOKUP:
                    if (lookup == null) {
                        LOG.debug("Cashfin {} {}: not retried (no dedupe key to look the lead up): {}", method,
                                path, decision.reason());
                        throw failure;
                    }
                    outageLog.retrying(what.description());
                    LOG.debug("Cashfin {} {} attempt {} failed ambiguously ({}); looking the lead up in {} before"
                              + " trying again", method, path, attempt, what.description(),
                            DurationText.of(decision.delay()));
                    waited = pause(waited, decision.delay(), failure);
                    T found;
                    try {
                        found = lookup.get();
                    } catch (RuntimeException lookupFailure) {
                        failure.addSuppressed(lookupFailure);
                        throw failure;
                    }
                    if (found != null) {
                        return found;
                    }
                    break;
                default:
                    if (rateLimited) {
                        // the limiter logs the shared pause once; one line per rate-limited call would flood the log
                        LOG.debug("Cashfin {} {} attempt {} failed ({}); retrying after the shared pause ({})", method,
                                path, attempt, what.description(), DurationText.of(decision.delay()));
                    } else {
                        outageLog.retrying(what.description());
                        LOG.debug("Cashfin {} {} attempt {} failed ({}); retrying in {}", method, path, attempt,
                                what.description(), DurationText.of(decision.delay()));
                        waited = pause(waited, decision.delay(), failure);
                    }
                    break;
            }
        }
    }

    /**
     * Takes one call of this client's budget share (its reserve or the pool), for at most what is left of
     * maxRetryWait; before the limiter, so that a flood on the pool waits here and not in the limiter's queue.
     */
    private BudgetShare.Grant takeShare(Duration waited) {
        Duration left = settings.getMaxRetryWait().minus(waited);
        try {
            return budgetShare.take(left.isNegative() ? Duration.ZERO : left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransportFailures.interrupted("waiting for the budget share", e);
        }
    }

    /**
     * Waits for a paced call slot, for at most what is left of maxRetryWait. The permit is sent (counted) by the
     * {@link ClientConnection} once the connection is ready, right before the request is written.
     */
    private CallRateLimiter.Permit reservePermit(Duration waited) {
        Duration left = settings.getMaxRetryWait().minus(waited);
        try {
            return limiter.reserve(left.isNegative() ? Duration.ZERO : left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransportFailures.interrupted("waiting for the rate limiter", e);
        }
    }

    private Duration pause(Duration waited, Duration delay, CashfinException failure) {
        if (!delay.isZero()) {
            try {
                time.sleepNanos(delay.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.addSuppressed(e);
                throw failure;
            }
        }
        return waited.plus(delay);
    }

    private RateLimitHeaders rateLimitHeaders(RawResponse response) {
        return RateLimitHeaders.from(name -> response.header(name.toLowerCase(Locale.ROOT)), time.now());
    }

    @Override
    public String toString() {
        return "CashfinClient[" + settings.getBaseUrl() + "]";
    }

    /**
     * The single exit to the network: sends through the {@link ClientConnection} (which adds the Authorization header
     * and reads the whole answer), tells the listeners and the limiter, and maps I/O failures to
     * {@link CashfinTransportException} ({@link TransportFailures}). Rate limiting and retries belong here.
     */
    private RawResponse send(ApiOperation operation, HttpUriRequestBase request, String path,
                             CallRateLimiter.Permit permit) {
        String method = request.getMethod();
        long start = System.nanoTime();
        try {
            RawResponse response = connection.execute(request, permit);
            called(operation, CallOutcome.of(response.status()), System.nanoTime() - start);
            if (response.header("x-ratelimit-remaining") != null) {
                limiter.observe(rateLimitHeaders(response), permit);
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {}{} -> HTTP {} ({} bytes) in {} ms", method, settings.getBaseUrl(), path,
                        response.status(), response.body().length,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            return response;
        } catch (IOException e) {
            called(operation, CallOutcome.TRANSPORT, System.nanoTime() - start);
            LOG.debug("{} {}{} failed after {} ms: {}", method, settings.getBaseUrl(), path,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), e.toString());
            throw transportFailures.of(method, path, e);
        } catch (ClientConnection.PermitInterruptedException e) {
            throw TransportFailures.interrupted("waiting for the rate limiter", (InterruptedException) e.getCause());
        } finally {
            permit.cancel(); // not sent (connection failed, or the wait ran out): give the budget back
        }
    }

    private void called(ApiOperation operation, CallOutcome outcome, long nanos) {
        for (CallListener listener : listeners) {
            listener.onCall(operation, outcome, nanos);
        }
    }

    private URI uri(String path, List<NameValuePair> params) {
        try {
            URI base = settings.getBaseUrl();
            URIBuilder b = new URIBuilder(base);
            String basePath = base.getRawPath() == null ? "" : base.getRawPath();
            b.setPath(basePath + path);
            if (!params.isEmpty()) {
                b.addParameters(params);
            }
            return b.build();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot build the URL for " + path + ": " + e.getReason(), e);
        }
    }

    private static void add(List<NameValuePair> params, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            params.add(new BasicNameValuePair(name, value.toString()));
        }
    }
}
