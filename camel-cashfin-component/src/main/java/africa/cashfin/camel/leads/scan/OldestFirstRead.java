package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * Oldest first: new leads are appended at the end, so nothing already read moves. A backfill reads page 1 to the end.
 * An incremental poll jumps to the page holding the last lead older than the cursor (when the cursor knows the list's
 * total and how many leads sat at or above it), or else to the saved offset (the last lead older than the window),
 * <em>verifies</em> that the page starts below that point (else a delete moved it up: it steps back a page and
 * verifies again), then reads to the end. A poll that jumped to the cursor reads the lookback window too when the list
 * grew by more than the leads found at or above the cursor (a lead arrived late, below it). Positions are kept for
 * the next poll's offset.
 * <p>
 * Leads that leave the list while it reads (deleted, or no longer matching a filter) pull the unread ones up: when the
 * total went down since the previous page was read, the page is not used and the page before it is read again (the
 * leads already delivered are skipped by id), so the lead that moved up is not skipped.
 */
final class OldestFirstRead implements PageReader {

    private final ScanRun run;
    private boolean verifying;
    /** The page jumped to must start before it: the cursor, or the window's floor. */
    private Instant verifyBelow;
    /** createdat of the last lead of the previous page: a next page starting older contradicts the order. */
    private Instant previousPageLast;
    /** The previous cursor when the poll jumped to it (evidence check pending), else null. */
    private ScanCursor counted;
    /** What is read at or after the previous cursor while {@link #counted} (null when the poll did not jump to one). */
    private final AboveCursor aboveCursor;
    /** The last lead of the previous forward page and the list total when it was read (-1: unknown). */
    private Lead lastRead;
    private long lastTotal = -1;
    private boolean reread;
    /** The last lead of the last page read forward: everything up to it is handled once its page's outcomes are in. */
    private WalkPoint reached;
    /** The groups of equal createdat read forward (newest, and the one before), with their first positions (-1: unknown). */
    private final GroupStarts groups = new GroupStarts();
    /**
     * A poll that jumped to its cursor: the first lead at or after the cursor sits where the cursor's counts put it
     * (nothing arrived late below the cursor, nothing left there), so its checkpoints pass no late lead.
     */
    private boolean belowUnchanged;
    private boolean boundaryChecked;
    /** The late check found evidence and the run is reading the window below the cursor again. */
    private boolean lateRereading;

    OldestFirstRead(ScanRun run, boolean verifyJump) {
        this.run = run;
        this.verifying = verifyJump;
        this.verifyBelow = run.ledger().walkFloor();
        this.aboveCursor = null;
    }

