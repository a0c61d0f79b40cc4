package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;

/**
 * Watches the groups of leads sharing one {@code createdat} that sit at a page edge, across the pages a walk reads.
 * Positions count from the oldest lead ({@link TieGroup}), so reads made at different times line up while new leads
 * arrive. A group with a member seen at two positions, or two members at one, was returned in a different order by
 * different reads (a server may order ties anew on each request), and a group whose positions moved under the reads
 * before it was known whole cannot tell: some member may never have been on a page read, so the group has to be read
 * whole. Keeps {@link #TRACKED} groups (a walk meets a group only where it is reading): when one more is met, the
 * least needed is dropped, a group known whole or one the walk has left behind first ({@link #leastNeeded}), never a
 * group met on the page just read.
 */
final class TieWatch {

    static final int TRACKED = 32;
    /** Reads after which a group no page showed is behind the walk ({@link #leastNeeded}). */
    static final int BEHIND_AFTER = 4;

    private final Map<Instant, TieGroup> tracked = new LinkedHashMap<>();
    /** The read each watched group was last seen on (at a page edge, or a member on the page). */
    private final Map<Instant, Long> lastSeen = new HashMap<>();
    private long readsNoted;
    private ListOrder order;
    /** Which watched groups are read whole when reads disagree on them (asked each time). */
    private Predicate<Instant> matters = created -> true;
    /** The last two pages read (noted again when the order changes). */
    private final List<Read> recent = new ArrayList<>();

    /**
     * Notes page {@code q} (asked for with {@code limit}).
     *
     * @param  order    the list's order; {@code UNKNOWN} while the run still learns it (the page is kept and noted once
     *                  the order is known), or for a list whose timestamps are all equal ({@code allTies})
     * @param  relevant which {@code createdat} the walk emits (groups outside it are not watched)
     * @return          the watched groups' members found on the page (and on the pages kept until the order was
     *                  known), and a group to read whole now (or null)
     */
    Observation observe(LeadPage page, int q, int limit, ListOrder order, boolean allTies,
            Predicate<Instant> relevant) {
        return observe(page, q, limit, order, allTies, relevant, relevant);
    }

    /**
     * {@link #observe(LeadPage, int, int, ListOrder, boolean, Predicate)} watching the groups in {@code watched} but
     * reading whole (and holding a walk back at) only those in {@code matters}, asked again each time: a group the run
     * did not need to check when it first met it (below the previous cursor, read whole by the poll that saved it) may
     * need it later in the run (evidence that leads arrived late below the cursor), with what the reads made before
     * said about it.
     */
    Observation observe(LeadPage page, int q, int limit, ListOrder order, boolean allTies,
            Predicate<Instant> watched, Predicate<Instant> matters) {
        this.matters = matters;
        Read current = new Read(page, q, limit);
        if (order == ListOrder.UNKNOWN && !allTies) {
            remember(current); // the order probe: noted once the order is known
            return new Observation(List.of(), null);
        }
        List<Read> reads = new ArrayList<>();
        if (order != this.order) {
            // positions counted another way (the order was learnt, or the run fell back to a full scan): start over
            // from the last pages read
            tracked.clear();
            lastSeen.clear();
            this.order = order;
            reads.addAll(recent);
        }
        remember(current);
        reads.add(current);
        List<PageLeads.Positioned> found = new ArrayList<>();
        for (Read read : reads) {
            List<Lead> leads = read.page().leads();
            if (order == ListOrder.UNORDERED || leads.isEmpty() || read.page().pageInfo() == null
                || read.page().pageInfo().total() < 0) {
                continue;
            }
            readsNoted++;
            Instant first = leads.get(0).getCreatedat();
            Instant last = leads.get(leads.size() - 1).getCreatedat();
            track(first, order, watched, last);
            track(last, order, watched, first);
            for (TieGroup group : tracked.values()) {
                List<PageLeads.Positioned> members = group.add(read.page(), read.q(), read.limit());
                if (!members.isEmpty()) {
                    lastSeen.put(group.created(), readsNoted);
                }
                found.addAll(members);
            }
        }
        return new Observation(found, torn());
    }

