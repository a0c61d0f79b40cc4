package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;

/**
 * Thrown by {@link CallRateLimiter#acquire(Duration)} when no call may be made within the maximum wait. No call was
 * made; the message says when to retry. Never carries the client secret (only its short fingerprint).
 */
public class RateLimitWaitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Instant retryAt;
    private final Duration retryAfter;

    /**
     * @param secret     fingerprint of the secret whose budget is exhausted
     * @param maxWait    the wait the caller allowed
     * @param retryAfter how long until a call is expected to be allowed
     * @param retryAt    when that is, by the wall clock
     * @param cause      why: the limiter's pacing, or a pause the server asked for
     */
    public RateLimitWaitExceededException(SecretFingerprint secret, Duration maxWait, Duration retryAfter,
                                          Instant retryAt, String cause) {
        super("Cashfin call budget of " + secret + " allows no call within the maximum wait of " + maxWait + " ("
                + cause + "); no request was sent; retry after " + retryAt + " (in " + retryAfter + ")");
        this.retryAt = retryAt;
        this.retryAfter = retryAfter;
    }

    /** @return when a call is expected to be allowed again */
    public Instant retryAt() {
        return retryAt;
    }

    /** @return how long from the failure until a call is expected to be allowed again */
    public Duration retryAfter() {
        return retryAfter;
    }
}
