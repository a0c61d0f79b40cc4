package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily budget of one client secret, aligned with the <b>server's</b> day: a Bucket4j bucket of its own (key
 * {@code <secret's bucket key>:day}) holding the margin-reduced daily budget, refilled in full at the start of each
 * server day (UTC midnight until the server's headers say otherwise). The server's rate-limit headers are
 * authoritative whenever they describe the day: what they say is left becomes what the bucket holds (up as well as
 * down), minus the margin and the calls this JVM sent since; their reset names the server's next midnight, which the
 * refill follows from then on. So a JVM that starts mid-day learns what is left from its first response that
 * describes the day, instead of assuming a full day. Thread-safe.
 */
final class ServerDay {

    private static final Logger LOG = LoggerFactory.getLogger(ServerDay.class);

    /** The key suffix of the day's bucket. */
    static final String KEY_SUFFIX = ":day";
    private static final long DAY_SECONDS = 86_400;
    /** Headers whose reset is further away than this describe the day (not a second or a minute window). */
    private static final Duration LONGER_THAN_A_MINUTE = Duration.ofSeconds(65);
    /** A boundary learned from the headers must move by more than this to count (a reset is rounded to seconds). */
    private static final long BOUNDARY_SLACK_SECONDS = 60;
    /** The headers adjust the bucket at most this often (each adjustment reads and writes the bucket). */
    private static final long ADJUST_EVERY_NANOS = 1_000_000_000L;

    private final SecretFingerprint secret;
    private final RateLimits limits;
    private final long limit;
    private final long budget;
    private final Bucket bucket;
    private final BoundedStore store;
    private final TimeSource time;
    /** Second of the UTC day at which the server's day starts. */
    private volatile long dayStartSecond;
    // guarded by "this"
    private long adjustedAt;
    private boolean adjustedOnce;
    private long lastTarget = -1;

    ServerDay(SecretFingerprint secret, RateLimits limits, BucketHome home, BoundedStore store, TimeSource time) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.limit = limits.limit(RateWindow.DAY).orElseThrow();
        this.budget = budget(limits);
        this.store = Objects.requireNonNull(store, "store");
        this.time = Objects.requireNonNull(time, "time");
        this.bucket = home.bucket(secret.bucketKey() + KEY_SUFFIX, configuration(budget, 0), true);
    }

    /** @return the calls of the margin-reduced daily budget ({@code floor(limit * (1 - margin))}, at least 1) */
    static long budget(RateLimits limits) {
        return Math.max(1, (long) Math.floor(limits.budget(RateWindow.DAY).orElseThrow() + 1e-9));
    }

    /**
     * The day's bucket configuration: {@code budget} calls, refilled in full at the start of every day that begins
     * {@code dayStartSecond} seconds after UTC midnight. The bandwidth's id names the start ({@code per-day}, or e.g.
     * {@code per-day@22:00}): Bucket4j keeps a bandwidth's refill schedule across a configuration change when its id
     * stays, so a day that starts at another time is another bandwidth.
     */
    static BucketConfiguration configuration(long budget, long dayStartSecond) {
        return BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(budget)
                .refillIntervallyAligned(budget, Duration.ofSeconds(DAY_SECONDS),
                        Instant.ofEpochSecond(DAY_SECONDS + dayStartSecond))
                .id(dayStartSecond == 0 ? "per-day" : "per-day@" + LocalTime.ofSecondOfDay(dayStartSecond))
                .build()).build();
    }

    /** @return the day's bucket */
    Bucket bucket() {
        return bucket;
    }

    /** @return the bounded calls to the day's bucket */
    BoundedStore store() {
        return store;
    }

    /** @return the time of day, UTC, at which the server's day starts, as far as this JVM knows */
    LocalTime dayStart() {
        return LocalTime.ofSecondOfDay(dayStartSecond);
    }

    /**
     * Learns from the rate-limit headers of a response, when they describe the day: the calls left (authoritative,
     * up or down) and the end of the server's day.
     *
     * @param headers   the response's headers
     * @param sentSince the calls this JVM sent after the call that got these headers (not yet counted by the server)
     */
    void observe(RateLimitHeaders headers, long sentSince) {
        Instant now = time.now();
        if (!describesDay(headers, now)) {
            return;
        }
        long remaining = headers.remaining().getAsLong();
        long target = remaining - (limit - budget);
        if (headers.limit().isPresent()) {
            // a server limit above ours (a smaller maxRequestsPerDay): what the server counted is spent from ours
            target = Math.min(target, budget - (headers.limit().getAsLong() - remaining));
        }
        target = Math.max(0, Math.min(budget, target - sentSince));
        Optional<Long> boundary = headers.timeUntilReset(now)
                .map(untilReset -> Math.floorMod(now.plus(untilReset).getEpochSecond(), DAY_SECONDS));
        boolean moveBoundary = boundary.isPresent() && circularDistance(boundary.get(), dayStartSecond)
                                                       > BOUNDARY_SLACK_SECONDS;
        long nowNanos = time.nanoTime();
        // near the end of the day every answer counts; before, one adjustment a second is plenty
        boolean urgent = target < Math.max(10, budget / 10);
        synchronized (this) {
            if (!moveBoundary && adjustedOnce
                && (target == lastTarget || !urgent && nowNanos - adjustedAt < ADJUST_EVERY_NANOS)) {
                return;
            }
            adjustedOnce = true;
            adjustedAt = nowNanos;
            lastTarget = target;
            if (moveBoundary) {
                dayStartSecond = boundary.get();
                LOG.info("Cashfin's day for {} starts at {} UTC (from its X-RateLimit-Reset), not at UTC midnight:"
                         + " the daily budget of {} calls is refilled then", secret, dayStart(), budget);
            }
        }
        long left = target;
        long start = dayStartSecond;
        store.runLater(() -> {
            if (moveBoundary) {
                bucket.replaceConfiguration(configuration(budget, start), TokensInheritanceStrategy.AS_IS);
            }
            long available = bucket.getAvailableTokens();
            if (left > available) {
                bucket.addTokens(left - available);
            } else if (left < available) {
                bucket.tryConsumeAsMuchAsPossible(available - left);
            }
            if (left != available) {
                LOG.debug("Cashfin reports {} calls left of the day for {}: the daily budget holds {} (was {})",
                        remaining, secret, left, available);
            }
        });
    }

    /**
     * True when the headers describe the day window: their limit is the day's, or (no limit that is the second's or
     * the minute's) their reset is more than a minute away.
     */
    private boolean describesDay(RateLimitHeaders headers, Instant now) {
        if (headers == null || headers.remaining().isEmpty()) {
            return false;
        }
        if (headers.limit().isPresent()) {
            long reported = headers.limit().getAsLong();
            if (reported == limit) {
                return true;
            }
            for (RateWindow window : new RateWindow[] { RateWindow.SECOND, RateWindow.MINUTE }) {
                if (limits.limit(window).isPresent() && limits.limit(window).getAsLong() == reported) {
                    return false;
                }
            }
        }
        return headers.timeUntilReset(now).map(d -> d.compareTo(LONGER_THAN_A_MINUTE) > 0).orElse(false);
    }

    private static long circularDistance(long a, long b) {
        long d = Math.abs(a - b) % DAY_SECONDS;
        return Math.min(d, DAY_SECONDS - d);
    }
}
