package africa.cashfin.camel.leads.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * Newest first, walking from the oldest page towards page 1 and emitting each page reversed, so a backfill comes out
 * oldest first without holding the list. The frontier is the newest lead of the contiguous region already handled
 * (everything older than it is done). A page "connects" when it holds the frontier, or a lead older than it, or is the
 * bottom of the list, or the totals prove it ends right above the frontier; then its leads newer than the frontier
 * (and the page held back, if any) are emitted. A page that does not connect means inserts pushed leads past the page
 * edge: it is held back and the next page down is read to fill the gap.
 */
final class BackwardWalk implements PageReader {

    private final ScanRun run;
    private final int limit;
    private Lead frontier;
    private long frontierPosition;
    private long frontierTotal = -1;
    private List<Lead> held;
    private int heldPage;
    private long heldTotal = -1;

    BackwardWalk(ScanRun run) {
        this.run = run;
        this.limit = run.limit();
    }

    @Override
    public int heldLeads() {
        return held == null ? 0 : held.size();
    }

    @Override
    public List<LeadEvent> read(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (PageLeads.contradicts(leads, ListOrder.NEWEST_FIRST)) {
            return run.startFull(null, true);
        }
        PageInfo info = page.pageInfo();
        if (leads.isEmpty()) {
            held = null;
            if (q <= 1) {
                return run.done(List.of());
            }
            run.next(info != null && info.pages() >= 1 && info.pages() < q ? info.pages() : q - 1);
            return List.of();
        }
        boolean connected;
        int cut;
        if (frontier == null) {
            var floor = run.ledger().walkFloor();
            int older = floor == null ? -1 : PageLeads.indexOfFirstOlder(leads, floor);
            connected = older >= 0 || run.isBottom(page, q);
            cut = older >= 0 ? older : leads.size();
        } else {
            int at = PageLeads.indexOfId(leads, frontier.getId());
            int older = PageLeads.indexOfFirstOlder(leads, frontier.getCreatedat());
            connected = at >= 0 || older >= 0 || run.isBottom(page, q) || endsRightAboveFrontier(page, q);
            cut = at >= 0 ? at : older >= 0 ? older : leads.size();
        }
        if (!connected) {
            if (frontier == null && info != null && info.pages() > q + 1) {
                held = null;
                run.next(info.pages());
            } else {
                held = List.copyOf(leads);
                heldPage = q;
                heldTotal = info == null ? -1 : info.total();
                run.next(q + 1);
            }
            return List.of();
        }
        List<Lead> region = new ArrayList<>(leads.subList(0, cut));
        Collections.reverse(region);
        int top = q;
        if (held != null) {
            List<Lead> newer = new ArrayList<>(held);
            Collections.reverse(newer);
            region.addAll(newer);
            setFrontier(held.get(0), heldPage, heldTotal);
            top = heldPage;
        } else if (cut > 0 || frontier == null) {
            setFrontier(leads.get(0), q, info == null ? -1 : info.total());
        }
        held = null;
        List<LeadEvent> events = run.ledger().emit(PageLeads.positioned(region, -1));
        if (top <= 1) {
            return run.done(events);
        }
        run.next(top - 1);
        return events;
    }

    private void setFrontier(Lead lead, int pageNumber, long total) {
        frontier = lead;
        frontierPosition = (long) (pageNumber - 1) * limit;
        frontierTotal = total;
    }

    /**
     * True when the page ends exactly where the frontier now is, computed from the totals: the list grew by
     * {@code total - frontierTotal} leads since the frontier was read, and (newest first) every insert pushed it down
     * by one. Without this, a page that merely touches the frontier could not be told from one with a gap.
     */
    private boolean endsRightAboveFrontier(LeadPage page, int q) {
        PageInfo info = page.pageInfo();
        if (info == null || frontierTotal < 0 || info.total() < frontierTotal || page.leads().size() < limit) {
            return false;
        }
        long frontierNow = frontierPosition + (info.total() - frontierTotal);
        return (long) q * limit == frontierNow;
    }
}
