package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LeadScan} reads the list.
 *
 * @param limit            page size, 1..100 (the API's maximum)
 * @param lookback         overlap re-read below the cursor on each poll, to catch leads whose {@code createdat} is a
 *                         little older than leads already seen; duplicates inside it are removed by the seen store
 * @param startFrom        where a consumer with no state starts
 * @param emitUpdates      also emit leads whose {@code updatedat} moved (reads every page on every poll)
 * @param maxBufferedLeads how many new leads a newest-first incremental poll may hold before it switches to the
 *                         backward walk (more calls, bounded memory)
 * @param markerKey        seen-store key written after the first complete scan; its presence tells a restarted
 *                         consumer without cursor state that it is not a first start (use one per endpoint)
 */
public record ScanSettings(int limit, Duration lookback, StartFrom startFrom, boolean emitUpdates, int maxBufferedLeads,
        String markerKey) {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** Default lookback. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(5);
    /** Default marker key. */
    public static final String DEFAULT_MARKER_KEY = "cashfin-scan:started";

    public ScanSettings {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100 (the API's maximum page size), got " + limit);
        }
        Objects.requireNonNull(lookback, "lookback");
        if (lookback.isNegative()) {
            throw new IllegalArgumentException("lookback must not be negative, got " + lookback);
        }
        Objects.requireNonNull(startFrom, "startFrom");
        if (maxBufferedLeads < 1) {
            throw new IllegalArgumentException("maxBufferedLeads must be >= 1, got " + maxBufferedLeads);
        }
        if (markerKey == null || markerKey.isBlank()) {
            throw new IllegalArgumentException("markerKey must not be blank");
        }
    }

    /** Defaults: limit 100, lookback 5 minutes, start from the beginning, no updates, buffer one page. */
    public static ScanSettings defaults() {
        return new ScanSettings(DEFAULT_LIMIT, DEFAULT_LOOKBACK, StartFrom.BEGINNING, false, DEFAULT_LIMIT,
                                DEFAULT_MARKER_KEY);
    }

    /** A copy with page size {@code limit}; the buffer follows it (one page). */
    public ScanSettings withLimit(int limit) {
        return new ScanSettings(limit, lookback, startFrom, emitUpdates, limit, markerKey);
    }

    /** A copy with another lookback. */
    public ScanSettings withLookback(Duration lookback) {
        return new ScanSettings(limit, lookback, startFrom, emitUpdates, maxBufferedLeads, markerKey);
    }

    /** A copy with another start option. */
    public ScanSettings withStartFrom(StartFrom startFrom) {
        return new ScanSettings(limit, lookback, startFrom, emitUpdates, maxBufferedLeads, markerKey);
    }

    /** A copy that does (or does not) emit updated leads. */
    public ScanSettings withEmitUpdates(boolean emitUpdates) {
        return new ScanSettings(limit, lookback, startFrom, emitUpdates, maxBufferedLeads, markerKey);
    }

    /** A copy with another bound on buffered new leads. */
    public ScanSettings withMaxBufferedLeads(int maxBufferedLeads) {
        return new ScanSettings(limit, lookback, startFrom, emitUpdates, maxBufferedLeads, markerKey);
    }

    /** A copy with another marker key (make it unique per endpoint when endpoints share a seen store). */
    public ScanSettings withMarkerKey(String markerKey) {
        return new ScanSettings(limit, lookback, startFrom, emitUpdates, maxBufferedLeads, markerKey);
    }
}