    /** An incremental poll that jumped to the page holding the last lead older than {@code previous.created()}. */
    OldestFirstRead(ScanRun run, ScanCursor previous) {
        this.run = run;
        this.verifying = true;
        this.verifyBelow = previous.created();
        this.counted = previous;
        this.aboveCursor = new AboveCursor(previous);
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
        if (q == 1 || leads.get(0).getCreatedat().isBefore(verifyBelow)) {
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
        if (!connects(page)) {
            // leads left the list below the read position: the unread ones moved up into the page before
            groups.positionsMoved();
            if (!reread) {
                reread = true;
                run.label("-reread");
            }
            previousPageLast = null;
            lastRead = null;
            run.next(q - 1);
            return List.of();
        }
        if (page.size() == 0) {
            return run.done(List.of());
        }
        if (!leads.isEmpty()) {
            previousPageLast = leads.get(leads.size() - 1).getCreatedat();
            lastRead = leads.get(leads.size() - 1);
            lastTotal = page.pageInfo() == null ? -1 : page.pageInfo().total();
        }
        long base = (long) (q - 1) * run.limit();
        List<PageLeads.Positioned> items = PageLeads.positioned(page, base);
        run.ledger().recordOldestFirstPage(items, base);
        long total = page.pageInfo() == null ? -1 : page.pageInfo().total();
        for (PageLeads.Positioned item : items) {
            groups.read(item);
            if (counted != null && !boundaryChecked && !item.lead().getCreatedat().isBefore(counted.created())) {
                boundaryChecked = true;
                belowUnchanged = item.position() == counted.total() - counted.above();
            }
        }
        if (!items.isEmpty()) {
            PageLeads.Positioned last = items.get(items.size() - 1);
            reached = groups.point(total);
            if (reached == null) {
                reached = new WalkPoint(last.lead().getCreatedat(), last.position());
            }
        }
        if (counted != null) {
            for (Lead lead : leads) {
                aboveCursor.read(lead);
            }
        }
        List<LeadEvent> events = run.ledger().emit(items);
        if (run.isBottom(page, q)) {
            if (counted != null && lateArrivalSuspected(page)) {
                // the list grew by more than the leads found at or above the cursor: one arrived late below it
                run.label("-late-check");
                run.ledger().tiesBelowCursorMatter();
                counted = null;
                lateRereading = true;
                groups.positionsMoved(); // reads the window again from further back
                verifying = true;
                verifyBelow = run.ledger().walkFloor();
                previousPageLast = null;
                lastRead = null;
                long offset = run.previousOffset();
                run.next(offset >= 0 ? (int) (offset / run.limit()) + 1 : 1);
                return events;
            }
            return run.done(events);
        }
        run.next(q + 1);
        return events;
    }

    /**
     * True while leads may have arrived late below the cursor this poll jumped to and were not read yet: its late check
     * has not decided (the page at the cursor did not show its first lead where the cursor's counts put it), or it
     * found evidence and is reading the window again. A run stopped then keeps the previous cursor.
     */
    boolean mayPassLateLeads() {
        return counted != null ? !belowUnchanged : lateRereading;
    }

    /**
     * Oldest first, reading forward handles the list oldest first: once the events of the pages read have their
     * outcomes, every lead created before the last one read is handled (leads tied with it are read again by the
     * next poll, whose window starts at or below it). The run saves it as a checkpoint, so a poll stopped by
     * {@code maxMessagesPerPoll}, a failed call or a leader change is resumed there instead of at page 1.
     * <p>
     * Not while a poll that jumped to the cursor has its late check pending, unless the jump page showed the first lead
     * at or after the cursor where the cursor's counts put it: else leads may have arrived late below the cursor (a bulk
     * import stamped a little in the past), and a checkpoint at the point reached would move the next poll's window
     * ({@code created - lookback}) above them, and no poll would read them.
     * <p>
     * The point carries counts when this run read every lead from the first one of its instant: the next poll then
     * jumps to it like to a complete poll's cursor (one call, plus the pages to the end) instead of re-reading the
     * window below it. Its instant is the group before the last one read (the last may go on on the next page).
     */
    @Override
    public WalkPoint walkPoint() {
        return verifying || counted != null && !belowUnchanged ? null : reached;
    }

    /**
     * A page after the previous forward page connects when the list total did not go down since that page was read
     * (new leads are appended at the end and move nothing; a lead that left before the read position pulls the unread
     * ones up, so the first of them would be skipped), or when the page still holds the last lead read (leads moved
     * down, not up). Unknown totals connect: nothing to go by.
     */
    private boolean connects(LeadPage page) {
        if (lastRead == null || lastTotal < 0 || page.pageInfo() == null || page.pageInfo().total() < 0) {
            return true;
        }
        return page.pageInfo().total() >= lastTotal || PageLeads.indexOfId(page.leads(), lastRead.getId()) >= 0;
    }

    /**
     * True when the list's growth differs from the leads found at or after the cursor: more growth is a late lead
     * below the cursor; less is a lead that left below it, which may hide a late one (see {@link ForwardNewestRead}).
     */
    private boolean lateArrivalSuspected(LeadPage page) {
        PageInfo info = page.pageInfo();
        if (info == null || info.total() < 0) {
            return true;
        }
        return aboveCursor.growthUnexplained(info.total());
    }
}
