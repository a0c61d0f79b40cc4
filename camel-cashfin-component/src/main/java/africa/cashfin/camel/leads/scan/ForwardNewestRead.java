package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * Newest first with a floor (incremental polls, {@code startFrom=<instant>|now}): reads page 1, 2, ... keeping the new
 * leads, then emits what it kept, oldest first.
 * <p>
 * Where it stops: with a cursor that knows how many leads sat at or above it and the list's total then
 * ({@link ScanCursor#knowsCounts()}), at the first page holding a lead older than the cursor; it reads on to the
 * lookback floor only when the evidence says a lead may have arrived late below the cursor (the list's growth differs
 * from the leads found above the cursor) or when the run is a periodic window check. Otherwise at the first page holding a lead older
 * than the floor. Either way at the end of the list.
 * <p>
 * Leads that leave the list while it reads (deleted, or no longer matching a filter) pull the unread ones up a page: a
 * page after the first must connect to the last lead read (hold it, or start with a newer lead), unless the total
 * shows nothing left; else the page above is read again. Inserts only push leads down (repeats, dropped by id).
 * <p>
 * When more new leads arrive than {@link ScanSettings#maxBufferedLeads()} allows, it drops the buffer, reads on without
 * keeping anything to the page that holds the floor, and hands over to the {@link BackwardWalk} from there.
 */
final class ForwardNewestRead implements PageReader {

    private final ScanRun run;
    /** What is read at or above the previous cursor when it allows stopping there, else null. */
    private final AboveCursor aboveCursor;
    /** Stop at the first page holding a lead created before it. */
    private Instant stopBelow;
    private final List<Lead> buffer = new ArrayList<>();
    private final Set<String> bufferIds = new HashSet<>();
    private long firstTotal = -1;
    /** The oldest lead of the region read so far, the page it was on, and the list total then. */
    private Lead last;
    private long lastTotal = -1;
    /** The buffer overflowed: only looking for the page that holds the floor. */
    private boolean seekingFloor;
    /** Still stopping at the cursor (not yet widened to the floor). */
    private boolean atCursor;
    private boolean reread;

    /**
     * @param previous the previous cursor; it lets the read stop at the cursor when it knows its counts, unless
     *                 {@code checkWindow}
     */
    ForwardNewestRead(ScanRun run, ScanCursor previous, boolean checkWindow) {
        this.run = run;
        boolean useCursor = previous != null && previous.knowsCounts() && previous.created() != null && !checkWindow
                            && previous.created().isAfter(run.ledger().walkFloor());
        this.aboveCursor = useCursor ? new AboveCursor(previous) : null;
        this.stopBelow = useCursor ? previous.created() : run.ledger().walkFloor();
        this.atCursor = useCursor;
    }

    @Override
    public List<LeadEvent> read(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (PageLeads.contradicts(leads, ListOrder.NEWEST_FIRST)) {
            return run.startFull(null, true);
        }
        if (q == 1 && firstTotal < 0 && page.pageInfo() != null) {
            firstTotal = page.pageInfo().total();
        }
        if (seekingFloor) {
            return seek(page, q);
        }
        if (!connects(page, q)) {
            // leads left the list above the read position: the unread ones moved up into the page above
            if (!reread) {
                reread = true;
                run.label("-reread");
            }
            run.next(q - 1);
            return List.of();
        }
        return collect(page, q);
    }

    @Override
    public int heldLeads() {
        return buffer.size();
    }

    /**
     * Page 1 always connects. A later page connects when it holds the last lead read, or starts with a lead newer than
     * it, or the total did not go down since that lead was read (nothing left; inserts only push leads down).
     */
    private boolean connects(LeadPage page, int q) {
        if (q == 1 || last == null) {
            return true;
        }
        List<Lead> leads = page.leads();
        if (PageLeads.indexOfId(leads, last.getId()) >= 0
            || !leads.isEmpty() && leads.get(0).getCreatedat().isAfter(last.getCreatedat())) {
            return true;
        }
        PageInfo info = page.pageInfo();
        return info == null || lastTotal < 0 || info.total() >= lastTotal;
    }

    private List<LeadEvent> collect(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        Instant floor = run.ledger().walkFloor();
        List<Lead> fresh = new ArrayList<>();
        for (Lead lead : leads) {
            if (!lead.getCreatedat().isBefore(floor) && !bufferIds.contains(lead.getId())) {
                fresh.add(lead);
            }
            if (aboveCursor != null) {
                aboveCursor.read(lead);
            }
        }
        if (!leads.isEmpty()) {
            last = leads.get(leads.size() - 1);
            lastTotal = page.pageInfo() == null ? -1 : page.pageInfo().total();
        }
        boolean bottom = run.isBottom(page, q);
        if (PageLeads.indexOfFirstOlder(leads, stopBelow) >= 0 && !bottom && lateArrivalSuspected()) {
            // the list grew by more than the leads found above the cursor: one arrived late below it
            run.label("-late-check");
            run.ledger().tiesBelowCursorMatter();
            stopBelow = floor;
            atCursor = false;
        }
        if (PageLeads.indexOfFirstOlder(leads, stopBelow) >= 0 || bottom) {
            List<Lead> region = new ArrayList<>(buffer);
            region.addAll(fresh);
            Collections.reverse(region);
            buffer.clear();
            bufferIds.clear();
            return run.done(run.ledger().emit(PageLeads.positioned(region, -1)));
        }
        if (buffer.size() + fresh.size() > run.settings().maxBufferedLeads()) {
            // too many new leads to hold: find the page holding the floor, then walk back from it
            buffer.clear();
            bufferIds.clear();
            seekingFloor = true;
            stopBelow = floor;
            atCursor = false;
            // the walk back reads the whole window, below the cursor too, and the late check cannot be trusted any more
            // (leads arriving while it reads are counted as found): groups of ties below the cursor are checked as well
            run.ledger().tiesBelowCursorMatter();
            run.label("-then-backward");
            run.next(q + 1);
            return List.of();
        }
        for (Lead lead : fresh) {
            buffer.add(lead);
            bufferIds.add(lead.getId());
        }
        run.next(q + 1);
        return List.of();
    }

    /**
     * Only once, at the cursor: true when the list's growth differs from the leads found at or above the cursor. More
     * growth: a lead arrived late below the cursor. Less: a lead left below the cursor, and it may hide a late one (two
     * leave, one arrives late: growth -1, found 0), so the window is read then too; only a late lead exactly balanced
     * by a leave stays unseen here (the periodic check and the sweep find it).
     */
    private boolean lateArrivalSuspected() {
        if (!atCursor) {
            return false;
        }
        atCursor = false;
        if (firstTotal < 0) {
            return true;
        }
        return aboveCursor.growthUnexplained(firstTotal);
    }

    private List<LeadEvent> seek(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        BackwardWalk walk = new BackwardWalk(run, run.ledger().walkFloor());
        if (page.size() == 0) {
            run.switchTo(walk);
            run.next(Math.max(1, q - 1));
            return List.of();
        }
        if (PageLeads.indexOfFirstOlder(leads, run.ledger().walkFloor()) >= 0 || run.isBottom(page, q)) {
            run.switchTo(walk);
            return walk.read(page, q);
        }
        run.next(q + 1);
        return List.of();
    }
}
