package africa.cashfin.camel.leads.api.limit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Decides, after a failed call, whether and when to try again, so that retries never create a lead twice. Pure: no
 * I/O, no sleeping; the caller waits and counts. Thread-safe.
 * <p>
 * Rules (see {@code docs/rate-limiting.md}):
 * <ul>
 * <li>429: the request was not processed. Wait {@code Retry-After} (else until {@code X-RateLimit-Reset}, else an
 * exponential backoff of at least one second) and retry, for list and create alike.</li>
 * <li>Other 4xx: never retried; the same request cannot succeed.</li>
 * <li>List (idempotent): 5xx and every transport failure are retried with exponential backoff and full jitter
 * ({@code 503} with {@code Retry-After} waits what the server asked).</li>
 * <li>Create (not idempotent): retried automatically only when the request provably did not reach the server
 * ({@link CallFailure.Kind#NOT_SENT}, 429, 503 with {@code Retry-After}). After an ambiguous failure (read timeout,
 * reset after sending, 500, any other 5xx) the answer is {@link RetryDecision.Action#RETRY_AFTER_LOOKUP}: the lead
 * may exist, look it up before creating it again.</li>
 * <li>At most {@code maxRetries} retries and {@code maxRetryWait} of total waiting; beyond that, give up (with the
 * server's wait as the hint of when to retry, when it gave one).</li>
 * </ul>
 */
public final class RetryPolicy {

    /** Default number of retries after the first attempt. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Default longest total wait across the retries of one call. */
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(60);
    /** Default backoff ceiling of the first retry (doubled for each further one). */
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(500);
    /** Default largest backoff ceiling. */
    public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofSeconds(30);
    /** Least wait after a 429 that carried neither {@code Retry-After} nor {@code X-RateLimit-Reset}. */
    public static final Duration MIN_RATE_LIMITED_WAIT = Duration.ofSeconds(1);

    private final int maxRetries;
    private final Duration maxRetryWait;
    private final Duration backoffBase;
    private final Duration backoffCap;
    private final Random random;
    private final Clock clock;

    private RetryPolicy(Builder builder) {
        this.maxRetries = builder.maxRetries;
        this.maxRetryWait = builder.maxRetryWait;
        this.backoffBase = builder.backoffBase;
        this.backoffCap = builder.backoffCap;
        this.random = builder.random;
        this.clock = builder.clock;
    }

    /** @return the policy with every default */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides what to do after a failed attempt.
     *
     * @param operation   the call that failed
     * @param attempt     which attempt failed: 1 for the first try, 2 for the first retry, ...
     * @param waitedSoFar the total time already waited between the attempts of this call
     * @param failure     what went wrong
     * @return            the decision; never null
     */
    public RetryDecision decide(ApiOperation operation, int attempt, Duration waitedSoFar, CallFailure failure) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(waitedSoFar, "waitedSoFar");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1 (the first try), but was " + attempt);
        }
        if (waitedSoFar.isNegative()) {
            throw new IllegalArgumentException("waitedSoFar must not be negative, but was " + waitedSoFar);
        }
        Candidate candidate = classify(operation, attempt, failure);
        if (candidate.action == RetryDecision.Action.GIVE_UP) {
            return RetryDecision.giveUp(null, candidate.reason);
        }
        Duration hint = candidate.serverAdvised ? candidate.delay : null;
        if (attempt > maxRetries) {
            return RetryDecision.giveUp(hint, candidate.reason + "; giving up after " + maxRetries
                    + " retries (maxRetries)");
        }
        if (waitedSoFar.plus(candidate.delay).compareTo(maxRetryWait) > 0) {
            return RetryDecision.giveUp(hint, candidate.reason + "; giving up: waiting "
                    + DurationText.of(candidate.delay) + " more would exceed maxRetryWait "
                    + DurationText.of(maxRetryWait) + " (already waited " + DurationText.of(waitedSoFar) + ")");
        }
        return candidate.action == RetryDecision.Action.RETRY
                ? RetryDecision.retry(candidate.delay, candidate.reason)
                : RetryDecision.retryAfterLookup(candidate.delay, candidate.reason);
    }

    private Candidate classify(ApiOperation operation, int attempt, CallFailure failure) {
        switch (failure.kind()) {
            case NOT_SENT:
                return Candidate.retry(backoff(attempt), false,
                        failure.description() + ": the request was not sent, so it is safe to send again");
            case AMBIGUOUS:
                return operation.isIdempotent()
                        ? Candidate.retry(backoff(attempt), false, failure.description() + " on an idempotent "
                                + operation + ": safe to send again")
                        : Candidate.lookup(backoff(attempt), failure.description() + " after the " + operation
                                + " request was sent: it may have been processed, look it up before sending it again");
            default:
                break;
        }
        int status = failure.status().getAsInt();
        if (status == 429) {
            Optional<Duration> server = serverWait(failure);
            Duration delay = server.orElseGet(() -> max(MIN_RATE_LIMITED_WAIT, backoff(attempt)));
            return Candidate.retry(delay, server.isPresent(),
                    "HTTP 429 Too Many Requests: the request was not processed, retrying after "
                            + DurationText.of(delay));
        }
        if (status < 500) {
            return Candidate.giveUp("HTTP " + status + " is a client error: the same request cannot succeed");
        }
        if (status == 503 && failure.retryAfter().isPresent()) {
            Duration delay = failure.retryAfter().get();
            return Candidate.retry(delay, true, "HTTP 503 with Retry-After: the server refused the request "
                    + "without processing it, retrying after " + DurationText.of(delay));
        }
        if (operation.isIdempotent()) {
            return Candidate.retry(backoff(attempt), false, "HTTP " + status + " on an idempotent " + operation
                    + ": safe to send again");
        }
        return Candidate.lookup(backoff(attempt), "HTTP " + status + " on " + operation
                + ": the request may have been processed, look it up before sending it again");
    }

    /** The wait a 429 asks for: {@code Retry-After}, else the time until {@code X-RateLimit-Reset}. */
    private Optional<Duration> serverWait(CallFailure failure) {
        if (failure.retryAfter().isPresent()) {
            return failure.retryAfter();
        }
        if (failure.rateLimitReset().isPresent()) {
            Duration untilReset = Duration.between(clock.instant(), failure.rateLimitReset().get());
            return Optional.of(untilReset.isNegative() ? Duration.ZERO : untilReset);
        }
        return Optional.empty();
    }

    /** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
    private Duration backoff(int attempt) {
        long capNanos = backoffCap.toNanos();
        long ceiling = backoffBase.toNanos();
        for (int i = 1; i < attempt && ceiling < capNanos; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, capNanos);
        return Duration.ofNanos((long) (random.nextDouble() * ceiling));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** @return the number of retries allowed after the first attempt */
    public int maxRetries() {
        return maxRetries;
    }

    /** @return the longest total wait across the retries of one call */
    public Duration maxRetryWait() {
        return maxRetryWait;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", maxRetryWait=" + maxRetryWait + ", backoffBase="
                + backoffBase + ", backoffCap=" + backoffCap + "]";
    }

    private record Candidate(RetryDecision.Action action, Duration delay, boolean serverAdvised, String reason) {
        static Candidate retry(Duration delay, boolean serverAdvised, String reason) {
            return new Candidate(RetryDecision.Action.RETRY, delay, serverAdvised, reason);
        }

        static Candidate lookup(Duration delay, String reason) {
            return new Candidate(RetryDecision.Action.RETRY_AFTER_LOOKUP, delay, false, reason);
        }

        static Candidate giveUp(String reason) {
            return new Candidate(RetryDecision.Action.GIVE_UP, Duration.ZERO, false, reason);
        }
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration maxRetryWait = DEFAULT_MAX_RETRY_WAIT;
        private Duration backoffBase = DEFAULT_BACKOFF_BASE;
        private Duration backoffCap = DEFAULT_BACKOFF_CAP;
        private Random random = new Random();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** @param maxRetries retries after the first attempt, 0 or more (default 3); 0 disables retrying */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more, but was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** @param maxRetryWait the longest total wait across the retries of one call (default 60 s) */
        public Builder maxRetryWait(Duration maxRetryWait) {
            this.maxRetryWait = nonNegative("maxRetryWait", maxRetryWait);
            return this;
        }

        /** @param base the backoff ceiling of the first retry (default 500 ms), doubled for each further retry */
        public Builder backoffBase(Duration base) {
            this.backoffBase = nonNegative("backoffBase", base);
            return this;
        }

        /** @param cap the largest backoff ceiling (default 30 s) */
        public Builder backoffCap(Duration cap) {
            this.backoffCap = nonNegative("backoffCap", cap);
            return this;
        }

        /** @param random the source of jitter (tests pass a seeded one) */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** @param clock the clock that turns an {@code X-RateLimit-Reset} time into a wait */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private static Duration nonNegative(String name, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be a duration of 0 or more, but was " + value);
            }
            return value;
        }

        /** @return the policy */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
