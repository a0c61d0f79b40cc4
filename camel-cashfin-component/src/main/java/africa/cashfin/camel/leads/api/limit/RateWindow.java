package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;

/** The three windows in which Cashfin counts calls. */
public enum RateWindow {
    /** Calls per second. */
    SECOND(Duration.ofSeconds(1)),
    /** Calls per minute. */
    MINUTE(Duration.ofMinutes(1)),
    /** Calls per day. */
    DAY(Duration.ofDays(1));

    private final Duration length;

    RateWindow(Duration length) {
        this.length = length;
    }

    /** @return the length of this window */
    public Duration length() {
        return length;
    }
}
