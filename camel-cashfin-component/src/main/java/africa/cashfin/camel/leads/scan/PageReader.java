package africa.cashfin.camel.leads.scan;

import java.util.List;

import africa.cashfin.camel.leads.model.LeadPage;

/**
 * One way of walking the list (a strategy of a {@link ScanRun}): takes each page read and returns the leads to emit now,
 * oldest first, after telling the run which page to read next, that it is done, or which strategy takes over.
 */
interface PageReader {

    /**
     * @param  page the page read
     * @param  q    its page number
     * @return      the events to emit now (from {@link ScanLedger#emit}), oldest first
     */
    List<LeadEvent> read(LeadPage page, int q);

    /** Leads this strategy holds in memory right now. */
    default int heldLeads() {
        return 0;
    }

    /**
     * How far a walk has got that handles the list oldest first: every lead created before {@link WalkPoint#created()}
     * is handled (apart from the run's failures), and the newest handled lead sits at {@link WalkPoint#fromOldest()}.
     * The run saves it as a checkpoint, so a poll that dies midway (a node stopped, a leader change) resumes there.
     *
     * @return the point reached, or null when this strategy has none (or none yet)
     */
    default WalkPoint walkPoint() {
        return null;
    }

    /**
     * @param created    every lead created before this instant is handled
     * @param fromOldest the position of the newest handled lead, counted from the oldest lead of the list (oldest
     *                   first that is its position in the list)
     * @param older      oldest first: how many leads of the list were created before {@code created} (the position of
     *                   the first lead created then), when the walk read them all in this run; else -1
     * @param total      the list's total when that was read; -1 unknown
     */
    record WalkPoint(java.time.Instant created, long fromOldest, long older, long total) {

        WalkPoint(java.time.Instant created, long fromOldest) {
            this(created, fromOldest, -1, -1);
        }

        /** True when the point knows the counts an incremental poll's cursor keeps (see {@link ScanCursor}). */
        boolean knowsCounts() {
            return older >= 0 && total >= older;
        }
    }
}
