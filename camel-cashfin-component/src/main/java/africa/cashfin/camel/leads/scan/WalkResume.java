package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * Newest first: resumes a backward walk that an earlier poll stopped on failed leads ({@link ScanCursor#resume()}),
 * instead of reading forward from page 1 down to the failures. Reads page 1 for the total, jumps to the page that now
 * holds the oldest failed lead (its position counted from the oldest lead does not move when leads are inserted at
 * the top), steps down while that page holds nothing older than the lookback floor ({@code created - lookback}: a lead
 * may have arrived late below the point reached, or leads were deleted below it), then hands over to the
 * {@link BackwardWalk}, which offers the failed leads again and walks up from the floor. While the route still fails,
 * a poll costs 2-3 calls plus about {@code 2 x ceil(w/L)} for the window below the resume point.
 */
final class WalkResume implements PageReader {

    private final ScanRun run;
    private final ScanCursor previous;
    private boolean jumped;

    WalkResume(ScanRun run, ScanCursor previous) {
        this.run = run;
        this.previous = previous;
    }

    @Override
    public List<LeadEvent> read(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (PageLeads.contradicts(leads, ListOrder.NEWEST_FIRST)) {
            return run.startFull(null, true);
        }
        PageInfo info = page.pageInfo();
        if (!jumped) {
            jumped = true;
            if (info == null || info.total() < 0) {
                // no total, no position: read forward to the cursor's window instead
                ForwardNewestRead forward = new ForwardNewestRead(run, null, true);
                run.switchTo(forward);
                return forward.read(page, q);
            }
            long fromTop = Math.max(0, info.total() - 1 - previous.resume());
            int target = (int) (fromTop / run.limit()) + 1;
            if (target > 1) {
                run.next(target);
                return List.of();
            }
        }
        // the walk reads from the lookback floor, not from the cursor: a lead may have arrived late below the point the
        // stopped walk reached (a bulk import stamped a little in the past), and nothing else reads there
        Instant floor = run.ledger().walkFloor();
        if (page.size() == 0 && q > 1) {
            run.next(info != null && info.pages() >= 1 && info.pages() < q ? info.pages() : q - 1);
            return List.of();
        }
        if (PageLeads.indexOfFirstOlder(leads, floor) >= 0 || run.isBottom(page, q)) {
            BackwardWalk walk = new BackwardWalk(run, floor);
            run.switchTo(walk);
            return walk.read(page, q);
        }
        run.next(q + 1);
        return List.of();
    }
}
