package africa.cashfin.camel.leads.api.limit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Cashfin's published plans and their call limits: the one list of plans. The {@code plan} option's allowed values
 * ({@link #NAMES}), its validation and messages, and the plan table of docs/rate-limiting.md come from it; tests hold
 * the starter, the Kamelets, the simulator's {@code Plan} and docs/ to it (docs/design.md, "where a change goes").
 * Enterprise plans have custom limits: use the explicit {@code maxRequestsPerSecond/Minute/Day} options instead of a
 * plan.
 */
public enum RatePlan {
    /** Free: 5 calls per second, 60 per minute, 1,000 per day. */
    FREE(5, 60, 1_000),
    /** Starter: 10 calls per second, 300 per minute, 10,000 per day. */
    STARTER(10, 300, 10_000),
    /** Professional: 25 calls per second, 1,000 per minute, 100,000 per day. */
    PROFESSIONAL(25, 1_000, 100_000);

    /**
     * The plan names as the {@code plan} option writes them, comma-separated, in declaration order. A constant because
     * {@code @UriParam(enums = ...)} needs one; {@code RatePlanTest} holds it to {@link #values()}.
     */
    public static final String NAMES = "free,starter,professional";

    private final long perSecond;
    private final long perMinute;
    private final long perDay;

    RatePlan(long perSecond, long perMinute, long perDay) {
        this.perSecond = perSecond;
        this.perMinute = perMinute;
        this.perDay = perDay;
    }

    /** @return the plan's documented limit in the given window */
    public long limit(RateWindow window) {
        return switch (window) {
            case SECOND -> perSecond;
            case MINUTE -> perMinute;
            case DAY -> perDay;
        };
    }

    /** @return the plan's name as the {@code plan} option writes it ({@code free}, ...) */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return every plan's {@link #optionName()}, comma-separated, for messages: "free, starter, professional" */
    public static String optionNames() {
        return Arrays.stream(values()).map(RatePlan::optionName).collect(Collectors.joining(", "));
    }

    /**
     * Parses a plan name as written in an endpoint option (an {@link #optionName()}), ignoring case and surrounding
     * blanks.
     *
     * @throws IllegalArgumentException naming the accepted values when the text is not a plan
     */
    public static RatePlan parse(String text) {
        if (text != null) {
            String wanted = text.trim().toUpperCase(Locale.ROOT);
            for (RatePlan plan : values()) {
                if (plan.name().equals(wanted)) {
                    return plan;
                }
            }
        }
        throw new IllegalArgumentException("Unknown Cashfin plan '" + text + "': use one of " + optionNames()
                + ", or set maxRequestsPerSecond/maxRequestsPerMinute/maxRequestsPerDay for a custom (enterprise) plan");
    }
}
