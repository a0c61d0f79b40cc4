package africa.cashfin.camel.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Random network delay on the way in: each create or list request is held a random time, uniform in
 * {@code [min, max]} milliseconds, before the simulator counts it against the rate limit and serves it, as if the
 * network had delivered it late. Requests sent in one order may so arrive in another. Seeded; thread-safe.
 */
final class LatencyJitter {

    /** No jitter. */
    static final LatencyJitter NONE = new LatencyJitter(0, 0, 0);

    private final int minMillis;
    private final int maxMillis;
    private final long seed;
    private final Random random;

    private LatencyJitter(int minMillis, int maxMillis, long seed) {
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /**
     * @param min  least extra delay, 0 or more
     * @param max  largest extra delay, at least {@code min}; {@code max = 0} turns jitter off
     * @param seed random seed of the delays
     * @return the jitter
     * @throws IllegalArgumentException when the range is negative, reversed or beyond a minute
     */
    static LatencyJitter of(Duration min, Duration max, long seed) {
        long lo = min.toMillis();
        long hi = max.toMillis();
        if (lo < 0 || hi < lo || hi > 60_000) {
            throw new IllegalArgumentException("Latency jitter needs 0 <= min <= max <= 60000 ms, got min " + lo
                    + " ms, max " + hi + " ms");
        }
        return hi == 0 ? NONE : new LatencyJitter((int) lo, (int) hi, seed);
    }

    /** @return the same range with its random sequence started again from the seed */
    LatencyJitter restarted() {
        return maxMillis == 0 ? NONE : new LatencyJitter(minMillis, maxMillis, seed);
    }

    /** @return the next delay in milliseconds, uniform in [min, max] */
    int nextMillis() {
        if (maxMillis == 0) {
            return 0;
        }
        synchronized (random) {
            return minMillis + random.nextInt(maxMillis - minMillis + 1);
        }
    }

    /** Holds the calling (server) thread for the next delay. */
    void delay() {
        int millis = nextMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("minMillis", minMillis);
        m.put("maxMillis", maxMillis);
        m.put("seed", seed);
        return m;
    }

    @Override
    public String toString() {
        return maxMillis == 0 ? "no jitter" : "jitter " + minMillis + "-" + maxMillis + " ms (seed " + seed + ")";
    }
}
