package africa.cashfin.camel.leads.scan;

/**
 * What one scan did, for the consumer's DEBUG log.
 *
 * @param strategy     how the list was walked (e.g. {@code backfill-backward}, {@code incremental-forward},
 *                     {@code full-scan})
 * @param order        the order detected from the data
 * @param calls        list calls handed out ({@link ScanRun#nextRequest()})
 * @param pagesRead    pages handed back ({@link ScanRun#accept})
 * @param emitted      leads handed out to emit
 * @param succeeded    leads reported as succeeded
 * @param failed       leads reported as failed (offered again next poll)
 * @param markedSeen   leads recorded as seen without being emitted ({@code startFrom=now})
 * @param peakBuffered the most leads the scan held at once
 * @param cursor       the cursor after the scan (unchanged when the scan was abandoned)
 * @param complete     true when the scan ran to the end; false when abandoned
 * @param unordered    true when the data was in neither order and a full scan was used: log one WARN
 * @param malformed    records skipped because they cannot be tracked (no {@code _id}, no readable {@code createdat})
 * @param tieCalls     list calls spent reading tie groups whole (outside the run's call bound, see
 *                     {@link ScanRun#isOutpaced()})
 */
public record ScanStatistics(String strategy, ListOrder order, int calls, int pagesRead, int emitted, int succeeded,
        int failed, int markedSeen, int peakBuffered, ScanCursor cursor, boolean complete, boolean unordered,
        int malformed, int tieCalls) {

    @Override
    public String toString() {
        return "strategy=" + strategy + " order=" + order + " calls=" + calls + " pagesRead=" + pagesRead + " emitted="
               + emitted + " succeeded=" + succeeded + " failed=" + failed + " markedSeen=" + markedSeen
               + " peakBuffered=" + peakBuffered + " malformed=" + malformed + " tieCalls=" + tieCalls + " complete="
               + complete + " cursor=" + cursor;
    }
}
