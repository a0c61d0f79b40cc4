package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The call limits one client secret must respect: per second, per minute and per day (each may be absent, meaning
 * unlimited), plus a safety {@code margin} kept below each limit and the network {@code jitter} the pacing absorbs.
 * <p>
 * Built from an optional {@link RatePlan} and explicit overrides: an explicit {@code maxRequestsPer...} value replaces
 * the plan's value for that window. Without plan and overrides the limits are unlimited. Immutable; {@code equals}
 * compares the effective limits and the margin.
 */
public final class RateLimits {

    /** Default safety margin: 2% below each limit. */
    public static final double DEFAULT_MARGIN = 0.02;
    /** Largest accepted margin. */
    public static final double MAX_MARGIN = 0.5;
    /** Default jitter allowance: calls whose arrival is delayed by up to 25 ms more than another's stay in limit. */
    public static final Duration DEFAULT_JITTER = Duration.ofMillis(25);
    /** Largest accepted jitter allowance. */
    public static final Duration MAX_JITTER = Duration.ofSeconds(1);

    private final Map<RateWindow, Long> limits;
    private final double margin;
    private final Duration jitter;

    private RateLimits(Map<RateWindow, Long> limits, double margin, Duration jitter) {
        this.limits = limits;
        this.margin = margin;
        this.jitter = jitter;
    }

    /** @return the limits of a plan with the default margin */
    public static RateLimits of(RatePlan plan) {
        return builder().plan(plan).build();
    }

    /** @return limits that never hold a call back (no plan, no override) */
    public static RateLimits unlimited() {
        return builder().build();
    }

    /** @return a builder with no plan, no overrides and the default margin */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the server's limit in a window (before the margin), or empty when unlimited */
    public OptionalLong limit(RateWindow window) {
        Long value = limits.get(window);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** @return the safety margin, a fraction in [0, 0.5] */
    public double margin() {
        return margin;
    }

    /**
     * The network jitter the pacing absorbs: the limiter keeps every span of a window plus this much to at most the
     * window's limit (counted when calls leave), so calls that arrive at the server delayed by up to this much more
     * than others still keep any window of the server, even a sliding one counted at arrival.
     *
     * @return the jitter allowance, 0 to {@link #MAX_JITTER}
     */
    public Duration jitter() {
        return jitter;
    }

    /** @return true when no window is limited */
    public boolean isUnlimited() {
        return limits.isEmpty();
    }

    /**
     * The number of calls the limiter allows itself per window: {@code limit * (1 - margin)}, possibly fractional.
     *
     * @return the budget, or empty when the window is unlimited
     */
    public OptionalDouble budget(RateWindow window) {
        Long value = limits.get(window);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value * (1.0 - margin));
    }

    /**
     * The steady rate the limiter sustains while the day budget lasts: the smallest of the per-second and per-minute
     * budgets, in calls per second (the per-day budget is spent as fast as those allow).
     *
     * @return calls per second, or empty when neither the second nor the minute window is limited
     */
    public OptionalDouble sustainedCallsPerSecond() {
        double best = Double.POSITIVE_INFINITY;
        for (RateWindow window : new RateWindow[] { RateWindow.SECOND, RateWindow.MINUTE }) {
            OptionalDouble budget = budget(window);
            if (budget.isPresent()) {
                best = Math.min(best, budget.getAsDouble() / seconds(window.length()));
            }
        }
        return best == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RateLimits that && limits.equals(that.limits)
                && Double.compare(margin, that.margin) == 0 && jitter.equals(that.jitter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limits, margin, jitter);
    }

    @Override
    public String toString() {
        return "RateLimits[perSecond=" + text(RateWindow.SECOND) + ", perMinute=" + text(RateWindow.MINUTE)
                + ", perDay=" + text(RateWindow.DAY) + ", margin=" + margin + ", jitter=" + jitter.toMillis() + "ms]";
    }

    private String text(RateWindow window) {
        Long value = limits.get(window);
        return value == null ? "unlimited" : value.toString();
    }

    /** Builds {@link RateLimits} from a plan, explicit overrides and a margin. */
    public static final class Builder {
        private RatePlan plan;
        private final Map<RateWindow, Long> overrides = new EnumMap<>(RateWindow.class);
        private double margin = DEFAULT_MARGIN;
        private Duration jitter = DEFAULT_JITTER;

        private Builder() {
        }

        /**
         * @param jitter the network jitter the pacing absorbs, 0 to 1 s (default 25 ms); see {@link RateLimits#jitter()}
         * @throws IllegalArgumentException when out of range
         */
        public Builder jitter(Duration jitter) {
            if (jitter == null || jitter.isNegative() || jitter.compareTo(MAX_JITTER) > 0) {
                throw new IllegalArgumentException("rateLimitJitter must be a duration from 0 to 1 s (e.g. 25ms), but"
                        + " was " + (jitter == null ? null : jitter.toMillis() + " ms"));
            }
            this.jitter = jitter;
            return this;
        }

        /** @param plan the plan whose documented limits apply where no override is set; null for none */
        public Builder plan(RatePlan plan) {
            this.plan = plan;
            return this;
        }

        /** @param max calls per second (overrides the plan); null to keep the plan's value */
        public Builder maxRequestsPerSecond(Number max) {
            return override(RateWindow.SECOND, "maxRequestsPerSecond", max);
        }

        /** @param max calls per minute (overrides the plan); null to keep the plan's value */
        public Builder maxRequestsPerMinute(Number max) {
            return override(RateWindow.MINUTE, "maxRequestsPerMinute", max);
        }

        /** @param max calls per day (overrides the plan); null to keep the plan's value */
        public Builder maxRequestsPerDay(Number max) {
            return override(RateWindow.DAY, "maxRequestsPerDay", max);
        }

        /**
         * @param margin fraction of each limit kept unused, from 0 to 0.5 (default 0.02)
         * @throws IllegalArgumentException when out of range
         */
        public Builder margin(double margin) {
            if (!(margin >= 0.0 && margin <= MAX_MARGIN)) {
                throw new IllegalArgumentException("rateLimitMargin must be between 0 and " + MAX_MARGIN
                        + " (a fraction, e.g. 0.02 for 2%), but was " + margin);
            }
            this.margin = margin;
            return this;
        }

        private Builder override(RateWindow window, String option, Number max) {
            if (max == null) {
                overrides.remove(window);
                return this;
            }
            if (max.doubleValue() != max.longValue() || max.longValue() < 1) {
                throw new IllegalArgumentException(option + " must be a whole number of calls of at least 1, but was "
                        + max + "; leave it unset to use the plan's limit");
            }
            overrides.put(window, max.longValue());
            return this;
        }

        /** @return the limits */
        public RateLimits build() {
            Map<RateWindow, Long> limits = new EnumMap<>(RateWindow.class);
            for (RateWindow window : RateWindow.values()) {
                Long value = overrides.containsKey(window) ? overrides.get(window)
                        : plan == null ? null : plan.limit(window);
                if (value != null) {
                    limits.put(window, value);
                }
            }
            return new RateLimits(Map.copyOf(limits), margin, jitter);
        }
    }
}
