package africa.cashfin.camel.simulator;

import java.util.Locale;

/**
 * Rate-limit plan: maximum requests per second, per minute and per day for one client secret (fixed windows).
 * {@link #UNLIMITED} (the default of {@link CashfinSimulator}) never rejects.
 */
public final class Plan {

    /** Value of a window that never rejects. */
    public static final long NO_LIMIT = Integer.MAX_VALUE;

    /** Cashfin Free plan: 5 / s, 60 / min, 1,000 / day. */
    public static final Plan FREE = new Plan("free", 5, 60, 1_000);
    /** Cashfin Starter plan: 10 / s, 300 / min, 10,000 / day. */
    public static final Plan STARTER = new Plan("starter", 10, 300, 10_000);
    /** Cashfin Professional plan: 25 / s, 1,000 / min, 100,000 / day. */
    public static final Plan PROFESSIONAL = new Plan("professional", 25, 1_000, 100_000);
    /** No limit at all (simulator default, for tests and benchmarks). */
    public static final Plan UNLIMITED = new Plan("unlimited", NO_LIMIT, NO_LIMIT, NO_LIMIT);

    private final String name;
    private final long perSecond;
    private final long perMinute;
    private final long perDay;

    private Plan(String name, long perSecond, long perMinute, long perDay) {
        this.name = name;
        this.perSecond = perSecond;
        this.perMinute = perMinute;
        this.perDay = perDay;
    }

    /**
     * A custom (Enterprise-like) plan.
     *
     * @param perSecond requests per second, {@code <= 0} for no limit
     * @param perMinute requests per minute, {@code <= 0} for no limit
     * @param perDay    requests per day, {@code <= 0} for no limit
     * @return the plan
     */
    public static Plan custom(long perSecond, long perMinute, long perDay) {
        return new Plan("custom", norm(perSecond), norm(perMinute), norm(perDay));
    }

    private static long norm(long v) {
        return v <= 0 ? NO_LIMIT : Math.min(v, NO_LIMIT);
    }

    /**
     * @param text free, starter, professional or unlimited (any case)
     * @return the plan
     */
    public static Plan parse(String text) {
        switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "free":
                return FREE;
            case "starter":
                return STARTER;
            case "professional":
                return PROFESSIONAL;
            case "unlimited":
                return UNLIMITED;
            default:
                throw new IllegalArgumentException(
                        "Unknown plan '" + text + "': use free, starter, professional or unlimited"
                                + " (or give per-second/per-minute/per-day limits for a custom plan)");
        }
    }

    /** @return plan name (free, starter, professional, unlimited, custom) */
    public String name() {
        return name;
    }

    /** @return requests allowed per second ({@link #NO_LIMIT} if none) */
    public long perSecond() {
        return perSecond;
    }

    /** @return requests allowed per minute ({@link #NO_LIMIT} if none) */
    public long perMinute() {
        return perMinute;
    }

    /** @return requests allowed per UTC day ({@link #NO_LIMIT} if none) */
    public long perDay() {
        return perDay;
    }

    @Override
    public String toString() {
        return "Plan[" + name + ": " + perSecond + "/s, " + perMinute + "/min, " + perDay + "/day]";
    }
}