    /** The first watched group that reads disagree on and that was not read whole yet, or null. */
    TieGroup torn() {
        for (TieGroup group : tracked.values()) {
            if (!group.consistent() && !group.readWhole() && matters.test(group.created())) {
                return group;
            }
        }
        return null;
    }

    /** The oldest {@code createdat} of a watched group that reads disagree on and is not settled yet, or null. */
    Instant oldestUnsettled() {
        Instant oldest = null;
        for (TieGroup group : tracked.values()) {
            if (group.unsettled() && matters.test(group.created())) {
                oldest = PageLeads.min(oldest, group.created());
            }
        }
        return oldest;
    }

    private void remember(Read read) {
        recent.add(read);
        if (recent.size() > 2) {
            recent.remove(0);
        }
    }

    private record Read(LeadPage page, int q, int limit) {
    }

    /** Watches the group at {@code created} (met at an edge of the page read, whose other edge is {@code other}). */
    private void track(Instant created, ListOrder order, Predicate<Instant> relevant, Instant other) {
        if (!relevant.test(created)) {
            return;
        }
        lastSeen.put(created, readsNoted);
        if (tracked.containsKey(created)) {
            return;
        }
        tracked.put(created, new TieGroup(created, order));
        if (tracked.size() > TRACKED) {
            Instant dropped = leastNeeded(created, other);
            tracked.remove(dropped);
            lastSeen.remove(dropped);
        }
    }

    /**
     * The group to stop watching: one known whole (both ends seen, its positions filled), else one the walk has left
     * behind (no page showed it in the last {@link #BEHIND_AFTER} reads) that reads agree on or that was read whole,
     * else one of one lead (most page-edge leads are alone at their instant), else one that does not matter now, else
     * one that reads agree on, else any; within each the one least recently seen on a page read (the eldest on a tie).
     * Never one met on the page just read ({@code met}, {@code other}) unless every other group is: the group a walk
     * is about to connect to must not be the one forgotten (a run whose 32 groups were all of two leads dropped each
     * new group as soon as it met it, nothing seen of it yet, and its reads could no longer disagree on it). Nor, while
     * groups left behind remain, the group of one lead met two reads before: the backward walk reads a page, the page
     * below it to connect, then the page above, so that is its frontier's group; a long walk whose watch was full of
     * groups of two it had passed (reads agreeing on each, not known whole) dropped it, and its two leads then came
     * back swapped on the page the walk connected on (ConsumerStrictServerTest: 5 runs in 47 in a loop, loaded).
     */
    private Instant leastNeeded(Instant met, Instant other) {
        for (Predicate<TieGroup> needless : List.<Predicate<TieGroup>>of(TieGroup::complete,
                g -> behind(g) && !g.unsettled(), g -> g.size() <= 1 && g.consistent(),
                g -> !matters.test(g.created()), g -> !g.unsettled(), g -> true)) {
            Instant least = null;
            for (Map.Entry<Instant, TieGroup> entry : tracked.entrySet()) {
                Instant created = entry.getKey();
                if (!created.equals(met) && !created.equals(other) && needless.test(entry.getValue())
                    && (least == null || lastSeen.get(created) < lastSeen.get(least))) {
                    least = created;
                }
            }
            if (least != null) {
                return least;
            }
        }
        return met;
    }

    /**
     * True when no page read in the last {@link #BEHIND_AFTER} reads showed the group: the walk has left it behind (a
     * walk steps back a page or two to connect while fewer leads arrive between two reads than a page holds). Such a
     * group goes before a group of one lead met lately: that one may be the group the walk is about to connect to.
     */
    private boolean behind(TieGroup group) {
        return lastSeen.get(group.created()) < readsNoted - BEHIND_AFTER;
    }

    /** Forgets the groups (a new pass). */
    void clear() {
        tracked.clear();
        lastSeen.clear();
        recent.clear();
    }

    /**
     * @param members the watched groups' members on the page read
     * @param torn    a group seen in different orders by different reads, to read whole now; null when none
     */
    record Observation(List<PageLeads.Positioned> members, TieGroup torn) {
    }
}
