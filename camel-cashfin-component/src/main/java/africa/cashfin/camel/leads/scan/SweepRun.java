package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * The sweep's part of one poll (from {@link ViewSweep#start}): reads pages while the pace allows (at most
 * {@code pagesPerPoll}), and answers each page with the leads to emit, oldest first: those the seen store does not
 * know, that the fast path has passed ({@code createdat} at or before its cursor) and not before {@code startFrom}.
 * The position is saved after every page. A lead whose exchange failed ends the sweep's part of the poll; the pass
 * goes on past it, and the fast path's retry or the next pass offers it again.
 */
public final class SweepRun {

    private final ViewSweep owner;
    private final SweepSettings settings;
    private final SeenLeadStore seen;
    private final ScanCursor cursor;
    private final Instant now;
    private final double callsPerDay;
    private final boolean urgent;
    private final boolean silent;

    private SweepState state;
    private int pagesRead;
    private boolean requested;
    private boolean stopped;
    private boolean failedLead;
    private int markedSeen;
    private final List<String> recoveredIds = new ArrayList<>();
    private boolean passCompleted;
    /** A group of equal createdat across the edge of a page just read, read whole before the sweep goes on. */
    private TieGroup tieGroup;
    private boolean tieRead;
    private int requestedTiePage;
    /** The ids of the failed leads the fast path retries apart from its cursor: neither emitted nor recorded here. */
    private final java.util.Set<String> retried;

    SweepRun(ViewSweep owner, SweepSettings settings, SeenLeadStore seen, ScanCursor cursor, SweepState state,
             Instant now, double callsPerDay) {
        this.owner = owner;
        this.settings = settings;
        this.seen = seen;
        this.cursor = cursor;
        this.state = state;
        this.now = now;
        this.callsPerDay = callsPerDay;
        this.urgent = state.urgent();
        this.silent = settings.silentFirst() && state.passes() == 0;
        // without a complete fast-path poll there is nothing to repair yet: the fast path reads everything
        this.stopped = cursor == null;
        this.retried = new java.util.HashSet<>();
        if (cursor != null) {
            cursor.failed().forEach(f -> retried.add(f.id()));
        }
    }

    /** True when the sweep reads no further page in this poll. */
    public boolean isDone() {
        if (stopped || requested) {
            return true;
        }
        if (tieGroup != null) {
            return false; // bounded by TieGroup.MAX_ROUNDS, spent from the pace like any sweep page
        }
        return pagesRead >= settings.pagesPerPoll() || passCompleted || tooSoonForAPass()
               || !owner.mayRead(urgent, callsPerDay);
    }

    /**
     * True when a new pass would start (page 1, none in progress) sooner than {@code minPassInterval} after the
     * previous one started, and nothing brought it forward: an unchanged view is not re-read more often than that.
     */
    private boolean tooSoonForAPass() {
        return !urgent && state.page() == 1 && state.passStarted() == null && state.lastPassStarted() != null
               && now.isBefore(state.lastPassStarted().plus(settings.minPassInterval()));
    }

    /** True when this poll's pass was brought forward (evidence or "sweep now"). */
    public boolean urgent() {
        return urgent;
    }

    /** The page to read next; hand it back to {@link #accept(LeadPage)}. */
    public PageRequest nextRequest() {
        if (isDone()) {
            throw new IllegalStateException("The sweep reads no further page in this poll");
        }
        requested = true;
        owner.spend();
        int limit = owner.servedLimit().limit();
        tieRead = tieGroup != null;
        if (tieRead) {
            tieGroup.reread();
            requestedTiePage = tieGroup.nextPage(limit);
            return new PageRequest(requestedTiePage, limit);
        }
        return new PageRequest(state.page(), limit);
    }

