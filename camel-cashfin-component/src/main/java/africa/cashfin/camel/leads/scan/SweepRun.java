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
    }

    /** True when the sweep reads no further page in this poll. */
    public boolean isDone() {
        return stopped || requested || pagesRead >= settings.pagesPerPoll() || passCompleted
               || !owner.mayRead(urgent, callsPerDay);
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
        return new PageRequest(state.page(), owner.servedLimit().limit());
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
        int q = state.page();
        page = owner.servedLimit().adopt(page, q); // a server that caps limit: its pages, counted in its size
        PageInfo info = page.pageInfo();
        int limit = owner.servedLimit().limit();
        List<LeadEvent> events = new ArrayList<>();
        List<Lead> leads = page.leads();
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
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
                events.add(new LeadEvent(lead, LeadEventType.CREATED, key, (long) (q - 1) * limit + page.recordIndex(i)));
            }
        }
        if (events.size() > 1 && events.get(0).lead().getCreatedat().isAfter(events.get(events.size() - 1).lead()
                .getCreatedat())) {
            java.util.Collections.reverse(events);
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

    private boolean emittable(Lead lead) {
        if (lead == null || lead.getId() == null || lead.getId().isBlank() || lead.getCreatedat() == null) {
            return false; // the fast path reports malformed records
        }
        if (cursor.created() == null || lead.getCreatedat().isAfter(cursor.created())) {
            return false; // the fast path's: it emits it on its next poll
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
