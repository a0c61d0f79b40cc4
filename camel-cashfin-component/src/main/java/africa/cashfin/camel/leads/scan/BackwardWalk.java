package africa.cashfin.camel.leads.scan;

import java.time.Instant;
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
    /** Everything created before it is already handled (null: walk from the bottom of the list). */
    private final Instant floor;
    private Lead frontier;
    private long frontierPosition;
    /** The frontier's position counted from the oldest lead (stable under inserts at the top); -1 when unknown. */
    private long frontierFromOldest = -1;
    private long frontierTotal = -1;
    private List<Lead> held;
    private int heldPage;
    private long heldTotal = -1;

    /** A page held back: its leads with their positions (counted from the oldest lead), its number and total. */
    private List<PageLeads.Positioned> heldItems;
    /** The page read last held only malformed records: the next page up is taken as connected. */
    private boolean acrossMalformedPage;

    BackwardWalk(ScanRun run, Instant floor) {
        this.run = run;
        this.floor = floor;
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
        if (page.size() == 0) {
            held = null;
            heldItems = null;
            if (q <= 1) {
                return run.done(List.of());
            }
            run.next(info != null && info.pages() >= 1 && info.pages() < q ? info.pages() : q - 1);
            return List.of();
        }
        if (leads.isEmpty()) {
            // only malformed records: nothing to emit or to connect to; the page above is taken as it comes
            acrossMalformedPage = true;
            List<LeadEvent> events = held == null ? List.of() : run.ledger().emit(reversed(heldItems));
            int top = held == null ? q : heldPage;
            held = null;
            heldItems = null;
            return top <= 1 ? run.done(events) : next(top - 1, events);
        }
        boolean connected;
        int cut;
        if (frontier == null) {
            int older = floor == null ? -1 : PageLeads.indexOfFirstOlder(leads, floor);
            connected = older >= 0 || run.isBottom(page, q);
            cut = older >= 0 ? older : leads.size();
        } else {
            int at = PageLeads.indexOfId(leads, frontier.getId());
            int older = PageLeads.indexOfFirstOlder(leads, frontier.getCreatedat());
            connected = at >= 0 || older >= 0 || run.isBottom(page, q) || endsRightAboveFrontier(page, q);
            cut = at >= 0 ? at : older >= 0 ? older : leads.size();
        }
        connected |= acrossMalformedPage;
        acrossMalformedPage = false;
        List<PageLeads.Positioned> items = PageLeads.positionedFromOldest(page, q, run.limit());
        if (!connected) {
            if (frontier == null && info != null && info.pages() > q + 1) {
                held = null;
                heldItems = null;
                run.next(info.pages());
            } else {
                held = List.copyOf(leads);
                heldItems = items;
                heldPage = q;
                heldTotal = info == null ? -1 : info.total();
                run.next(q + 1);
            }
            return List.of();
        }
        List<PageLeads.Positioned> region = reversed(items.subList(0, cut));
        int top = q;
        if (held != null) {
            region.addAll(reversed(heldItems));
            setFrontier(held.get(0), heldPage, heldTotal);
            frontierFromOldest = heldItems.get(0).position();
            top = heldPage;
        } else if (cut > 0 || frontier == null) {
            setFrontier(leads.get(0), q, info == null ? -1 : info.total());
            frontierFromOldest = items.get(0).position();
        }
        held = null;
        heldItems = null;
        List<LeadEvent> events = run.ledger().emit(region);
        if (top <= 1) {
            return run.done(events);
        }
        return next(top - 1, events);
    }

    /**
     * Everything older than the frontier is handled once the events of its region have their outcomes (the run asks
     * only then): the frontier is the point reached.
     */
    @Override
    public WalkPoint walkPoint() {
        return frontier == null || frontierFromOldest < 0 ? null
                : new WalkPoint(frontier.getCreatedat(), frontierFromOldest);
    }

    private List<LeadEvent> next(int page, List<LeadEvent> events) {
        run.next(page);
        return events;
    }

    private static List<PageLeads.Positioned> reversed(List<PageLeads.Positioned> items) {
        List<PageLeads.Positioned> copy = new ArrayList<>(items);
        Collections.reverse(copy);
        return copy;
    }

    private void setFrontier(Lead lead, int pageNumber, long total) {
        frontier = lead;
        frontierPosition = (long) (pageNumber - 1) * run.limit();
        frontierTotal = total;
    }

    /**
     * True when the page ends exactly where the frontier now is, computed from the totals: the list grew by
     * {@code total - frontierTotal} leads since the frontier was read, and (newest first) every insert pushed it down
     * by one. Without this, a page that merely touches the frontier could not be told from one with a gap.
     */
    private boolean endsRightAboveFrontier(LeadPage page, int q) {
        PageInfo info = page.pageInfo();
        if (info == null || frontierTotal < 0 || info.total() < frontierTotal || page.size() < run.limit()) {
            return false;
        }
        long frontierNow = frontierPosition + (info.total() - frontierTotal);
        return (long) q * run.limit() == frontierNow;
    }
}
