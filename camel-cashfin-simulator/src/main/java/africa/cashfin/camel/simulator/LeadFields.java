package africa.cashfin.camel.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.util.List;

/** Field names of the documented Lead object and its timestamp format. */
final class LeadFields {

    /** Optional string fields a create request may carry (besides {@code name}). */
    static final List<String> STRING_INPUTS = List.of("email", "phone", "company", "jobtitle", "industry", "website",
            "request", "country", "state", "address", "source", "status");

    /** Every field of the Lead Object Reference, in the order the simulator renders them. */
    static final List<String> ALL = List.of("_id", "name", "email", "phone", "company", "jobtitle", "industry",
            "website", "request", "budget", "country", "state", "address", "source", "status", "sourceorigin",
            "active", "createdat", "updatedat");

    /** Fields searched by the list {@code search} parameter. */
    static final List<String> SEARCHED = List.of("name", "email", "phone", "company");

    private LeadFields() {
    }

    /** Formats as {@code 2024-01-15T12:00:00.000Z} (UTC, always 3 fraction digits); hand-rolled because it is hot. */
    static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(24);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("Year out of range for a Cashfin timestamp: " + instant);
        }
        pad(sb, year, 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        return pad(sb, t.getNano() / 1_000_000, 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int digits) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < digits; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
