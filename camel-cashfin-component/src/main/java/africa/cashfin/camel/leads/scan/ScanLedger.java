package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;

import static africa.cashfin.camel.leads.scan.PageLeads.max;
import static africa.cashfin.camel.leads.scan.PageLeads.min;

/**
 * The book-keeping of one {@link ScanRun}, whatever strategy reads the list: the window (floors) leads must fall in to
 * be emitted, which leads are new, the outcome of every emitted lead, the newest timestamps read, the oldest failure,
 * and from all that the cursor saved at the end. The read strategies decide which pages to read; the ledger decides
 * what is emitted and where the next poll starts.
 */
final class ScanLedger {

    private final ScanSettings settings;
    private final SeenLeadStore seen;
    private final ScanCursor previous;
    private final Duration lookback;
    /** startFrom=now: leads are recorded as seen instead of emitted. */
    private final boolean silent;

    /** Leads created before it are not emitted (null: no floor). */
    private Instant createdFloor;
    /** With updates: versions updated before it are not emitted. */
    private Instant updatedFloor;
    /** Where the read strategies may stop: null when every page must be read (updates, backfill). */
    private Instant walkFloor;

    private final Map<LeadEvent, Boolean> outstanding = new IdentityHashMap<>();
    /** Keys of the outstanding events: a lead handed out twice in one batch (a tie group read whole) is not. */
    private final Set<String> outstandingKeys = new HashSet<>();
    /** Members of tie groups read whole, held until the walk reaches their createdat (see holdTieMembers). */
    private final List<PageLeads.Positioned> tieMembers = new ArrayList<>();
    private java.util.function.Supplier<Instant> unsettledTies = () -> null;
    private final Set<String> failedKeys = new HashSet<>();
    /** The failed keys whose exchange actually ran (not those waiting out a retry delay). */
    private final Set<String> attemptedFailedKeys = new HashSet<>();
    /** The oldest failure that holds the cursor back (not retried apart from it), and its position. */
    private Instant oldestFailedCreated;
    private Instant oldestFailedUpdated;
    private long oldestFailedPosition = Long.MAX_VALUE;
    /** Failed leads retried apart from the cursor (null with updates or in a silent run): see {@link RetryLedger}. */
    private final RetryLedger retries;
    /** The oldest lead read in this run that went to {@link #retries}: holds the cursor back only if the run stops. */
    private Instant oldestRetryCreated;
    private long oldestRetryPosition = Long.MAX_VALUE;
    /** Set while reading down to failed leads known without their data (see {@link #recoverFailedLeads()}). */
    private Instant recoveryFloor;
    private Instant maxCreated;
    private Instant maxUpdated;
    /** Set when a full scan never saw the total hold still: leads inserted behind it may be unread. */
    private boolean cursorFrozen;
    /** Set when the run reads below the previous cursor for leads that arrived there late: see tiesMatter. */
    private boolean tiesBelowCursor;

    // positions of the last two oldest-first pages, for the next offset
    private List<PageLeads.Positioned> lastPage;
    private long lastPageBase;
    private List<PageLeads.Positioned> prevPage;
    private long prevPageBase;
    // newest first: how many leads sit at the cursor, the list total, a walk to resume
    private final Set<String> idsAtMaxCreated = new HashSet<>();
    private long page1Total = -1;
    /** The total of the page read last (oldest first: the end of the list). */
    private long lastTotal = -1;
    private boolean stoppedWalk;
    /** Set when the run stopped before it knew that no lead arrived late below the previous cursor: keep that one. */
    private boolean keepPreviousCursor;

    private int emitted;
    private int succeeded;
    private int failed;
    private int markedSeen;

    /**
     * @param retries the scan's failed leads retried apart from the cursor, or null to hold the cursor back to every
     *                failure (with updates: every page is read on every poll anyway)
     */
    ScanLedger(ScanSettings settings, SeenLeadStore seen, ScanCursor previous, Instant createdFloor, boolean silent,
            RetryLedger retries) {
        this.settings = settings;
        this.retries = silent ? null : retries;
        this.seen = seen;
        this.previous = previous;
        this.lookback = settings.lookback();
        this.silent = silent;
        this.createdFloor = createdFloor;
        if (settings.emitUpdates()) {
            walkFloor = null;
            updatedFloor = previous == null ? createdFloor
                    : previous.updated() != null ? previous.updated().minus(lookback) : createdFloor;
        } else {
            walkFloor = createdFloor;
        }
    }

