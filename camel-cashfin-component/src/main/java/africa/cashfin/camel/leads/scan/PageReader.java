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
}
