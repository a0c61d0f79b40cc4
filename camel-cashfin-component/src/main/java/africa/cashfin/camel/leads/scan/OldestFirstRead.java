package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * Oldest first: new leads are appended at the end, so nothing already read moves. A backfill reads page 1 to the end.
 * An incremental poll jumps to the page holding the saved offset (the last lead older than the window),
 * <em>verifies</em> that the page starts below the floor (else a delete moved the window up: it steps back a page and
 * verifies again), then reads to the end. Positions are kept for the next poll's offset.
 */
final class OldestFirstRead implements PageReader {

    private final ScanRun run;
    private boolean verifying;
    /** createdat of the last lead of the previous page: a next page starting older contradicts the order. */
    private Instant previousPageLast;

    OldestFirstRead(ScanRun run, boolean verifyJump) {
        this.run = run;
        this.verifying = verifyJump;
    }

    @Override
    public List<LeadEvent> read(LeadPage page, int q) {
        return verifying ? verify(page, q) : forward(page, q);
    }

    private List<LeadEvent> verify(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (PageLeads.contradicts(leads, ListOrder.OLDEST_FIRST)) {
            return run.startFull(null, true);
        }
        if (leads.isEmpty() && page.size() > 0) {
            // malformed records only: no timestamp to verify against; step back, or read on from page 1
            if (q <= 1) {
                verifying = false;
                return forward(page, q);
            }
            run.next(q - 1);
            return List.of();
        }
        if (leads.isEmpty()) {
            if (q <= 1) {
                return run.done(List.of());
            }
            PageInfo info = page.pageInfo();
            run.next(info != null && info.pages() >= 1 && info.pages() < q ? info.pages() : q - 1);
            return List.of();
        }
        if (q == 1 || leads.get(0).getCreatedat().isBefore(run.ledger().walkFloor())) {
            verifying = false;
            previousPageLast = null;
            return forward(page, q);
        }
        run.next(q - 1); // the jump overshot (leads deleted or inserted late): step back
        return List.of();
    }

    private List<LeadEvent> forward(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (PageLeads.contradicts(leads, ListOrder.OLDEST_FIRST)
            || previousPageLast != null && !leads.isEmpty() && leads.get(0).getCreatedat().isBefore(previousPageLast)) {
            return run.startFull(null, true);
        }
        if (page.size() == 0) {
            return run.done(List.of());
        }
        if (!leads.isEmpty()) {
            previousPageLast = leads.get(leads.size() - 1).getCreatedat();
        }
        long base = (long) (q - 1) * run.limit();
        List<PageLeads.Positioned> items = PageLeads.positioned(page, base);
        run.ledger().recordOldestFirstPage(items, base);
        List<LeadEvent> events = run.ledger().emit(items);
        if (run.isBottom(page, q)) {
            return run.done(events);
        }
        run.next(q + 1);
        return events;
    }
}
