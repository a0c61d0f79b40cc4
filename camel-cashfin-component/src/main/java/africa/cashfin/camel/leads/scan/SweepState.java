package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import static africa.cashfin.camel.leads.scan.StateFields.instant;

/**
 * Where a {@link ViewSweep} stands, kept in a {@link ScanStateStore} as one string (see {@link #format()}) so that a
 * restart or the next leader resumes the pass where it stopped.
 *
 * @param page            the next page of the pass to read, 1-based
 * @param resumeAt        after a step back (the view shrank while the pass read it), the page to go on with; 0 when
 *                        none
 * @param passStarted     when the pass in progress read its first page, or null when no pass is in progress
 * @param lastPassStarted when the last complete pass started, or null before the first
 * @param lastPassEnded   when the last complete pass read the bottom of the view, or null before the first
 * @param passes          complete passes so far
 * @param recovered       leads the sweep delivered that the fast path had not (counted when their exchange succeeded)
 * @param trigger         the latest request to bring a pass forward (evidence or "sweep now"), or null when none
 * @param viewTotal       the view's {@code total} when the pass read its last page, or -1 when unknown
 * @param fastTotal       the view's {@code total} the last complete fast-path poll saw first, or -1 when unknown
 */
public record SweepState(int page, int resumeAt, Instant passStarted, Instant lastPassStarted, Instant lastPassEnded,
        long passes, long recovered, Instant trigger, long viewTotal, long fastTotal) {

    /** Current format version, the first field of {@link #format()}. */
    public static final String VERSION = "s1";

    /** Before the first pass. */
    public static final SweepState INITIAL = new SweepState(1, 0, null, null, null, 0, 0, null, -1, -1);

    public SweepState {
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1, got " + page);
        }
    }

    /**
     * True when a pass is due now whatever the pace: a trigger came after the last complete pass started (a pass that
     * started before the trigger cannot have seen what it signalled).
     */
    public boolean urgent() {
        return trigger != null && (lastPassStarted == null || trigger.isAfter(lastPassStarted));
    }

    /** The string form, e.g. {@code s1;page=3;resume=0;passStarted=2024-01-15T12:00:00Z;...}. */
    public String format() {
        return VERSION + ";page=" + page + ";resume=" + resumeAt + ";passStarted=" + text(passStarted)
               + ";lastPassStarted=" + text(lastPassStarted) + ";lastPassEnded=" + text(lastPassEnded) + ";passes="
               + passes + ";recovered=" + recovered + ";trigger=" + text(trigger) + ";viewTotal=" + viewTotal
               + ";fastTotal=" + fastTotal;
    }

    /**
     * Parses {@link #format()}'s output; null or blank is {@link #INITIAL}.
     *
     * @throws IllegalArgumentException when the value is not a sweep state this version understands; the message says
     *                                  what to do
     */
    public static SweepState parse(String value) {
        if (value == null || value.isBlank()) {
            return INITIAL;
        }
        Map<String, String> fields = StateFields.parse(value, VERSION, (why, cause) -> invalid(value, why, cause));
        try {
            return new SweepState(Integer.parseInt(fields.getOrDefault("page", "1")),
                                  Integer.parseInt(fields.getOrDefault("resume", "0")), instant(fields.get("passStarted")),
                                  instant(fields.get("lastPassStarted")), instant(fields.get("lastPassEnded")),
                                  Long.parseLong(fields.getOrDefault("passes", "0")),
                                  Long.parseLong(fields.getOrDefault("recovered", "0")), instant(fields.get("trigger")),
                                  Long.parseLong(fields.getOrDefault("viewTotal", "-1")),
                                  Long.parseLong(fields.getOrDefault("fastTotal", "-1")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw invalid(value, e.getMessage(), e);
        }
    }

    SweepState withTrigger(Instant at) {
        return new SweepState(page, resumeAt, passStarted, lastPassStarted, lastPassEnded, passes, recovered, at,
                              viewTotal, fastTotal);
    }

    SweepState withFastTotal(long total) {
        return new SweepState(page, resumeAt, passStarted, lastPassStarted, lastPassEnded, passes, recovered, trigger,
                              viewTotal, total);
    }

    SweepState restartedAt(Instant at) {
        return new SweepState(1, 0, null, lastPassStarted, lastPassEnded, passes, recovered, at, -1, fastTotal);
    }

    SweepState recovered(long more) {
        return new SweepState(page, resumeAt, passStarted, lastPassStarted, lastPassEnded, passes, recovered + more,
                              trigger, viewTotal, fastTotal);
    }

    /** After reading {@code read}, go on with {@code next} (and later {@code resume}); the view's total was {@code total}. */
    SweepState movedTo(int next, int resume, Instant started, long total) {
        return new SweepState(next, resume, started, lastPassStarted, lastPassEnded, passes, recovered, trigger, total,
                              fastTotal);
    }

    /** The pass that started at {@link #passStarted} read the bottom of the view at {@code at}. */
    SweepState completed(Instant at) {
        return new SweepState(1, 0, null, passStarted == null ? at : passStarted, at, passes + 1, recovered, trigger,
                              -1, fastTotal);
    }

    private static String text(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static IllegalArgumentException invalid(String value, String why, Exception cause) {
        return new IllegalArgumentException("Saved Cashfin sweep state '" + value + "' cannot be read (" + why
                                            + "). Remove this entry from the state repository; the sweep then starts a"
                                            + " new pass from page 1 (it emits only leads the idempotent repository"
                                            + " does not know).", cause);
    }

    @Override
    public String toString() {
        return format();
    }
}