    /** Where a strategy may stop reading (leads older than it are done), or null when it must read every page. */
    Instant walkFloor() {
        return walkFloor;
    }

    /**
     * After a restart or a leader change, failed leads retried apart from the cursor are known without their data:
     * the strategies read down to the oldest of them (once), and those leads are emitted when found even below the
     * floor.
     *
     * @return the createdat read down to, or null when every failed lead's data is in memory
     */
    Instant recoverFailedLeads() {
        Instant oldest = retries == null || walkFloor == null ? null : retries.oldestWithoutData();
        if (oldest != null) {
            walkFloor = min(walkFloor, oldest);
            recoveryFloor = oldest;
        }
        return oldest;
    }

    /** The failed leads retried from memory, handed out (the consumer skips those whose wait is not over). */
    List<LeadEvent> retryOffers() {
        return retries == null ? List.of() : handOut(retries.offers());
    }

    /** Drops the failed leads still without data after a complete read down to them (they left the view). */
    List<FailedLead> dropUnrecoveredFailedLeads() {
        return retries == null || cursorFrozen ? List.of() : retries.dropWithoutData();
    }

    /** The run stopped early (the route looks down): the failed leads read in it hold the cursor back after all. */
    void stoppedAfterFailures() {
        oldestFailedCreated = min(oldestFailedCreated, oldestRetryCreated);
        oldestFailedPosition = Math.min(oldestFailedPosition, oldestRetryPosition);
    }

    /** startFrom=now: the window starts {@code lookback} below the newest lead found. */
    void startWindowBelow(Instant newest) {
        walkFloor = newest.minus(lookback);
        createdFloor = walkFloor;
    }

    /**
     * Notes the timestamps of every lead read (the cursor moves to the newest), the ids created at that newest instant
     * (how many leads sit at the cursor), and the total of page 1.
     */
    void read(LeadPage page, int q) {
        page.leads().forEach(this::note);
        if (q == 1 && page.pageInfo() != null) {
            page1Total = page.pageInfo().total();
        }
        lastTotal = page.pageInfo() == null ? -1 : page.pageInfo().total();
    }

    /** Notes leads read outside the walk's own pages (a tie group read whole): like {@link #read} without totals. */
    void noteLeads(List<PageLeads.Positioned> items) {
        items.forEach(item -> note(item.lead()));
    }

    /** The cursor moves to the newest lead read; the ids created at that instant are counted. */
    private void note(Lead lead) {
        Instant created = lead.getCreatedat();
        if (maxCreated == null || created.isAfter(maxCreated)) {
            maxCreated = created;
            idsAtMaxCreated.clear();
        }
        if (created.equals(maxCreated)) {
            idsAtMaxCreated.add(lead.getId());
        }
        maxUpdated = max(maxUpdated, lead.getUpdatedat());
    }

    /**
     * True when a tie group at {@code created} is watched by this run: at or after its floor (or, reading down to
     * failed leads known without their data, at or after the oldest of them). Whether it is read whole when reads
     * disagree on it is {@link #tiesMatter(Instant)}.
     */
    boolean tiesWatched(Instant created) {
        if (recoveryFloor != null && !created.isBefore(recoveryFloor)) {
            return true; // reading down to failed leads known without their data: one may be in the group
        }
        return createdFloor == null || !created.isBefore(createdFloor);
    }

    /**
     * True when a tie group at {@code created} may hold leads this run must emit: watched, and, when the previous poll
     * completed with its counts (every group it met was read whole and delivered), at or after its cursor, unless the
     * run reads below the cursor because leads may have arrived there late ({@link #tiesBelowCursorMatter()}): a bulk
     * import visible late, or stamped a little in the past, is a group the previous poll never saw. The cursor's own
     * group matters: leads created in its millisecond after the previous poll read it whole join it, and a shuffle can
     * hide them from every read of this poll while reads still disagree on where its members are (a busy CRM: the
     * group read on two pages, a member at two positions).
     */
    boolean tiesMatter(Instant created) {
        if (!tiesWatched(created)) {
            return false;
        }
        if (recoveryFloor != null && !created.isBefore(recoveryFloor) || tiesBelowCursor) {
            return true;
        }
        return previous == null || !previous.knowsCounts() || previous.created() == null
               || !created.isBefore(previous.created());
    }

