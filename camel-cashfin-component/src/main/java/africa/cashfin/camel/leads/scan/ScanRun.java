package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.MalformedLead;
import africa.cashfin.camel.leads.model.PageInfo;

import static africa.cashfin.camel.leads.scan.PageLeads.max;

/**
 * One poll of a {@link LeadScan}: asks for pages one at a time ({@link #nextRequest()}), takes each page back
 * ({@link #accept(LeadPage)}) and answers with the leads to emit now, oldest first. Outcomes are reported per lead;
 * {@link #finish()} saves the new cursor once the run is done, {@link #abandon()} drops the run without saving. See
 * docs/consumer-design.md for the algorithm.
 * <p>
 * The run itself only sequences the calls and picks the first strategy; the strategies ({@link OrderProbe},
 * {@link ForwardNewestRead}, {@link BackwardWalk}, {@link OldestFirstRead}, {@link FullScan}) decide which page comes
 * next, and the {@link ScanLedger} decides what is emitted and where the cursor ends.
 */
public final class ScanRun {

    private enum State {
        RUNNING,
        DONE,
        ABANDONED
    }

    private final LeadScan owner;
    private final ScanSettings settings;
    private final SeenLeadStore seen;
    private final ScanCursor previous;
    private final boolean cheapNow;
    private final ScanLedger ledger;

    private PageReader reader;
    private State state = State.RUNNING;
    private ListOrder order;
    private String strategy;
    private boolean unordered;
    private int nextPage = 1;
    private boolean requested;

    private int calls;
    private int pagesRead;
    /** The list's size when the poll started, in leads (its first page's total, or page count x limit); -1 unknown. */
    private long leadsAtStart = -1;
    /** The deepest page read: the pages discovered, when the server sends no total and no page count. */
    private int deepestPageRead = 1;
    /** The poll spent its calls ({@link #callBound()}): the list changes faster than it can be read. */
    private boolean outpaced;
    private int peakBuffered;
    private int malformedSkipped;
    private PageReader.WalkPoint lastCheckpoint;
    /** Leads of this run not offered because they wait out a retry delay, and failed after the route's last success. */
    private int waitingSinceRouteFailed;
    private boolean stoppedAfterFailures;
    private ScanCursor result;
    /** Groups of equal {@code createdat} at page edges: one that reads disagree on is read whole. */
    private final TieWatch tieWatch = new TieWatch();
    private int tieCalls;
    /** After a restart or a leader change: the createdat read down to, to get failed leads' data back; else null. */
    private final Instant recovering;
    /** Failed leads the recovery read did not find (they left the view), dropped from the retry ledger. */
    private List<FailedLead> unrecovered = List.of();

