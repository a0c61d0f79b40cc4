package africa.cashfin.camel.leads.api.limit;

/**
 * How the limiter adapts to 429s, as two numbers on its clock. Not thread-safe (the limiter guards it).
 * <ul>
 * <li>The <b>share</b> of the configured rate it allows itself: additive increase, multiplicative decrease (AIMD). It
 * starts at 1 (the full paced rate). A 429 cuts it to {@value #DECREASE} of what it was (never below
 * {@value #MIN_FACTOR}); from the end of the pause that followed it rises again by {@value #INCREASE_PER_SECOND} per
 * second until it is back at 1.</li>
 * <li>The <b>jitter allowance</b> of the sliding logs: a 429 despite the logs means calls reached the server bunched
 * by more than the allowance, so it doubles (at most {@value #MAX_JITTER_MILLIS} ms) and then decays back to the
 * configured one with a half-life of {@value #JITTER_HALF_LIFE_SECONDS} s.</li>
 * </ul>
 */
final class AdaptivePace {

    /** Factor applied to the current share by a 429. */
    static final double DECREASE = 0.75;
    /** The share never falls below this. */
    static final double MIN_FACTOR = 0.1;
    /** Share regained per second without a 429, after the pause. */
    static final double INCREASE_PER_SECOND = 0.05;
    /** A widened jitter allowance never exceeds this. */
    static final long MAX_JITTER_MILLIS = 250;
    /** Half-life of the widening of the jitter allowance. */
    static final long JITTER_HALF_LIFE_SECONDS = 60;

    private final long configuredJitterNanos;
    private double factorAtCut = 1.0;
    private long riseFromNanos;
    private long widenedJitterNanos;
    private long widenedAtNanos;

    /** @param configuredJitterNanos the jitter allowance configured ({@link RateLimits#jitter()}) */
    AdaptivePace(long configuredJitterNanos) {
        this.configuredJitterNanos = configuredJitterNanos;
    }

    /** @return the share of the configured rate allowed at {@code now}, in [{@value #MIN_FACTOR}, 1] */
    double factor(long now) {
        if (factorAtCut >= 1.0 || now <= riseFromNanos) {
            return factorAtCut;
        }
        return Math.min(1.0, factorAtCut + INCREASE_PER_SECOND * (now - riseFromNanos) / 1e9);
    }

    /** @return the jitter allowance at {@code now}: the configured one, or more after a 429 */
    long jitterNanos(long now) {
        if (widenedJitterNanos <= configuredJitterNanos) {
            return configuredJitterNanos;
        }
        double halfLives = Math.max(0, now - widenedAtNanos) / (JITTER_HALF_LIFE_SECONDS * 1e9);
        long excess = (long) ((widenedJitterNanos - configuredJitterNanos) * Math.pow(0.5, halfLives));
        return configuredJitterNanos + excess;
    }

    /**
     * Adapts to a 429: cuts the share and widens the jitter allowance.
     *
     * @param  now           when the 429 was seen
     * @param  riseFromNanos when the share may start rising again (the end of the pause)
     * @return               the new share
     */
    double cut(long now, long riseFromNanos) {
        this.factorAtCut = Math.max(MIN_FACTOR, factor(now) * DECREASE);
        this.riseFromNanos = riseFromNanos;
        long base = Math.max(jitterNanos(now), 1_000_000L); // a zero allowance doubles to 2 ms, not to 0
        this.widenedJitterNanos = Math.min(MAX_JITTER_MILLIS * 1_000_000L, Math.max(configuredJitterNanos, 2 * base));
        this.widenedAtNanos = now;
        return factorAtCut;
    }
}