    /**
     * The run reads the window below the previous cursor because leads may have arrived there late (the totals say
     * so, or the periodic window check): tie groups below the cursor are read whole too when reads disagree on them.
     */
    void tiesBelowCursorMatter() {
        tiesBelowCursor = true;
    }

    /** Keeps the created timestamps and positions of an oldest-first page, to compute the next poll's jump offset. */
    void recordOldestFirstPage(List<PageLeads.Positioned> leads, long base) {
        prevPage = lastPage;
        prevPageBase = lastPageBase;
        lastPage = List.copyOf(leads);
        lastPageBase = base;
    }

    /** The run stopped a newest-first backward walk on failed leads: the next poll resumes the walk there. */
    void stoppedWalk() {
        stoppedWalk = true;
    }

    /**
     * An oldest-first poll that jumped to its cursor stopped (the route looks down) before its late check decided: the
     * leads it read above the cursor say nothing of the leads that may have arrived late below it, so the run ends
     * like an abandoned one, with the previous cursor and its counts (and this run's failed leads beside it): the
     * next poll jumps there and checks again. Saving the newest lead read instead (held back to the oldest failure)
     * moved the next poll's window ({@code created - lookback}) above such leads.
     */
    void keepPreviousCursor() {
        keepPreviousCursor = previous != null && previous.created() != null;
    }

    /** A full scan that saw the total change on every pass: keep the cursor where it was. */
    void freezeCursor(boolean frozen) {
        cursorFrozen = frozen;
    }

    // ------------------------------------------------------------------ emission and outcomes

    /**
     * Turns leads (already oldest first) into events, skipping what the seen store knows, what failed in this run,
     * duplicates inside the step, and leads below the floors. In silent mode (startFrom=now) records them as seen
     * instead.
     */
    List<LeadEvent> emit(List<PageLeads.Positioned> items) {
        List<LeadEvent> events = new ArrayList<>();
        Set<String> step = new HashSet<>();
        for (PageLeads.Positioned item : items) {
            flushTies(item, events, step);
            offer(item, events, step);
        }
        return handOut(events);
    }

    /**
     * Keeps the members of a tie group read whole ({@link TieFill}) until the walk emits a lead created at or after
     * them, so they come out in their place, oldest first; {@link #flushTies()} emits the rest when the walk ends.
     */
    void holdTieMembers(List<PageLeads.Positioned> members) {
        Set<String> held = new HashSet<>();
        tieMembers.forEach(m -> held.add(m.lead().getId()));
        for (PageLeads.Positioned member : members) {
            if (held.add(member.lead().getId())) {
                tieMembers.add(member);
            }
        }
    }

    /** The held tie members not emitted yet (the walk ended without reaching their createdat again). */
    List<LeadEvent> flushTies() {
        List<LeadEvent> events = new ArrayList<>();
        flushTies(null, events, new HashSet<>());
        return handOut(events);
    }

    /**
     * Emits the held tie members that come before {@code upTo} (oldest first: created before it, or at its instant and
     * at a lower position when both positions are known), or all of them when {@code upTo} is null.
     */
    private void flushTies(PageLeads.Positioned upTo, List<LeadEvent> events, Set<String> step) {
        if (tieMembers.isEmpty()) {
            return;
        }
        // oldest first: positions count from the oldest lead, so a server with a stable order of ties keeps it
        tieMembers.sort(java.util.Comparator.comparing((PageLeads.Positioned m) -> m.lead().getCreatedat())
                .thenComparingLong(PageLeads.Positioned::position));
        for (java.util.Iterator<PageLeads.Positioned> it = tieMembers.iterator(); it.hasNext();) {
            PageLeads.Positioned member = it.next();
            if (upTo == null || before(member, upTo)) {
                it.remove();
                if (!seen.contains(SeenKeys.created(member.lead()))) { // delivered: the walk's own read handles updates
                    offer(member, events, step);
                }
            }
        }
    }

