package africa.cashfin.camel.simulator;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window rate limiter per client secret: one window per second, per minute and per UTC day, aligned to the
 * epoch (a minute window is 12:00:00-12:00:59). A request is allowed only if every window has room; an allowed
 * request counts in all three; a rejected one counts in none.
 *
 * <p>Headers describe one window: while allowed, the window with the fewest remaining requests (on a tie the
 * shorter window); when rejected, the exceeded window that resets last, with {@code Retry-After} = seconds until
 * that reset (at least 1).
 */
final class RateLimiter {

    private static final long[] SIZES = {1, 60, 86_400};

    private final Clock clock;
    private final ConcurrentHashMap<String, Windows> bySecret = new ConcurrentHashMap<>();
    private volatile Plan plan;

    RateLimiter(Clock clock, Plan plan) {
        this.clock = clock;
        this.plan = plan;
    }

    void plan(Plan newPlan) {
        this.plan = newPlan;
    }

    Plan plan() {
        return plan;
    }

    void reset() {
        bySecret.clear();
    }

    /** Consumes one request for the secret if every window has room. */
    RateLimitDecision acquire(String secret) {
        return windows(secret).check(clock.millis() / 1000, limits(), true);
    }

    /** Reports the current state for the secret without consuming anything. */
    RateLimitDecision peek(String secret) {
        return windows(secret).check(clock.millis() / 1000, limits(), false);
    }

    private long[] limits() {
        Plan p = plan;
        return new long[] {p.perSecond(), p.perMinute(), p.perDay()};
    }

    private Windows windows(String secret) {
        return bySecret.computeIfAbsent(secret == null ? "" : secret, s -> new Windows());
    }

    /** The three windows of one secret. */
    private static final class Windows {
        private final long[] index = {-1, -1, -1};
        private final long[] count = new long[3];

        synchronized RateLimitDecision check(long nowSecond, long[] limits, boolean consume) {
            for (int i = 0; i < 3; i++) {
                long idx = Math.floorDiv(nowSecond, SIZES[i]);
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
                long reset = (index[blocking] + 1) * SIZES[blocking];
                return new RateLimitDecision(false, limits[blocking], 0, reset, Math.max(1, reset - nowSecond));
            }
            if (consume) {
                for (int i = 0; i < 3; i++) {
                    count[i]++;
                }
            }
            int shown = 0;
            for (int i = 1; i < 3; i++) {
                if (limits[i] - count[i] < limits[shown] - count[shown]) {
                    shown = i;
                }
            }
            long reset = (index[shown] + 1) * SIZES[shown];
            long remaining = Math.max(0, limits[shown] - count[shown]);
            return new RateLimitDecision(true, limits[shown], remaining, reset, Math.max(1, reset - nowSecond));
        }
    }
}
