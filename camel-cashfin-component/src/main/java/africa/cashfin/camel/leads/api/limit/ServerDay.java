package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * describes the day, instead of assuming a full day. With a distributed store the day's start is read back from the
 * stored bucket at start ({@link #storedDayStart}), so a node started mid-day does not move the day back to UTC
 * midnight.
 * <p>
 * This is the one home of "when the day starts": every other day bucket of the secret (the budget shares' reserves and
 * pool) builds its day bandwidth with {@link #dayBandwidth} from {@link #dayStartSecond()} and follows a start learned
 * later through a {@link Listener}. Thread-safe.
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
    /** Told when the day's start moves (the budget shares' day buckets follow it). */
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Told when the server's day is found to start at another time of day than the one the day buckets follow. */
    interface Listener {
        /**
         * @param dayStartSecond the second of the UTC day at which the server's day starts from now on
         * @param newDayBegan    true when the server's current day began after the day the buckets were in began
         *                       (the server reset since: its headers describe a new day), so a day bucket starts
         *                       the new day full; false when it is the same day seen from another start (a node
         *                       learning the server's midnight mid-day), so what was spent stays spent
         */
        void dayStartMoved(long dayStartSecond, boolean newDayBegan);
    }

    ServerDay(SecretFingerprint secret, RateLimits limits, BucketHome home, BoundedStore store, TimeSource time) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.limit = limits.limit(RateWindow.DAY).orElseThrow();
        this.budget = budget(limits);
        this.store = Objects.requireNonNull(store, "store");
        this.time = Objects.requireNonNull(time, "time");
        String key = secret.bucketKey() + KEY_SUFFIX;
        this.dayStartSecond = storedDayStart(home, store, key, time);
        this.bucket = home.bucket(key, configuration(budget, dayStartSecond), true);
    }

    /**
     * The day's start as the distributed store has it (the id of the stored day bandwidth, {@code per-day@22:00}), so a
     * node that starts mid-day keeps the start another node learned; UTC midnight for local buckets, a new row, or a
     * store that fails or does not answer within {@link BoundedStore#MIN_WAIT} (one bounded read when the limiter is
     * built).
     */
    private static long storedDayStart(BucketHome home, BoundedStore store, String key, TimeSource time) {
        if (!home.isDistributed()) {
            return 0;
        }
        try {
            return store.call(() -> home.stored(key).map(c -> {
                for (Bandwidth b : c.getBandwidths()) {
                    OptionalLong start = dayStartOf(b, "per-day");
                    if (start.isPresent()) {
                        return start.getAsLong();
                    }
                }
                return 0L;
            }).orElse(0L), time.nanoTime() + BoundedStore.MIN_WAIT.toNanos(), null);
        } catch (RuntimeException e) {
            // the store's stall or failure is reported by the first call that needs it; until then UTC midnight
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * A day bandwidth of one of the secret's day buckets: {@code calls} refilled in full at the start of every day that
     * begins {@code dayStartSecond} seconds after UTC midnight. Its id is {@code name} for UTC midnight, else
     * {@code name@HH:mm[:ss]}: Bucket4j keeps a bandwidth's refill schedule across a configuration change when its id
     * stays, so a day that starts at another time is another bandwidth (which starts full, or with
     * {@code initialTokens}).
     *
     * @param initialTokens the calls the bandwidth holds when it is new, or -1 for all of them
     * @param now           the time now (Bucket4j gives a new bandwidth its initial tokens only when its first refill
     *                      is still to come: with {@code initialTokens}, the first refill is the day's next start)
     */
    static Bandwidth dayBandwidth(String name, long calls, long dayStartSecond, long initialTokens, Instant now) {
        Instant firstRefill = initialTokens < 0 ? Instant.ofEpochSecond(DAY_SECONDS + dayStartSecond)
                : Instant.ofEpochSecond(dayBegan(now, dayStartSecond) + DAY_SECONDS);
        var b = Bandwidth.builder().capacity(calls)
                .refillIntervallyAligned(calls, Duration.ofSeconds(DAY_SECONDS), firstRefill);
        if (initialTokens >= 0) {
            b.initialTokens(Math.min(calls, initialTokens));
        }
        return b.id(dayStartSecond == 0 ? name : name + "@" + LocalTime.ofSecondOfDay(dayStartSecond)).build();
    }

    /** @return the day start of a bandwidth built by {@link #dayBandwidth} with {@code name}, else empty */
    static OptionalLong dayStartOf(Bandwidth bandwidth, String name) {
        String id = bandwidth.getId();
        if (name.equals(id)) {
            return OptionalLong.of(0);
        }
        if (id != null && id.startsWith(name + "@")) {
            try {
                return OptionalLong.of(LocalTime.parse(id.substring(name.length() + 1)).toSecondOfDay());
            } catch (DateTimeParseException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** @param listener told from now on when the day's start moves */
    void listen(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @param listener no longer told */
    void unlisten(Listener listener) {
        listeners.remove(listener);
    }

    /** @return the second of the UTC day at which the server's day starts, as far as this JVM knows */
    long dayStartSecond() {
        return dayStartSecond;
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
        return BucketConfiguration.builder().addLimit(dayBandwidth("per-day", budget, dayStartSecond, -1, null)).build();
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
        long previousStart;
        synchronized (this) {
            previousStart = dayStartSecond;
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
        boolean newDayBegan = moveBoundary && dayBegan(now, start) > dayBegan(now, previousStart);
        store.runLater(() -> {
            if (moveBoundary) {
                bucket.replaceConfiguration(configuration(budget, start), TokensInheritanceStrategy.AS_IS);
                for (Listener listener : listeners) {
                    try {
                        listener.dayStartMoved(start, newDayBegan);
                    } catch (RuntimeException e) {
                        LOG.warn("The budget shares of {} could not follow the server's day starting at {} UTC: {}",
                                secret, LocalTime.ofSecondOfDay(start), e.getMessage());
                    }
                }
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

    /** @return the epoch second at which the day containing {@code now} began, for a day starting at {@code start} */
    static long dayBegan(Instant now, long dayStartSecond) {
        long s = now.getEpochSecond() - dayStartSecond;
        return s - Math.floorMod(s, DAY_SECONDS) + dayStartSecond;
    }

    private static long circularDistance(long a, long b) {
        long d = Math.abs(a - b) % DAY_SECONDS;
        return Math.min(d, DAY_SECONDS - d);
    }
}