    private static boolean before(PageLeads.Positioned member, PageLeads.Positioned item) {
        int c = member.lead().getCreatedat().compareTo(item.lead().getCreatedat());
        return c < 0 || c == 0 && (member.position() < 0 || item.position() < 0 || member.position() < item.position());
    }

    /**
     * @param unsettled the oldest createdat of a tie group that reads disagree on and that is not read whole yet (or
     *                  null): the cursor and a checkpoint stay at or below it
     */
    void holdBackTo(java.util.function.Supplier<Instant> unsettled) {
        this.unsettledTies = unsettled;
    }

    /** The oldest createdat among the held tie members not delivered yet and the unsettled tie groups, or null. */
    private Instant oldestHeldTie() {
        Instant oldest = unsettledTies.get();
        for (PageLeads.Positioned member : tieMembers) {
            if (!seen.contains(SeenKeys.created(member.lead()))) {
                oldest = min(oldest, member.lead().getCreatedat());
            }
        }
        return oldest;
    }

    private List<LeadEvent> handOut(List<LeadEvent> events) {
        for (LeadEvent event : events) {
            outstanding.put(event, Boolean.TRUE);
            outstandingKeys.add(event.key());
        }
        emitted += events.size();
        return events;
    }

    /**
     * Adds the event for one lead (oldest first), unless the seen store knows it, it failed in this run, it is a
     * duplicate inside the step or awaits its outcome, or it is below the floors. In silent mode (startFrom=now)
     * records it as seen instead.
     */
    private void offer(PageLeads.Positioned item, List<LeadEvent> events, Set<String> step) {
        boolean updates = settings.emitUpdates();
        Lead lead = item.lead();
        if (!step.add(lead.getId()) || handedOut(lead)) {
            return;
        }
        boolean createdInRange = createdFloor == null || !lead.getCreatedat().isBefore(createdFloor);
        String idKey = SeenKeys.created(lead);
        if (silent) {
            if (createdInRange) {
                seen.add(idKey);
                if (updates && lead.getUpdatedat() != null) {
                    seen.add(SeenKeys.version(lead));
                }
                markedSeen++;
            }
            return;
        }
        boolean updateInRange = updates && lead.getUpdatedat() != null
                                && (updatedFloor == null || !lead.getUpdatedat().isBefore(updatedFloor));
        if (!seen.contains(idKey)) {
            boolean retried = retries != null && retries.get(idKey) != null;
            if (!failedKeys.contains(idKey) && (createdInRange || updateInRange || retried)) {
                events.add(new LeadEvent(lead, LeadEventType.CREATED, idKey, item.position(), false,
                                         retried ? retries.get(idKey) : null));
            }
        } else if (updateInRange && lead.getUpdatedat().isAfter(lead.getCreatedat())) {
            String versionKey = SeenKeys.version(lead);
            if (!failedKeys.contains(versionKey) && !seen.contains(versionKey)) {
                events.add(new LeadEvent(lead, LeadEventType.UPDATED, versionKey, item.position()));
            }
        }
    }

    /** True when an event for this lead (its creation or this version) awaits its outcome. */
    private boolean handedOut(Lead lead) {
        return !outstandingKeys.isEmpty() && (outstandingKeys.contains(SeenKeys.created(lead))
               || lead.getUpdatedat() != null && outstandingKeys.contains(SeenKeys.version(lead)));
    }

    /** Events handed out whose outcome is not reported yet. */
    int outstanding() {
        return outstanding.size();
    }

    void succeeded(LeadEvent event) {
        record(event);
        succeeded++;
    }

    /** Given up after too many failures: recorded like a success (never emitted again), not counted as one. */
    void poisoned(LeadEvent event) {
        record(event);
        failed++;
    }

    private void record(LeadEvent event) {
        take(event);
        seen.add(event.key());
        if (retries != null) {
            retries.remove(event.key());
        }
        if (event.type() == LeadEventType.CREATED && settings.emitUpdates() && event.lead().getUpdatedat() != null) {
            seen.add(SeenKeys.version(event.lead()));
        }
    }