    /**
     * @param checkWindow newest first: re-read the whole lookback window this poll even without evidence of a late
     *                    lead (the periodic check)
     */
    ScanRun(LeadScan owner, ScanSettings settings, SeenLeadStore seen, ScanCursor previous, boolean persistentState,
            boolean checkWindow) {
        this.owner = owner;
        this.settings = settings;
        this.seen = seen;
        this.previous = previous;
        Instant startInstant = settings.startFrom().instant();
        Instant createdFloor = null;
        boolean silent = false;
        boolean isCheapNow = false;
        if (previous != null) {
            createdFloor = max(previous.created() == null ? null : previous.created().minus(settings.lookback()),
                               startInstant);
            order = previous.order();
            strategy = "incremental";
        } else if (seen.contains(settings.markerKey())) {
            createdFloor = startInstant;
            order = ListOrder.UNKNOWN;
            strategy = "verify";
        } else if (settings.startFrom().now()) {
            silent = true;
            isCheapNow = persistentState;
            order = ListOrder.UNKNOWN;
            strategy = isCheapNow ? "start-now" : "start-now-full";
        } else {
            createdFloor = startInstant;
            order = ListOrder.UNKNOWN;
            strategy = startInstant != null ? "start-from-instant" : "backfill";
        }
        this.cheapNow = isCheapNow;
        this.ledger = new ScanLedger(settings, seen, previous, createdFloor, silent,
                                     settings.emitUpdates() ? null : owner.retries());
        ledger.holdBackTo(tieWatch::oldestUnsettled);
        if (checkWindow) {
            ledger.tiesBelowCursorMatter(); // the periodic check looks for leads that arrived late below the cursor
        }
        this.recovering = previous == null ? null : ledger.recoverFailedLeads();
        Instant walkFloor = ledger.walkFloor();
        if (previous != null && order == ListOrder.UNORDERED) {
            reader = new FullScan(this);
            strategy = "full-scan";
            unordered = true;
        } else if (previous != null && order == ListOrder.OLDEST_FIRST && walkFloor != null && recovering != null) {
            // failed leads known without their data: read from page 1 once (their positions are not kept); it reads
            // the window below the cursor, where a group may have arrived late: read such groups whole too
            reader = new OldestFirstRead(this, false);
            ledger.tiesBelowCursorMatter();
            strategy = "incremental-recover-failed";
        } else if (previous != null && order == ListOrder.OLDEST_FIRST && walkFloor != null && previous.knowsCounts()
                   && previous.created() != null && !checkWindow) {
            reader = new OldestFirstRead(this, previous);
            nextPage = (int) (Math.max(0, previous.total() - previous.above() - 1) / limit()) + 1;
            strategy = "incremental-jump-to-cursor";
        } else if (previous != null && order == ListOrder.OLDEST_FIRST && walkFloor != null && previous.offset() >= 0) {
            reader = new OldestFirstRead(this, true);
            nextPage = (int) (previous.offset() / limit()) + 1;
            strategy = checkWindow ? "incremental-jump-window-check" : "incremental-jump";
        } else if (previous != null && order == ListOrder.NEWEST_FIRST && walkFloor != null && previous.resume() >= 0
                   && previous.created() != null && recovering == null) {
            reader = new WalkResume(this, previous);
            strategy = "incremental-resume-backward";
        } else if (previous != null && order == ListOrder.NEWEST_FIRST && walkFloor != null) {
            // failed leads known without their data: read down to the oldest of them, like a window check; it reads
            // the window below the cursor, where a group may have arrived late: read such groups whole too
            reader = new ForwardNewestRead(this, previous, checkWindow || recovering != null);
            if (recovering != null) {
                ledger.tiesBelowCursorMatter();
            }
            strategy = recovering != null ? "incremental-forward-recover-failed"
                    : checkWindow ? "incremental-forward-window-check" : "incremental-forward";
        } else {
            reader = new OrderProbe(this);
        }
    }

    // ------------------------------------------------------------------ driving API

    /** True when no page remains to read: report the outcomes of the last events, then call {@link #finish()}. */
    public boolean isDone() {
        return state != State.RUNNING;
    }

    /**
     * The page to read next. Call once, read it, hand it to {@link #accept(LeadPage)}.
     *
     * @throws IllegalStateException when the run is done, a request is already out, or the run is
     *                               {@link #isOutpaced() outpaced} (then call {@link #abandon()})
     */
    public PageRequest nextRequest() {
        if (isDone()) {
            throw new IllegalStateException("The scan is " + state + "; no page to read");
        }
        if (requested) {
            throw new IllegalStateException("Page " + nextPage + " was requested and not accepted yet");
        }
        if (outpaced) {
            throw new IllegalStateException("Abandoning the scan after " + calls + " list calls: the list is changing "
                                            + "faster than it can be read (" + pagesAtStart() + " pages at the poll's "
                                            + "start). The next poll goes on from the point this one reached; nothing "
                                            + "is lost.");
        }
        calls++;
        requested = true;
        return new PageRequest(nextPage, limit());
    }

    /**
     * True when the run has spent the list calls a poll may make ({@link #callBound()}) and is not done: the list
     * changes faster than it can be read (leads arrive faster than about half a page per call). End the poll with
     * {@link #abandon()}: it keeps what was handled (a walk that handles the list oldest first saves its checkpoint,
     * and the next poll goes on from there), and the next poll reads on. {@link #nextRequest()} throws from then on.
     */
    public boolean isOutpaced() {
        return outpaced && state == State.RUNNING;
    }

