package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Where a consumer with no saved state starts: {@code beginning} (emit every existing lead, the default), {@code now}
 * (record existing leads as seen without emitting them) or an ISO-8601 instant (emit leads created at or after it).
 *
 * @param instant the instant for {@code startFrom=<instant>}, else null
 * @param now     true for {@code startFrom=now}
 */
public record StartFrom(Instant instant, boolean now) {

    /** Emit every existing lead (backfill). */
    public static final StartFrom BEGINNING = new StartFrom(null, false);
    /** Existing leads are recorded as seen, not emitted. */
    public static final StartFrom NOW = new StartFrom(null, true);

    public StartFrom {
        if (now && instant != null) {
            throw new IllegalArgumentException("startFrom is either now or an instant, not both");
        }
    }

    /** Emit leads created at or after {@code instant}. */
    public static StartFrom at(Instant instant) {
        return new StartFrom(Objects.requireNonNull(instant, "instant"), false);
    }

    /**
     * Parses the option value.
     *
     * @throws IllegalArgumentException when the value is none of beginning, now or an ISO-8601 instant
     */
    public static StartFrom parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("beginning")) {
            return BEGINNING;
        }
        if (value.trim().equalsIgnoreCase("now")) {
            return NOW;
        }
        try {
            return at(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startFrom must be 'beginning', 'now' or an ISO-8601 instant such as "
                                               + "2024-01-15T12:00:00Z, got '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return now ? "now" : instant != null ? instant.toString() : "beginning";
    }
}
