package africa.cashfin.camel.simulator;

import java.util.Locale;

/**
 * How the simulator counts a secret's requests against its plan. Cashfin does not document how it counts its
 * windows; {@link #FIXED} is the lenient reading (the default), {@link #SLIDING} the strictest one.
 */
public enum RateLimitMode {
    /**
     * Fixed windows aligned to the epoch: one per second (12:00:05.000-12:00:05.999), one per minute and one per UTC
     * day. A client may send up to twice the limit within one second across a window boundary.
     */
    FIXED,
    /**
     * A true sliding log: any span of one second, one minute and one day, counted when requests arrive, holds at most
     * the limit. The harshest plausible reading; a client that passes it passes any fixed-window server.
     */
    SLIDING;

    /**
     * @param text {@code fixed} or {@code sliding} (any case)
     * @return the mode
     */
    public static RateLimitMode parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (RateLimitMode mode : values()) {
            if (mode.name().equals(t)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown rate-limit mode '" + text + "': use fixed or sliding");
    }

    /** @return the lower-case name used by the admin API, the CLI and system properties */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
