package africa.cashfin.camel.leads.consumer;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The kinds of server day whose leads arrive differently: adaptive polling learns an arrival profile for each
 * ({@link ArrivalProfile}), so a quiet weekend is not polled by a busy week's hours nor a Monday by a Sunday's.
 */
public enum DayKind {
    /** Monday to Friday. */
    WEEKDAY,
    /** Saturday and Sunday. */
    WEEKEND;

    /**
     * The kind of the server day that ends at {@code dayEnds}: by the date of its middle in UTC (the server's day may
     * end at another hour than UTC midnight; its middle is on its own date for any offset up to 12 h).
     */
    public static DayKind of(Instant dayEnds) {
        DayOfWeek day = dayEnds.minus(Duration.ofHours(12)).atZone(ZoneOffset.UTC).getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? WEEKEND : WEEKDAY;
    }
}