    /**
     * Takes back the page asked for and returns the leads to emit, oldest first (the page reversed when it is
     * newest first). Moves the pass on and saves its position.
     */
    public List<LeadEvent> accept(LeadPage page) {
        if (!requested) {
            throw new IllegalStateException("accept() without a nextRequest()");
        }
        requested = false;
        pagesRead++;
        if (tieRead) {
            return acceptTieRead(page);
        }
        int q = state.page();
        page = owner.servedLimit().adopt(page, q); // a server that caps limit: its pages, counted in its size
        PageInfo info = page.pageInfo();
        int limit = owner.servedLimit().limit();
        List<Lead> leads = page.leads();
        List<PageLeads.Positioned> items = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            items.add(new PageLeads.Positioned(leads.get(i), (long) (q - 1) * limit + page.recordIndex(i)));
        }
        List<LeadEvent> events = unseen(items);
        if (events.size() > 1 && events.get(0).lead().getCreatedat().isAfter(events.get(events.size() - 1).lead()
                .getCreatedat())) {
            java.util.Collections.reverse(events);
        }
        if (q == 1) {
            owner.ties().clear(); // a new pass checks every tie group again
        }
        ListOrder order = cursor.order() == ListOrder.UNKNOWN || cursor.order() == null ? ListOrder.UNORDERED
                : cursor.order();
        TieGroup torn = owner.ties().observe(page, q, limit, order, false, this::sweepsCreatedAt).torn();
        if (torn != null) {
            torn.markReadWhole();
            tieGroup = torn; // reads disagree on a group of ties: read it whole (the next requests), then go on
        }
        long total = info == null ? -1 : info.total();
        boolean bottom = page.isEmpty() || (info != null && info.knowsPages() ? info.pages() <= q : page.size() < limit);
        if (bottom) {
            passCompleted = true;
            state = owner.advance(q, s -> s.completed(now));
        } else {
            SweepState before = state;
            boolean shrank = before.viewTotal() >= 0 && total >= 0 && total < before.viewTotal();
            int next;
            int resume = 0;
            if (before.resumeAt() > 0) {
                next = before.resumeAt(); // the page before was read again: go on where the pass was
            } else if (shrank && q > 1) {
                // leads left the view since the pass's last page: what was at the top of this page may have moved
                // onto the page before, so read that again once, then go on after this one
                next = q - 1;
                resume = q + 1;
            } else {
                next = q + 1;
            }
            int n = next;
            int r = resume;
            Instant started = before.passStarted() == null ? now : before.passStarted();
            state = owner.advance(q, s -> s.movedTo(n, r, started, total));
        }
        return events;
    }

    /** A read of a tie group's page: its members that nobody delivered; the group is done when whole or spent. */
    private List<LeadEvent> acceptTieRead(LeadPage page) {
        int limit = owner.servedLimit().limit();
        TieGroup group = tieGroup;
        page = owner.servedLimit().adopt(page, requestedTiePage);
        List<LeadEvent> events = unseen(group.add(page, requestedTiePage, limit));
        if (group.complete() || group.exhausted(limit)) {
            tieGroup = null;
        }
        return events;
    }

    /** The leads of {@code items} the seen store does not know and the sweep may emit (recorded in a silent pass). */
    private List<LeadEvent> unseen(List<PageLeads.Positioned> items) {
        List<LeadEvent> events = new ArrayList<>();
        for (PageLeads.Positioned item : items) {
            Lead lead = item.lead();
            if (!emittable(lead)) {
                continue;
            }
            String key = SeenKeys.created(lead);
            if (seen.contains(key)) {
                continue;
            }
            if (silent) {
                seen.add(key);
                markedSeen++;
            } else {
                events.add(new LeadEvent(lead, LeadEventType.CREATED, key, item.position()));
            }
        }
        return events;
    }

    /** True when the sweep emits leads created at {@code created} (the fast path has passed it, not before startFrom). */
    private boolean sweepsCreatedAt(Instant created) {
        return cursor.created() != null && !created.isAfter(cursor.created())
               && (settings.createdFloor() == null || !created.isBefore(settings.createdFloor()));
    }

    private boolean emittable(Lead lead) {
        if (lead == null || lead.getId() == null || lead.getId().isBlank() || lead.getCreatedat() == null) {
            return false; // the fast path reports malformed records
        }
        if (cursor.created() == null || lead.getCreatedat().isAfter(cursor.created())) {
            return false; // the fast path's: it emits it on its next poll
        }
        if (retried.contains(lead.getId())) {
            return false; // failed, and retried by the fast path apart from its cursor (see RetryLedger)
        }
        return settings.createdFloor() == null || !lead.getCreatedat().isBefore(settings.createdFloor());
    }

    /** The lead's exchange succeeded: it is recorded as seen and counted as recovered. */
    public void succeeded(LeadEvent event) {
        seen.add(event.key());
        recoveredIds.add(event.lead().getId());
        owner.recovered(1);
    }

    /**
     * The consumer gave up on the lead after too many failed attempts (handed to its exception handler as poisoned):
     * recorded as seen so no pass offers it again, not counted as recovered.
     */
    public void poisoned(LeadEvent event) {
        seen.add(event.key());
    }

    /** The lead's exchange failed: not recorded; the sweep reads no further page in this poll. */
    public void failed(LeadEvent event) {
        stopped = true;
        failedLead = true;
    }

    /** True once a lead of this poll's sweep failed: the rest of its page is not offered in this poll. */
    public boolean stoppedAfterFailure() {
        return failedLead;
    }

    /** Ids of the leads this poll's sweep delivered, in order. */
    public List<String> recoveredIds() {
        return List.copyOf(recoveredIds);
    }

    /** Pages this poll's sweep read. */
    public int pagesRead() {
        return pagesRead;
    }

    /** Leads recorded without being emitted (the silent first pass of {@code startFrom=now}). */
    public int markedSeen() {
        return markedSeen;
    }

    /** True when this poll read the bottom of the view (a pass completed). */
    public boolean passCompleted() {
        return passCompleted;
    }

    /** The position after this poll. */
    public SweepState state() {
        return state;
    }
}
