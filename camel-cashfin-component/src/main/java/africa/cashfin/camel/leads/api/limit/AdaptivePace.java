package africa.cashfin.camel.leads.api.limit;

/**
 * The share of the configured rate the limiter currently allows itself: additive increase, multiplicative decrease
 * (AIMD). It starts at 1 (the full paced rate). A 429 cuts it to {@value #DECREASE} of what it was (never below
 * {@value #MIN_FACTOR}); from the end of the pause that followed it rises again by {@value #INCREASE_PER_SECOND} per
 * second until it is back at 1. Pure arithmetic on the limiter's clock; not thread-safe (the limiter guards it).
 */
final class AdaptivePace {

    /** Factor applied to the current share by a 429. */
    static final double DECREASE = 0.75;
    /** The share never falls below this. */
    static final double MIN_FACTOR = 0.1;
    /** Share regained per second without a 429, after the pause. */
    static final double INCREASE_PER_SECOND = 0.05;

    private double factorAtCut = 1.0;
    private long riseFromNanos;

    /** @return the share of the configured rate allowed at {@code now}, in [{@value #MIN_FACTOR}, 1] */
    double factor(long now) {
        if (factorAtCut >= 1.0 || now <= riseFromNanos) {
            return factorAtCut;
        }
        return Math.min(1.0, factorAtCut + INCREASE_PER_SECOND * (now - riseFromNanos) / 1e9);
    }

    /**
     * Cuts the share after a 429.
     *
     * @param  now          when the 429 was seen
     * @param  riseFromNanos when the share may start rising again (the end of the pause)
     * @return              the new share
     */
    double cut(long now, long riseFromNanos) {
        this.factorAtCut = Math.max(MIN_FACTOR, factor(now) * DECREASE);
        this.riseFromNanos = riseFromNanos;
        return factorAtCut;
    }
}
