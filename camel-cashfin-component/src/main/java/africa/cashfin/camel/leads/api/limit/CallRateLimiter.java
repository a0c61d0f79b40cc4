package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces the calls made with one Cashfin client secret so that they stay under the secret's {@link RateLimits} without
 * 429s, and adapts to what the server reports. One instance per secret, shared by every endpoint and route in the JVM
 * (get it from {@link CallRateLimiterRegistry}); thread-safe.
 * <p>
 * How it paces (see {@code docs/rate-limiting.md} for the arithmetic): the per-second and per-minute windows are
 * Bucket4j bandwidths of capacity one call, refilled greedily at {@code limit * (1 - margin)} per window, so calls
 * are spread evenly and no fixed window of the server ever sees more than {@code ceil(limit * (1 - margin))} of them;
 * the per-day window is a bandwidth holding the whole margin-reduced daily budget, refilled once a day. On top of the
 * bucket, a pause shared by all callers holds every call until the server's {@code X-RateLimit-Reset} (when
 * {@code X-RateLimit-Remaining} is at or below the hold threshold) or until the {@code Retry-After} of a 429.
 * <p>
 * With a distributed Bucket4j {@link ProxyManager} the bucket lives in the shared store under
 * {@link SecretFingerprint#bucketKey()}, so several JVMs using one secret share one budget; pauses stay per JVM.
 */
public final class CallRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(CallRateLimiter.class);

    /** A reset further away than this is not believed (a day and an hour covers the daily window). */
    private static final Duration MAX_HOLD = Duration.ofHours(25);

    private final SecretFingerprint secret;
    private final RateLimits limits;
    private final TimeSource time;
    private final Bucket bucket;
    private final boolean distributed;
    private final long holdWhenRemainingAtMost;
    private final BlockingStrategy sleeper;
    /** End of the current pause, on the {@link TimeSource#nanoTime()} scale; in the past when not paused. */
    private final AtomicLong pausedUntilNanos;

    private CallRateLimiter(Builder builder) {
        this.secret = Objects.requireNonNull(builder.secret, "secret");
        this.limits = Objects.requireNonNull(builder.limits, "limits");
        this.time = Objects.requireNonNull(builder.time, "time");
        this.holdWhenRemainingAtMost = builder.holdWhenRemainingAtMost;
        this.distributed = builder.proxyManager != null;
        this.sleeper = time::sleepNanos;
        this.pausedUntilNanos = new AtomicLong(time.nanoTime());
        if (limits.isUnlimited()) {
            this.bucket = null;
        } else if (builder.proxyManager != null) {
            BucketConfiguration configuration = bucketConfiguration(limits);
            this.bucket = builder.proxyManager.builder().build(secret.bucketKey(), () -> configuration);
        } else {
            TimeMeter meter = new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return time.nanoTime();
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            };
            var local = Bucket.builder().withCustomTimePrecision(meter);
            for (Bandwidth bandwidth : bucketConfiguration(limits).getBandwidths()) {
                local.addLimit(bandwidth);
            }
            this.bucket = local.build();
        }
    }

    /** @return a builder for a limiter of the given secret (normally the registry builds limiters) */
    public static Builder builder(SecretFingerprint secret, RateLimits limits) {
        return new Builder(secret, limits);
    }

    /**
     * The Bucket4j configuration the limiter enforces for the given limits: exposed so a cluster can inspect or
     * pre-create the shared bucket.
     *
     * @throws IllegalArgumentException when the limits are unlimited (there is nothing to enforce)
     */
    public static BucketConfiguration bucketConfiguration(RateLimits limits) {
        ConfigurationBuilder configuration = BucketConfiguration.builder();
        boolean any = false;
        for (RateWindow window : RateWindow.values()) {
            if (limits.budget(window).isEmpty()) {
                continue;
            }
            double budget = limits.budget(window).getAsDouble();
            long windowNanos = window.length().toNanos();
            if (window == RateWindow.DAY) {
                // the whole (margin-reduced) daily budget, refilled once a day: pacing it over 24 h would allow one
                // call every ~89 s on Free; the server's headers correct a misaligned day window
                long capacity = Math.max(1, (long) Math.floor(budget + 1e-9));
                configuration.addLimit(Bandwidth.builder().capacity(capacity)
                        .refillIntervally(capacity, window.length()).id("per-day").build());
            } else {
                // one call of capacity, one call every windowNanos / budget (rounded up): even pacing, and any fixed
                // window of the server's sees fewer than 1 + budget calls
                long spacingNanos = (long) Math.ceil(windowNanos / budget);
                configuration.addLimit(Bandwidth.builder().capacity(1)
                        .refillGreedy(1, Duration.ofNanos(spacingNanos))
                        .id(window == RateWindow.SECOND ? "per-second" : "per-minute").build());
            }
            any = true;
        }
        if (!any) {
            throw new IllegalArgumentException("Unlimited rate limits need no bucket");
        }
        return configuration.build();
    }

    /**
     * Blocks until a call may be made, however long that takes (on the Free plan, after the daily budget is spent,
     * that can be hours).
     *
     * @throws InterruptedException when the waiting thread is interrupted; no call may then be made
     */
    public void acquire() throws InterruptedException {
        acquire(null);
    }

    /**
     * Blocks until a call may be made, but no longer than {@code maxWait}.
     *
     * @param  maxWait                        the longest wait accepted; null for no limit
     * @throws RateLimitWaitExceededException when no call is allowed within {@code maxWait}: no call may be made, the
     *                                        exception says when to retry
     * @throws InterruptedException           when the waiting thread is interrupted; no call may then be made
     */
    public void acquire(Duration maxWait) throws InterruptedException {
        if (maxWait != null && maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, but was " + maxWait);
        }
        long start = time.nanoTime();
        long deadline = maxWait == null ? 0 : start + maxWait.toNanos();
        boolean consumed = bucket == null;
        while (true) {
            long now = time.nanoTime();
            long pauseLeft = pausedUntilNanos.get() - now;
            if (pauseLeft > 0) {
                if (maxWait != null && pauseLeft > deadline - now) {
                    throw exceeded(maxWait, pauseLeft, "the Cashfin server asked to pause calls");
                }
                time.sleepNanos(pauseLeft);
                continue;
            }
            if (consumed) {
                return;
            }
            if (maxWait == null) {
                bucket.asBlocking().consume(1, sleeper);
            } else if (!tryConsumeWithin(deadline - now)) {
                long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
                throw exceeded(maxWait, wait, "the rate limit " + limits + " is spent for now");
            }
            consumed = true;
        }
    }

    private boolean tryConsumeWithin(long maxWaitNanos) throws InterruptedException {
        // Bucket4j's blocking tryConsume refuses a zero wait: then only take a token that is there now
        return maxWaitNanos <= 0 ? bucket.tryConsume(1) : bucket.asBlocking().tryConsume(1, maxWaitNanos, sleeper);
    }

    /**
     * Adapts to the rate-limit headers of a response: when {@code X-RateLimit-Remaining} is at or below the hold
     * threshold (default 0) and {@code X-RateLimit-Reset} is in the future, every caller of this secret is held until
     * the reset.
     */
    public void observe(RateLimitHeaders headers) {
        if (headers == null || headers.remaining().isEmpty()
                || headers.remaining().getAsLong() > holdWhenRemainingAtMost) {
            return;
        }
        Instant now = time.now();
        Optional<Duration> untilReset = headers.timeUntilReset(now);
        if (untilReset.isEmpty()) {
            return;
        }
        Duration hold = min(untilReset.get(), MAX_HOLD);
        pauseFor(hold);
        LOG.debug("Cashfin reports {} calls remaining (limit {}) for {}: holding calls for {}",
                headers.remaining().getAsLong(), headers.limit().isPresent() ? headers.limit().getAsLong() : "?",
                secret, hold);
    }

    /**
     * Pauses every caller of this secret after a 429: no call starts before {@code retryAfter} has passed.
     *
     * @param retryAfter the server's {@code Retry-After} (or the time until {@code X-RateLimit-Reset}); null or
     *                   negative means one second
     */
    public void onRateLimited(Duration retryAfter) {
        Duration pause = retryAfter == null || retryAfter.isNegative() ? Duration.ofSeconds(1)
                : min(retryAfter, MAX_HOLD);
        pauseFor(pause);
        LOG.info("Cashfin answered 429 Too Many Requests for {}: pausing all its calls for {}", secret, pause);
    }

    /** @return when the current pause ends, by the wall clock, or empty when calls are not paused */
    public Optional<Instant> pausedUntil() {
        long left = pausedUntilNanos.get() - time.nanoTime();
        return left > 0 ? Optional.of(time.now().plusNanos(left)) : Optional.empty();
    }

    /**
     * How long a call asked for now would wait for its slot, without taking one: the pause the server asked for, or
     * the time until the bucket refills (after the day's budget is spent, hours). Spends nothing; with a distributed
     * store it reads the shared bucket.
     *
     * @return zero when a call could start now
     */
    public Duration waitForNextCall() {
        long pauseLeft = Math.max(0, pausedUntilNanos.get() - time.nanoTime());
        long refill = bucket == null ? 0 : Math.max(0, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        return Duration.ofNanos(Math.max(pauseLeft, refill));
    }

    /** @return the limits enforced */
    public RateLimits limits() {
        return limits;
    }

    /** @return the fingerprint of the secret whose budget this is */
    public SecretFingerprint secret() {
        return secret;
    }

    /** @return true when the bucket lives in a distributed Bucket4j store */
    public boolean isDistributed() {
        return distributed;
    }

    private void pauseFor(Duration pause) {
        long until = time.nanoTime() + pause.toNanos();
        pausedUntilNanos.accumulateAndGet(until, (current, wanted) -> wanted - current > 0 ? wanted : current);
    }

    private RateLimitWaitExceededException exceeded(Duration maxWait, long waitNanos, String cause) {
        Duration retryAfter = Duration.ofNanos(Math.max(0, waitNanos));
        return new RateLimitWaitExceededException(secret, maxWait, retryAfter, time.now().plus(retryAfter), cause);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "CallRateLimiter[" + secret + ", " + limits + (distributed ? ", distributed" : "") + "]";
    }

    /** Builds a {@link CallRateLimiter}. */
    public static final class Builder {
        private final SecretFingerprint secret;
        private final RateLimits limits;
        private TimeSource time = TimeSource.system();
        private ProxyManager<String> proxyManager;
        private long holdWhenRemainingAtMost;

        private Builder(SecretFingerprint secret, RateLimits limits) {
            this.secret = secret;
            this.limits = limits;
        }

        /** @param time the clock and sleeper (tests pass a virtual one) */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /** @param proxyManager a distributed Bucket4j store shared by the JVMs using this secret; null for local */
        public Builder distributed(ProxyManager<String> proxyManager) {
            this.proxyManager = proxyManager;
            return this;
        }

        /** @param remaining hold callers until the reset when {@code X-RateLimit-Remaining} is at most this (default 0) */
        public Builder holdWhenRemainingAtMost(long remaining) {
            if (remaining < 0) {
                throw new IllegalArgumentException("holdWhenRemainingAtMost must be 0 or more, but was " + remaining);
            }
            this.holdWhenRemainingAtMost = remaining;
            return this;
        }

        /** @return the limiter */
        public CallRateLimiter build() {
            return new CallRateLimiter(this);
        }
    }
}