    /**
     * The list calls this run may make: {@code 4 x pages + 50}, plus the calls spent reading tie groups whole (bounded
     * on their own, {@link TieGroup}). {@code pages} is the list's size when the poll started (its first page's
     * total, counted in the page size served), so a poll that cannot keep up with a busy CRM ends after a number of
     * calls set by the list it started on: counted from the most pages seen, the bound grew by {@code 4r/limit} a call
     * under {@code r} arrivals a call and never tripped where a poll could not end. Without a total and a page count
     * (a server that sends no page info) nothing tells the size at the start: the pages discovered (the deepest page
     * read) count instead, so a long walk of such a list is not cut, and a poll that chases a busy CRM is then bounded
     * by the rate limits only (docs/consumer-design.md).
     */
    int callBound() {
        long pages = pagesAtStart();
        return (int) Math.min(Integer.MAX_VALUE - 1L, 4 * pages + 50 + tieCalls);
    }

    /** The pages of the list at the poll's start, in the page size served; without page info the pages discovered. */
    private long pagesAtStart() {
        if (leadsAtStart < 0) {
            return deepestPageRead;
        }
        return Math.max(1, (leadsAtStart + limit() - 1) / limit());
    }

    /**
     * Takes back the page asked for by {@link #nextRequest()} and returns the leads to emit now, oldest first (often
     * none while the scan is still looking). Report each one's outcome before the next call.
     *
     * Records of the page that cannot be tracked ({@link LeadPage#malformed()}, and leads without {@code _id} or
     * {@code createdat}) are skipped, but still count for the page's size and positions: report them yourself.
     *
     * @throws IllegalStateException when called out of turn or with outcomes still unreported
     */
    public List<LeadEvent> accept(LeadPage page) {
        if (!requested) {
            throw new IllegalStateException("accept() without a nextRequest() (scan is " + state + ")");
        }
        if (ledger.outstanding() > 0) {
            throw new IllegalStateException(ledger.outstanding() + " emitted leads have no reported outcome; call "
                                            + "succeeded() or failed() for each before accepting the next page");
        }
        requested = false;
        checkpoint();
        pagesRead++;
        page = owner.servedLimit().adopt(page, nextPage);
        page = withoutUntrackable(page);
        int q = nextPage;
        if (leadsAtStart < 0 && page.pageInfo() != null) {
            PageInfo info = page.pageInfo(); // the list's size when the poll started: it bounds the poll's calls
            leadsAtStart = info.total() >= 0 ? info.total() : info.knowsPages() ? (long) info.pages() * limit() : -1;
        }
        deepestPageRead = Math.max(deepestPageRead, q); // without page info: the pages discovered
        List<LeadEvent> events = readPage(page, q);
        if (state == State.RUNNING && calls >= callBound() && !outpaced) {
            outpaced = true;
            strategy += "-outpaced";
        }
        return events;
    }

    private List<LeadEvent> readPage(LeadPage page, int q) {
        if (reader instanceof TieFill) {
            tieCalls++; // a tie group read whole: its pages are not the walk's (bounded by TieGroup.MAX_ROUNDS)
            return reader.read(page, q);
        }
        ledger.read(page, q);
        malformedSkipped += page.malformed().size();
        peakBuffered = Math.max(peakBuffered, page.leads().size() + bufferedLeads());
        // a full scan counts positions from the top (it reads every page, in whatever order the list is)
        boolean full = reader instanceof FullScan;
        TieWatch.Observation ties = tieWatch.observe(page, q, limit(), full ? ListOrder.UNKNOWN : order, full,
                ledger::tiesWatched, ledger::tiesMatter);
        ledger.holdTieMembers(ties.members()); // emitted in their place even if the walk never reads them again
        if (pagesRead == 1) {
            // the failed leads retried from memory, before the first page's leads (they are older than the cursor)
            List<LeadEvent> retries = ledger.retryOffers();
            if (!retries.isEmpty()) {
                List<LeadEvent> all = new ArrayList<>(retries);
                all.addAll(readOrFill(page, q, reader));
                return all;
            }
        }
        return readOrFill(page, q, reader);
    }

    /**
     * Hands page {@code q} to {@code walk}, unless reads returned a watched group of leads sharing one createdat in
     * different orders (a server may order ties anew on each request): then the group is read whole first, and the
     * walk gets the page afterwards ({@link TieFill}).
     */
    List<LeadEvent> readOrFill(LeadPage page, int q, PageReader walk) {
        TieGroup torn = tieWatch.torn();
        if (torn == null) {
            reader = walk;
            return walk.read(page, q);
        }
        if (!strategy.contains("-tie-reread")) {
            strategy += "-tie-reread";
        }
        torn.markReadWhole();
        TieFill fill = new TieFill(this, walk, page, q, torn);
        reader = fill;
        nextPage = fill.firstPage();
        return List.of();
    }