    /**
     * Records a failure, or a lead still waiting out its retry delay (not offered). The lead goes to the retry ledger
     * (the cursor may pass it; it is offered again from memory) or, when that is full or off, holds the cursor back.
     *
     * @param attempted   true when the lead's exchange ran and failed, false when it was not offered (waiting)
     * @param attempts    failed attempts so far as the caller counts them, or null: one more than known when
     *                    attempted, else as known
     * @param nextAttempt when it may be offered again (null: at once, or as known when not attempted and
     *                    {@code attempts} is null)
     * @param firstFailure when it first failed as the caller knows it, or null: as known
     */
    void failed(LeadEvent event, boolean attempted, Integer attempts, Instant nextAttempt, Instant firstFailure) {
        take(event);
        failedKeys.add(event.key());
        if (attempted && !event.retry()) {
            // a retry from memory that fails is not a tried lead of this run: a stop needs one (see
            // ScanRun#stopIfRouteLooksDown), so it comes after a lead this run read, and everything older than the
            // leads it leaves unhandled is handled (the cursor stays below them)
            attemptedFailedKeys.add(event.key());
        }
        failed++;
        if (retries != null && event.type() == LeadEventType.CREATED) {
            FailedLead known = retries.known(event);
            int count = attempts != null ? attempts : known.attempts() + (attempted ? 1 : 0);
            Instant next = attempts != null || attempted ? nextAttempt : known.nextAttempt();
            Instant first = firstFailure != null ? firstFailure : known.firstFailure();
            if (retries.hold(event, count, next, first)) {
                if (!event.retry()) {
                    oldestRetryCreated = min(oldestRetryCreated, event.lead().getCreatedat());
                    if (event.position() >= 0) {
                        oldestRetryPosition = Math.min(oldestRetryPosition, event.position());
                    }
                }
                return;
            }
        }
        holdCursor(event);
    }

    /** The run stopped before the lead was offered: a lead read in this run holds the cursor back. */
    void notOffered(LeadEvent event) {
        take(event);
        failedKeys.add(event.key());
        failed++;
        if (!event.retry()) {
            holdCursor(event);
        }
    }

    private void holdCursor(LeadEvent event) {
        oldestFailedCreated = min(oldestFailedCreated, event.lead().getCreatedat());
        oldestFailedUpdated = min(oldestFailedUpdated, event.lead().getUpdatedat());
        if (event.position() >= 0) {
            oldestFailedPosition = Math.min(oldestFailedPosition, event.position());
        }
    }

    /** @return how many distinct leads were tried and failed in this run (not those that only waited) */
    int attemptedFailedCount() {
        return attemptedFailedKeys.size();
    }

    void dropOutstanding() {
        outstanding.clear();
        outstandingKeys.clear();
    }

    private void take(LeadEvent event) {
        if (outstanding.remove(event) == null) {
            throw new IllegalStateException(event + " is not awaiting an outcome (reported twice, or not from this scan)");
        }
        outstandingKeys.remove(event.key());
    }

    // ------------------------------------------------------------------ the cursor

    /**
     * The cursor after a complete run: the newest {@code createdat} (and {@code updatedat}) read, held back to the
     * oldest failed lead; for oldest-first lists the offset the next poll jumps to.
     */
    ScanCursor cursor(ListOrder order) {
        if (keepPreviousCursor) {
            return new ScanCursor(previous.created(), previous.updated(), previous.offset(), previous.order(),
                                  previous.total(), previous.above(), previous.resume(), retried());
        }
        Instant created = previous == null ? null : previous.created();
        Instant heldTie = oldestHeldTie();
        if (!cursorFrozen) {
            created = min(min(max(created, maxCreated), oldestFailedCreated), heldTie);
        }
        Instant updated = previous == null ? null : previous.updated();
        if (settings.emitUpdates() && !cursorFrozen) {
            updated = min(max(updated, maxUpdated), oldestFailedUpdated);
        }
        ListOrder finalOrder = order != ListOrder.UNKNOWN ? order
                : previous != null ? previous.order() : ListOrder.UNKNOWN;
        long total = -1;
        long above = -1;
        long resume = -1;
        boolean countsKnown = created != null && created.equals(maxCreated) && oldestFailedCreated == null
                              && heldTie == null && !cursorFrozen && !stoppedWalk;
        if (finalOrder == ListOrder.OLDEST_FIRST) {
            // the list's end was read last: its total, and the leads created at the newest instant
            total = countsKnown ? lastTotal : -1;
            above = total < 0 ? -1 : idsAtMaxCreated.size();
            return new ScanCursor(created, updated, offset(created), finalOrder, total, above, -1, retried());
        }
        if (finalOrder == ListOrder.NEWEST_FIRST) {
            if (stoppedWalk) {
                resume = oldestFailedPosition == Long.MAX_VALUE ? -1 : oldestFailedPosition;
            } else if (countsKnown) {
                // every lead at or above the cursor was read: those created at the newest instant
                total = page1Total;
                above = total < 0 ? -1 : idsAtMaxCreated.size();
            }
        }
        return new ScanCursor(created, updated, -1, finalOrder, total, above, resume, retried());
    }

