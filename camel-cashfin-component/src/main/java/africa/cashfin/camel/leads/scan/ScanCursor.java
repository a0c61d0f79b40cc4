package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the last complete scan ended, kept in a {@link ScanStateStore} as one string:
 * {@code v1;created=<ISO instant>;updated=<ISO instant>;offset=<n>;order=<ListOrder>} (empty value for "none").
 *
 * @param created newest server {@code createdat} delivered, held back to the oldest failed lead; null when the list
 *                was empty
 * @param updated same for {@code updatedat} (only tracked with updates), or null
 * @param offset  oldest-first order: 0-based position of the last lead older than the lookback window (where the next
 *                poll jumps to), or -1 when unknown
 * @param order   the order detected from the data
 */
public record ScanCursor(Instant created, Instant updated, long offset, ListOrder order) {

    /** Current format version, the first field of {@link #format()}. */
    public static final String VERSION = "v1";

    public ScanCursor {
        order = order == null ? ListOrder.UNKNOWN : order;
    }

    /** The string form, e.g. {@code v1;created=2024-01-15T12:00:00Z;updated=;offset=-1;order=NEWEST_FIRST}. */
    public String format() {
        return VERSION + ";created=" + (created == null ? "" : created) + ";updated=" + (updated == null ? "" : updated)
               + ";offset=" + offset + ";order=" + order.name();
    }

    /**
     * Parses {@link #format()}'s output.
     *
     * @throws IllegalArgumentException when the value is not a cursor this version understands; the message says what to
     *                                  do
     */
    public static ScanCursor parse(String value) {
        if (value == null || !value.startsWith(VERSION + ";")) {
            throw invalid(value, "it does not start with '" + VERSION + ";'", null);
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : value.substring(VERSION.length() + 1).split(";", -1)) {
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw invalid(value, "field '" + part + "' is not name=value", null);
            }
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        try {
            return new ScanCursor(instant(fields.get("created")), instant(fields.get("updated")),
                                  Long.parseLong(fields.getOrDefault("offset", "-1")),
                                  ListOrder.valueOf(fields.getOrDefault("order", "UNKNOWN")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw invalid(value, e.getMessage(), e);
        }
    }

    private static Instant instant(String text) {
        return text == null || text.isEmpty() ? null : Instant.parse(text);
    }

    private static IllegalArgumentException invalid(String value, String why, Exception cause) {
        return new IllegalArgumentException("Saved Cashfin scan state '" + value + "' cannot be read (" + why
                                            + "). Remove this entry from the state repository; the consumer will then "
                                            + "verify every page against the idempotent repository (nothing is emitted "
                                            + "twice if that repository is persistent).",
                                            cause);
    }

    @Override
    public String toString() {
        return format();
    }
}