    /**
     * Saves how far a walk that handles the list oldest first has got (a newest-first backfill, or an incremental poll
     * that handed over to the backward walk), as a cursor that resumes the walk: created at the point reached (held
     * back to the oldest failure, never before the previous cursor) and {@code resume} at its position. Called when
     * every event handed out so far has its outcome. A poll that then dies (a node or a leader stopped) leaves this
     * cursor instead of the one before the poll, so the next poll, on this node or the next leader, jumps there
     * instead of walking the handled pages again. A run that completes saves its own cursor over it. Not with
     * updates (every page is read anyway) nor in a silent run.
     */
    private void checkpoint() {
        PageReader.WalkPoint point = reader.walkPoint();
        if (point == null || settings.emitUpdates() || point.equals(lastCheckpoint)) {
            return;
        }
        lastCheckpoint = point;
        ScanCursor cursor = ledger.checkpoint(point, order);
        if (cursor != null) {
            owner.save(cursor);
        }
    }

    /** Leads without {@code _id} or {@code createdat} cannot be tracked: they count as malformed records. */
    private static LeadPage withoutUntrackable(LeadPage page) {
        List<Lead> leads = page.leads();
        boolean clean = true;
        for (Lead lead : leads) {
            clean &= trackable(lead);
        }
        if (clean) {
            return page;
        }
        List<Lead> kept = new ArrayList<>();
        List<MalformedLead> malformed = new ArrayList<>(page.malformed());
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            if (trackable(lead)) {
                kept.add(lead);
            } else {
                malformed.add(new MalformedLead(page.recordIndex(i), String.valueOf(lead),
                        "The lead has no _id or no createdat", lead));
            }
        }
        return new LeadPage(kept, page.pageInfo(), malformed);
    }

    private static boolean trackable(Lead lead) {
        return lead != null && lead.getId() != null && !lead.getId().isBlank() && lead.getCreatedat() != null;
    }

    /** The exchange for {@code event} completed: its key is recorded as seen and it is never emitted again. */
    public void succeeded(LeadEvent event) {
        ledger.succeeded(event);
    }

    /**
     * The consumer gave up on {@code event} after too many failed attempts (a poison lead, handed to its exception
     * handler): its key is recorded as seen like a success, so it is never offered again and no longer holds the
     * cursor back.
     */
    public void poisoned(LeadEvent event) {
        ledger.poisoned(event);
    }

    /**
     * The exchange for {@code event} failed: it is offered again on a later poll; the cursor stays at or before it.
     * After {@code limit} failures in one poll the run ends early ({@link #isDone()} turns true): the leads above the
     * oldest failure are read again next poll.
     */
    public void failed(LeadEvent event) {
        ledger.failed(event, true, null, null, null);
        stopIfRouteLooksDown();
    }

    /**
     * {@link #failed(LeadEvent)}, with the caller's count of the lead's failed attempts and when it may be offered
     * again, and when it first failed (null: unknown): saved beside the cursor, so that after a restart or a leader
     * change the next consumer goes on from there.
     */
    public void failed(LeadEvent event, int attempts, Instant nextAttempt, Instant firstFailure) {
        ledger.failed(event, true, attempts, nextAttempt, firstFailure);
        stopIfRouteLooksDown();
    }

    /**
     * {@code event} was not offered: its route failed it before and it is waiting out its retry delay. Like
     * {@link #failed(LeadEvent)} it is offered again by a later poll and holds the cursor back.
     * <p>
     * Whether it counts towards the {@code limit} failures that end a run early depends on what the consumer knows:
     * a lead that failed after the route's last success ({@code routeMayBeDown}) counts once a lead of this run has
     * been tried and failed too, so a route that is down costs one tried lead per poll beyond those waiting. A lead
     * that failed before some later lead succeeded failed on its own: it never counts, so any number of such leads
     * never hold up the new leads behind them.
     *
     * @param routeMayBeDown true when no lead has succeeded since this one last failed
     */
    public void waiting(LeadEvent event, boolean routeMayBeDown) {
        waiting(event, routeMayBeDown, null, null, null);
    }

    /**
     * {@link #waiting(LeadEvent, boolean)}, with the caller's count of the lead's failed attempts and when it may be
     * offered again, and when it first failed (null, null, null: as known).
     */
    public void waiting(LeadEvent event, boolean routeMayBeDown, Integer attempts, Instant nextAttempt,
            Instant firstFailure) {
        ledger.failed(event, false, attempts, nextAttempt, firstFailure);
        if (routeMayBeDown) { // a retry from memory counts here, but a stop needs a lead of this run tried too
            waitingSinceRouteFailed++;
            stopIfRouteLooksDown();
        }
    }

    /**
     * The run ended ({@link #isDone()}) before {@code event}, part of a page already accepted, was offered: it is
     * offered by a later poll, and holds the cursor back like a failure without counting as one.
     */
    public void notOffered(LeadEvent event) {
        if (!stoppedAfterFailures) {
            throw new IllegalStateException("Only a run stopped after failures leaves leads unoffered: " + event);
        }
        ledger.notOffered(event);
    }

    /**
     * @return true when the run ended early because the route looks down ({@code limit} failures, see
     *         {@link #waiting(LeadEvent, boolean)}): the leads of the current page not offered yet must be reported
     *         {@link #notOffered(LeadEvent)}
     */
    public boolean stoppedAfterFailures() {
        return stoppedAfterFailures;
    }

    private void stopIfRouteLooksDown() {
        int tried = ledger.attemptedFailedCount();
        boolean routeLooksDown = tried >= settings.limit() || tried > 0 && tried + waitingSinceRouteFailed >= settings.limit();
        PageReader walk = reader instanceof TieFill fill ? fill.walk() : reader;
        if (routeLooksDown && !(walk instanceof FullScan) && state == State.RUNNING) {
            // a page worth of failures (the route is probably down): the cursor cannot pass the oldest failure anyway,
            // and everything below it has been handled, so stop here instead of spending calls on leads that would
            // fail too. Not in a full scan: without an order, the unread pages may hold older leads.
            state = State.DONE;
            stoppedAfterFailures = true;
            ledger.stoppedAfterFailures(); // not everything up to the cursor is handled: failures hold it back
            strategy += "-stopped-after-failures";
            if (walk instanceof BackwardWalk) {
                ledger.stoppedWalk(); // the next poll resumes the walk at the oldest failure
            }
            if (walk instanceof OldestFirstRead read && read.mayPassLateLeads()) {
                ledger.keepPreviousCursor(); // late leads below the cursor may be unread: the next poll checks again
            }
        }
    }

    /**
     * Ends a run that is {@link #isDone() done}: computes the cursor (newest {@code createdat} read, held back to the
     * oldest failed lead), saves it and returns the statistics.
     */
    public ScanStatistics finish() {
        if (state != State.DONE) {
            throw new IllegalStateException("finish() on a scan that is " + state + "; read every page first");
        }
        if (ledger.outstanding() > 0) {
            throw new IllegalStateException(ledger.outstanding() + " emitted leads have no reported outcome");
        }
        if (recovering != null && !stoppedAfterFailures) {
            unrecovered = ledger.dropUnrecoveredFailedLeads(); // read down to them, not found: they left the view
        }
        result = ledger.cursor(order);
        owner.save(result);
        if (!seen.contains(settings.markerKey())) {
            seen.add(settings.markerKey());
        }
        return statistics(true);
    }

    /**
     * Drops the run (a list call failed, the route stopped): the cursor is not moved past anything unhandled, leads
     * already reported as succeeded stay seen, everything else is read again by the next poll. A walk that handles
     * the list oldest first leaves its checkpoint (see {@link #checkpoint()}), brought up to date here when every
     * event handed out has its outcome.
     */
    public ScanStatistics abandon() {
        return abandon(null);
    }

    /**
     * {@link #abandon()} because of {@code cause} (the failure that ended the poll, rethrown by the caller): when saving
     * the checkpoint fails too (the state store is down), that second failure is added to {@code cause} as suppressed
     * instead of being thrown, so the caller's {@code catch} still rethrows the first error.
     *
     * @param  cause the failure that ended the poll, or null when none (then a failing save is thrown)
     * @return       the statistics of the run
     */
    public ScanStatistics abandon(Throwable cause) {
        RuntimeException saveFailure = null;
        if (state == State.RUNNING && ledger.outstanding() == 0) {
            try {
                checkpoint();
            } catch (RuntimeException e) {
                saveFailure = e;
            }
        }
        state = State.ABANDONED;
        ledger.dropOutstanding();
        reader = (page, q) -> { // drops whatever the strategy held
            throw new IllegalStateException("The scan was abandoned");
        };
        if (saveFailure != null) {
            if (cause == null) {
                throw saveFailure;
            }
            if (saveFailure != cause) {
                cause.addSuppressed(saveFailure);
            }
        }
        return statistics(false);
    }

    /**
     * Failed leads that this run, after a restart or a leader change, read down to and did not find (they left the
     * view, or were deleted, while their data was not in memory): dropped from the retry ledger, not recorded as seen
     * (should one come back into view, the sweep emits it). The consumer logs them. Empty in most runs.
     */
    public List<FailedLead> unrecoveredFailedLeads() {
        return unrecovered;
    }

    /** How many leads the scan holds right now (new leads buffered plus a page held back). */
    public int bufferedLeads() {
        return reader.heldLeads();
    }

    /** Statistics so far (final after {@link #finish()} or {@link #abandon()}). */
    public ScanStatistics statistics() {
        return statistics(state == State.DONE && result != null);
    }

    private ScanStatistics statistics(boolean complete) {
        ScanCursor cursor = result != null ? result : previous;
        return new ScanStatistics(strategy, order, calls, pagesRead, ledger.emitted(), ledger.succeededCount(),
                                  ledger.failedCount(), ledger.markedSeen(), peakBuffered, cursor, complete, unordered,
                                  malformedSkipped, tieCalls);
    }

    // ------------------------------------------------------------------ for the strategies

    ScanLedger ledger() {
        return ledger;
    }

    /** Oldest first: the previous cursor's jump offset (last lead older than the window), or -1. */
    long previousOffset() {
        return previous == null ? -1 : previous.offset();
    }

    /** The page size the server serves: the configured {@code limit}, or the server's cap below it once seen. */
    int limit() {
        return owner.servedLimit().limit();
    }

    ScanSettings settings() {
        return settings;
    }

    /** startFrom=now with a persistent cursor: only the window below the newest lead is recorded. */
    boolean cheapNow() {
        return cheapNow;
    }

    ListOrder order() {
        return order;
    }

    void order(ListOrder order) {
        this.order = order;
    }

    /** The data showed no order: the consumer logs one WARN. */
    void markUnordered() {
        unordered = true;
    }

    /** Appends to the strategy name reported in the statistics (e.g. {@code -backward}). */
    void label(String suffix) {
        strategy += suffix;
    }

    /** The page the next {@link #nextRequest()} asks for. */
    void next(int page) {
        nextPage = page;
    }

    /** Hands the rest of the run to another strategy. */
    void switchTo(PageReader next) {
        reader = next;
    }

    /** No page remains to read; returns {@code events} for convenience. */
    List<LeadEvent> done(List<LeadEvent> events) {
        state = State.DONE;
        List<LeadEvent> ties = ledger.flushTies();
        if (!ties.isEmpty()) {
            List<LeadEvent> all = new ArrayList<>(events);
            all.addAll(ties);
            return all;
        }
        return events;
    }

    /** Falls back to reading every page (the data contradicts the order, or shows none). */
    List<LeadEvent> startFull(LeadPage page1, boolean warn) {
        unordered |= warn;
        order = warn ? ListOrder.UNORDERED : ListOrder.UNKNOWN;
        strategy = "full-scan";
        FullScan full = new FullScan(this);
        reader = full;
        nextPage = 1;
        return page1 == null ? List.of() : full.read(page1, 1);
    }

    /**
     * The last page of the list: a page shorter than the page size the server serves (not the size asked for: a server
     * that caps {@code limit} below the request serves full pages of its cap, see {@link ServedLimit}), or the page
     * count says so.
     */
    boolean isBottom(LeadPage page, int q) {
        return page.size() < limit()
               || page.pageInfo() != null && page.pageInfo().knowsPages() && page.pageInfo().pages() <= q;
    }
}
