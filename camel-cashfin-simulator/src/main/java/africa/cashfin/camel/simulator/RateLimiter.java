package africa.cashfin.camel.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limiter per client secret with a window per second, per minute and per UTC day, counted in one of two
 * {@link RateLimitMode}s. A request is allowed only if every window has room; an allowed request counts in all
 * three; a rejected one counts in none.
 *
 * <ul>
 * <li>{@link RateLimitMode#FIXED}: windows aligned to the epoch (a minute window is 12:00:00-12:00:59); the day
 * starts at UTC midnight, or at the {@link #dayStart(java.time.LocalTime) day start} set (the server's own
 * midnight).</li>
 * <li>{@link RateLimitMode#SLIDING}: a sliding log of arrival times (nanosecond precision of the clock): a request
 * is allowed only if fewer than the limit were allowed in the span {@code (now - window, now]}.</li>
 * </ul>
 *
 * <p>Headers describe one window: while allowed, the window with the fewest remaining requests (on a tie the
 * shorter window); when rejected, the exceeded window that resets last, with {@code Retry-After} = seconds until
 * that reset (at least 1). In sliding mode a window "resets" when its oldest counted request leaves the span.
 */
final class RateLimiter {

    private static final long[] SIZES = {1, 60, 86_400};
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Clock clock;
    private final ConcurrentHashMap<String, Windows> bySecret = new ConcurrentHashMap<>();
    private volatile Plan plan;
    private volatile RateLimitMode mode;
    /** Fixed mode: seconds after UTC midnight at which the server's day starts (0: UTC midnight). */
    private volatile long dayStartSecond;

    RateLimiter(Clock clock, Plan plan, RateLimitMode mode) {
        this.clock = clock;
        this.plan = plan;
        this.mode = mode;
    }

    void plan(Plan newPlan) {
        this.plan = newPlan;
    }

    Plan plan() {
        return plan;
    }

    /** Switches the counting mode; the windows counted so far are emptied. */
    void mode(RateLimitMode newMode) {
        this.mode = newMode;
        bySecret.clear();
    }

    RateLimitMode mode() {
        return mode;
    }

    /** Fixed mode: the day window starts at this time of day, UTC; the day counted so far is kept until it ends. */
    void dayStart(java.time.LocalTime utc) {
        this.dayStartSecond = utc.toSecondOfDay();
    }

    java.time.LocalTime dayStart() {
        return java.time.LocalTime.ofSecondOfDay(dayStartSecond);
    }

    void reset() {
        bySecret.clear();
    }

    /** Consumes one request for the secret if every window has room. */
    RateLimitDecision acquire(String secret) {
        return check(secret, true);
    }

    /** Reports the current state for the secret without consuming anything. */
    RateLimitDecision peek(String secret) {
        return check(secret, false);
    }

    private RateLimitDecision check(String secret, boolean consume) {
        Windows w = windows(secret);
        Instant now = clock.instant();
        return mode == RateLimitMode.SLIDING
                ? w.slide(now.getEpochSecond() * NANOS_PER_SECOND + now.getNano(), limits(), consume)
                : w.fixed(now.getEpochSecond(), limits(), dayStartSecond, consume);
    }

    private long[] limits() {
        Plan p = plan;
        return new long[] {p.perSecond(), p.perMinute(), p.perDay()};
    }

    private Windows windows(String secret) {
        return bySecret.computeIfAbsent(secret == null ? "" : secret, s -> new Windows());
    }

    /** The three windows of one secret, in both modes (only the current mode's state is used). */
    private static final class Windows {
        private final long[] index = {-1, -1, -1};
        private final long[] count = new long[3];
        /** Sliding mode: arrival times (epoch nanos) of the allowed requests still inside each span. */
        @SuppressWarnings("unchecked")
        private final ArrayDeque<Long>[] arrivals = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>(),
                new ArrayDeque<>()};

        synchronized RateLimitDecision fixed(long nowSecond, long[] limits, long dayStart, boolean consume) {
            long[] offsets = {0, 0, dayStart};
            for (int i = 0; i < 3; i++) {
                long idx = Math.floorDiv(nowSecond - offsets[i], SIZES[i]);
                if (idx != index[i]) {
                    index[i] = idx;
                    count[i] = 0;
                }
            }
            int blocking = -1;
            for (int i = 0; i < 3; i++) {
                if (count[i] >= limits[i]) {
                    blocking = i; // later (longer) windows reset later
                }
            }
            if (blocking >= 0 && consume) {
                long reset = (index[blocking] + 1) * SIZES[blocking] + offsets[blocking];
                return new RateLimitDecision(false, limits[blocking], 0, reset, Math.max(1, reset - nowSecond));
            }
            if (consume) {
                for (int i = 0; i < 3; i++) {
                    count[i]++;
                }
            }
            int shown = fewestRemaining(limits, count);
            long reset = (index[shown] + 1) * SIZES[shown] + offsets[shown];
            long remaining = Math.max(0, limits[shown] - count[shown]);
            return new RateLimitDecision(true, limits[shown], remaining, reset, Math.max(1, reset - nowSecond));
        }

        synchronized RateLimitDecision slide(long nowNanos, long[] limits, boolean consume) {
            long[] used = new long[3];
            for (int i = 0; i < 3; i++) {
                ArrayDeque<Long> log = arrivals[i];
                if (limits[i] >= Plan.NO_LIMIT) {
                    log.clear(); // an unlimited window needs no log (and must not grow one)
                    continue;
                }
                long oldestKept = nowNanos - SIZES[i] * NANOS_PER_SECOND;
                while (!log.isEmpty() && log.peekFirst() <= oldestKept) {
                    log.pollFirst();
                }
                used[i] = log.size();
            }
            int blocking = -1;
            long blockingLeaves = 0;
            for (int i = 0; i < 3; i++) {
                if (used[i] >= limits[i]) {
                    long leaves = oldestLeaves(i, nowNanos);
                    if (blocking < 0 || leaves >= blockingLeaves) {
                        blocking = i;
                        blockingLeaves = leaves;
                    }
                }
            }
            if (blocking >= 0 && consume) {
                return new RateLimitDecision(false, limits[blocking], 0, ceilSeconds(blockingLeaves),
                        Math.max(1, ceilSeconds(blockingLeaves - nowNanos)));
            }
            if (consume) {
                for (int i = 0; i < 3; i++) {
                    if (limits[i] < Plan.NO_LIMIT) {
                        arrivals[i].addLast(nowNanos);
                        used[i]++;
                    }
                }
            }
            int shown = fewestRemaining(limits, used);
            long leaves = oldestLeaves(shown, nowNanos);
            return new RateLimitDecision(true, limits[shown], Math.max(0, limits[shown] - used[shown]),
                    ceilSeconds(leaves), Math.max(1, ceilSeconds(leaves - nowNanos)));
        }

        /** When (epoch nanos) the oldest request counted in window {@code i} leaves the span. */
        private long oldestLeaves(int i, long nowNanos) {
            Long oldest = arrivals[i].peekFirst();
            return (oldest == null ? nowNanos : oldest) + SIZES[i] * NANOS_PER_SECOND;
        }

        private static long ceilSeconds(long nanos) {
            return Math.floorDiv(nanos + NANOS_PER_SECOND - 1, NANOS_PER_SECOND);
        }

        private static int fewestRemaining(long[] limits, long[] used) {
            int shown = 0;
            for (int i = 1; i < 3; i++) {
                if (limits[i] - used[i] < limits[shown] - used[shown]) {
                    shown = i;
                }
            }
            return shown;
        }
    }
}
