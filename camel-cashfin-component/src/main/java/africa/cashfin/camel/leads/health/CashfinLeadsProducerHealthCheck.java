package africa.cashfin.camel.leads.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.util.URISupport;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.limit.BudgetShare;
import africa.cashfin.camel.leads.api.limit.CallRateLimiter;

/**
 * The producer health check of a {@code cashfin-leads} endpoint (Camel's "producers" health-check repository). Like
 * camel-kafka's producer check it makes no call of its own: it reads what the endpoint's client and the secret's rate
 * limiter already know.
 * <ul>
 * <li>DOWN after Cashfin answered 401 Unauthorized to a call of this producer, until one of its calls succeeds
 * again; the message says to check {@code clientSecret}. Only this producer's own calls count: a consumer or another
 * producer sharing the client reports its own state.</li>
 * <li>DOWN while the secret's call budget allows no call for longer than {@code maxRetryWait} (and at least a minute):
 * the day's calls are spent, or the server asked to pause until its reset. Calls made meanwhile fail with
 * {@code RateLimitWaitExceededException}; the message says when calls are allowed again.</li>
 * <li>UP otherwise (also before the first call).</li>
 * </ul>
 */
public class CashfinLeadsProducerHealthCheck extends AbstractHealthCheck {

    /** Detail: when the next call is allowed ({@link Instant}), set while the budget is spent. */
    public static final String RETRY_AT = "cashfin.retry.at";
    /** Detail: the rate limits enforced for the secret, e.g. {@code 5/s, 60/min, 1000/day, margin 2%}. */
    public static final String RATE_LIMITS = "cashfin.rate.limits";
    /** Detail: the client secret's short fingerprint (never the secret). */
    public static final String SECRET = "cashfin.secret";

    /** A wait for the next slot shorter than this is ordinary pacing, whatever {@code maxRetryWait} is. */
    static final Duration PACING = Duration.ofMinutes(1);

    private final String endpointUri;
    private final Supplier<CashfinClient> client;
    private final Supplier<CashfinApiException> refusal;

    /**
     * @param id          the check's id after {@code producer:}, e.g. {@code cashfin-leads-route1}
     * @param endpointUri the endpoint's URI (sanitised here before it is shown)
     * @param client      the endpoint's client while it is started, else null
     * @param refusal     the 401 of this producer's latest call refused for its secret, null once one succeeds
     */
    public CashfinLeadsProducerHealthCheck(String id, String endpointUri, Supplier<CashfinClient> client,
                                           Supplier<CashfinApiException> refusal) {
        super("camel", "producer:" + id);
        this.endpointUri = URISupport.sanitizeUri(endpointUri);
        this.client = client;
        this.refusal = refusal;
    }

    @Override
    public boolean isLiveness() {
        // a refused secret or a spent budget does not make the JVM need a restart
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail(ENDPOINT_URI, endpointUri);
        CashfinClient c = client.get();
        if (c == null) {
            builder.unknown().message("The endpoint is not started");
            return;
        }
        CallRateLimiter limiter = c.getRateLimiter();
        builder.detail(SECRET, limiter.secret().toString());
        builder.detail(RATE_LIMITS, limiter.limits().toString());
        CashfinApiException refused = refusal.get();
        if (refused != null) {
            builder.down().error(refused).detail(HTTP_RESPONSE_CODE, refused.getStatusCode())
                    .message("Cashfin refused the client secret " + limiter.secret() + " with HTTP 401 Unauthorized"
                             + " at " + c.getSettings().getBaseUrl() + ": check option clientSecret"
                             + " (camel.component.cashfin-leads.client-secret); it is missing, mistyped or revoked."
                             + " The check is UP again after the next successful call.");
            return;
        }
        Duration wait = limiter.waitForNextCall();
        Duration tolerated = max(c.getSettings().getMaxRetryWait(), PACING);
        if (wait.compareTo(tolerated) > 0) {
            Instant retryAt = Instant.now().plus(wait);
            builder.down().detail(RETRY_AT, retryAt)
                    .message("The Cashfin call budget of " + limiter.secret() + " (" + limiter.limits() + ") is spent:"
                             + " the next call is allowed at " + retryAt + " (in " + round(wait) + "); until then"
                             + " calls fail with RateLimitWaitExceededException after waiting maxRetryWait. Send"
                             + " fewer calls, or set option plan (or maxRequestsPerDay) to your Cashfin plan's limits.");
            return;
        }
        BudgetShare share = c.getBudgetShare();
        Duration shareWait = share.waitForNextCall();
        if (shareWait.compareTo(tolerated) > 0) {
            Instant retryAt = Instant.now().plus(shareWait);
            builder.down().detail(RETRY_AT, retryAt)
                    .message("The " + share.describe() + " of the Cashfin call budget of " + limiter.secret()
                             + " is spent: this endpoint's next call is allowed at " + retryAt + " (in "
                             + round(shareWait) + "); the other shares of the secret go on. Send fewer calls, or"
                             + " give this endpoint a larger share (budgetReserve here, or less reserved on the other"
                             + " endpoints; see docs/rate-limiting.md, Budget shares).");
            return;
        }
        builder.up();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration round(Duration d) {
        return Duration.ofSeconds(d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
    }
}