    /**
     * The cursor of a walk checkpoint (see {@code ScanRun#checkpoint}): created at the point reached, held back to the
     * oldest failure and never before the previous cursor. Newest first: {@code resume} at the point's position (or
     * the oldest failure's). Oldest first: the {@code offset} the next poll jumps to (the last lead older than the
     * window below the point, held back before the oldest failure), as an incremental poll's. Null when the point says
     * nothing the previous cursor does not.
     */
    ScanCursor checkpoint(PageReader.WalkPoint point, ListOrder order) {
        if (silent) {
            return null;
        }
        Instant created = previous == null ? null : previous.created();
        if (created != null && !point.created().isAfter(created)) {
            return null;
        }
        created = min(min(point.created(), oldestFailedCreated), oldestHeldTie());
        if (order == ListOrder.OLDEST_FIRST) {
            // the counts, as a complete poll's (total, leads at or after created), when the walk read every lead from
            // the first one created then: the next poll jumps to the cursor and checks for late leads below it
            Instant heldTie = oldestHeldTie();
            boolean countsKnown = point.knowsCounts() && created.equals(point.created()) && oldestFailedCreated == null
                                  && (heldTie == null || heldTie.isAfter(created));
            return new ScanCursor(created, previous == null ? null : previous.updated(), offset(created),
                                  ListOrder.OLDEST_FIRST, countsKnown ? point.total() : -1,
                                  countsKnown ? point.total() - point.older() : -1, -1, retried());
        }
        long resume = Math.min(point.fromOldest(), oldestFailedPosition);
        for (PageLeads.Positioned member : tieMembers) {
            if (member.position() >= 0 && !seen.contains(SeenKeys.created(member.lead()))) {
                resume = Math.min(resume, member.position());
            }
        }
        return new ScanCursor(created, previous == null ? null : previous.updated(), -1, ListOrder.NEWEST_FIRST, -1,
                -1, resume, retried());
    }

    /** The failed leads retried apart from the cursor, saved beside it. */
    private List<FailedLead> retried() {
        return retries == null ? List.of() : retries.snapshot();
    }

    /**
     * Oldest first: position of the last lead older than the next poll's window (cursor minus lookback), so the next
     * poll jumps to the page holding it. Held back to before the oldest failure. -1 when unknown.
     */
    private long offset(Instant cursor) {
        if (lastPage == null || cursor == null) {
            return -1;
        }
        Instant threshold = cursor.minus(lookback);
        long offset = lastOlder(lastPage, threshold);
        if (offset < 0 && prevPage != null) {
            offset = lastOlder(prevPage, threshold);
        }
        if (offset < 0) {
            offset = Math.max(0, (prevPage != null ? prevPageBase : lastPageBase) - 1);
        }
        if (oldestFailedPosition != Long.MAX_VALUE) {
            offset = Math.min(offset, Math.max(0, oldestFailedPosition - 1));
        }
        return offset;
    }

    /** Position of the last lead created before {@code threshold}, or -1. */
    private static long lastOlder(List<PageLeads.Positioned> leads, Instant threshold) {
        for (int i = leads.size() - 1; i >= 0; i--) {
            if (leads.get(i).lead().getCreatedat().isBefore(threshold)) {
                return leads.get(i).position();
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ statistics

    int emitted() {
        return emitted;
    }

    int succeededCount() {
        return succeeded;
    }

    int failedCount() {
        return failed;
    }

    int markedSeen() {
        return markedSeen;
    }
}
