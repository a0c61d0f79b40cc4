package africa.cashfin.camel.simulator;

/**
 * Result of a rate-limit check: whether the request may proceed and the values of the
 * {@code X-RateLimit-Limit/Remaining/Reset} and {@code Retry-After} headers.
 */
final class RateLimitDecision {

    final boolean allowed;
    final long limit;
    final long remaining;
    final long resetEpochSecond;
    final long retryAfterSeconds;

    RateLimitDecision(boolean allowed, long limit, long remaining, long resetEpochSecond, long retryAfterSeconds) {
        this.allowed = allowed;
        this.limit = limit;
        this.remaining = remaining;
        this.resetEpochSecond = resetEpochSecond;
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
