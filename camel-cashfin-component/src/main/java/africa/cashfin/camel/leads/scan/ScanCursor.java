package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import static africa.cashfin.camel.leads.scan.StateFields.instant;

/**
 * Where the last complete scan ended, kept in a {@link ScanStateStore} as one string:
 * {@code v1;created=<ISO instant>;updated=<ISO instant>;offset=<n>;order=<ListOrder>} (empty value for "none"),
 * followed for newest-first lists by {@code ;total=<n>;above=<n>} when known and {@code ;resume=<n>} when a backfill
 * must resume, and {@code ;failed=<entries>} while leads that failed are retried apart from the cursor (fields a
 * version without them ignores, and that default to unknown or none when absent).
 *
 * @param created newest server {@code createdat} delivered, held back to the oldest failed lead; null when the list
 *                was empty
 * @param updated same for {@code updatedat} (only tracked with updates), or null
 * @param offset  oldest-first order: 0-based position of the last lead older than the lookback window (where the next
 *                poll jumps to), or -1 when unknown
 * @param order   the order detected from the data
 * @param total   newest first: the list's {@code total} when page 1 was read, or -1 when unknown
 * @param above   newest first: how many leads of that list were created at or after {@code created}, or -1 when
 *                unknown. The next poll compares both with what it finds above the cursor: a list that grew by more
 *                than that holds a lead that arrived late below the cursor
 * @param resume  newest first: a backward walk stopped on failed leads; the position, counted from the oldest lead,
 *                of the oldest failed one, where the next poll resumes the walk; -1 when none
 * @param failed  leads whose exchange failed and that are retried apart from the cursor (it may be past them), oldest
 *                first; see {@link FailedLead} and docs/consumer-design.md "Failed leads"
 */
public record ScanCursor(Instant created, Instant updated, long offset, ListOrder order, long total, long above,
        long resume, List<FailedLead> failed) {

    /** Current format version, the first field of {@link #format()}. */
    public static final String VERSION = "v1";

    public ScanCursor {
        order = order == null ? ListOrder.UNKNOWN : order;
        failed = failed == null ? List.of() : List.copyOf(failed);
    }

    /** A cursor without failed leads retried apart from it. */
    public ScanCursor(Instant created, Instant updated, long offset, ListOrder order, long total, long above,
            long resume) {
        this(created, updated, offset, order, total, above, resume, List.of());
    }

    /** A cursor without the newest-first counts. */
    public ScanCursor(Instant created, Instant updated, long offset, ListOrder order) {
        this(created, updated, offset, order, -1, -1, -1);
    }

    /** True when {@link #total()} and {@link #above()} are both known. */
    public boolean knowsCounts() {
        return total >= 0 && above >= 0;
    }

    /** The string form, e.g. {@code v1;created=2024-01-15T12:00:00Z;updated=;offset=-1;order=NEWEST_FIRST}. */
    public String format() {
        return VERSION + ";created=" + (created == null ? "" : created) + ";updated=" + (updated == null ? "" : updated)
               + ";offset=" + offset + ";order=" + order.name() + (knowsCounts() ? ";total=" + total + ";above=" + above : "")
               + (resume >= 0 ? ";resume=" + resume : "")
               + (failed.isEmpty() ? "" : ";failed=" + FailedLead.formatAll(failed));
    }

    /**
     * Parses {@link #format()}'s output.
     *
     * @throws IllegalArgumentException when the value is not a cursor this version understands; the message says what to
     *                                  do
     */
    public static ScanCursor parse(String value) {
        Map<String, String> fields = StateFields.parse(value, VERSION, (why, cause) -> invalid(value, why, cause));
        try {
            return new ScanCursor(instant(fields.get("created")), instant(fields.get("updated")),
                                  Long.parseLong(fields.getOrDefault("offset", "-1")),
                                  ListOrder.valueOf(fields.getOrDefault("order", "UNKNOWN")),
                                  Long.parseLong(fields.getOrDefault("total", "-1")),
                                  Long.parseLong(fields.getOrDefault("above", "-1")),
                                  Long.parseLong(fields.getOrDefault("resume", "-1")),
                                  FailedLead.parseAll(fields.get("failed")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw invalid(value, e.getMessage(), e);
        }
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
