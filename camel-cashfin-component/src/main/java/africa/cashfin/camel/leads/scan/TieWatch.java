package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
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
 * whole. Keeps {@link #TRACKED} groups (a walk meets a group only where it is reading;
 * the least needed go first).
 */
final class TieWatch {

    static final int TRACKED = 32;

    private final Map<Instant, TieGroup> tracked = new LinkedHashMap<>();
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
            track(leads.get(0).getCreatedat(), order, watched);
            track(leads.get(leads.size() - 1).getCreatedat(), order, watched);
            for (TieGroup group : tracked.values()) {
                found.addAll(group.add(read.page(), read.q(), read.limit()));
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

    private void track(Instant created, ListOrder order, Predicate<Instant> relevant) {
        if (tracked.containsKey(created) || !relevant.test(created)) {
            return;
        }
        tracked.put(created, new TieGroup(created, order));
        if (tracked.size() > TRACKED) {
            tracked.remove(leastNeeded());
        }
    }

    /**
     * The eldest group known whole (both ends seen, its positions filled), else the eldest of one lead (most page-edge
     * leads are alone at their instant), else the eldest that does not matter now, else the eldest that reads agree
     * on, else the eldest.
     */
    private Instant leastNeeded() {
        for (java.util.function.Predicate<TieGroup> needless : List.<java.util.function.Predicate<TieGroup>>of(
                TieGroup::complete, g -> g.size() <= 1 && g.consistent(), g -> !matters.test(g.created()),
                g -> !g.unsettled())) {
            for (Map.Entry<Instant, TieGroup> entry : tracked.entrySet()) {
                if (needless.test(entry.getValue())) {
                    return entry.getKey();
                }
            }
        }
        return tracked.keySet().iterator().next();
    }

    /** Forgets the groups (a new pass). */
    void clear() {
        tracked.clear();
        recent.clear();
    }

    /**
     * @param members the watched groups' members on the page read
     * @param torn    a group seen in different orders by different reads, to read whole now; null when none
     */
    record Observation(List<PageLeads.Positioned> members, TieGroup torn) {
    }
}
