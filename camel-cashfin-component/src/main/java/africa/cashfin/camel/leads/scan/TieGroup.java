package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;

/**
 * Leads sharing one {@code createdat} (a bulk import) at a page edge, watched across reads ({@link TieWatch}) and read
 * until whole when reads disagree. A server may
 * return ties in any order on each request (MongoDB under skip/limit does not promise a stable order for equal sort
 * keys), so each read of a page that the group straddles holds a different subset of it, and the union of one read
 * per page can miss members. The group sits at known positions though: between the newest lead older than it and the
 * oldest lead newer than it. So its pages are read again until the distinct members found fill those positions, at
 * most {@link #MAX_ROUNDS} rounds of its pages.
 * <p>
 * Positions are counted from the oldest lead ({@code total - 1 - fromTop} newest first, {@code fromTop} oldest first, and
 * for a list whose timestamps are all equal so far), so they do not move when new leads arrive (at the top newest first, at the end oldest first). A lead leaving the list
 * between two reads shifts them: the counts then may never match, and the group is given up after its bound (the sweep
 * reads it again on its next pass).
 */
final class TieGroup {

    /**
     * Reads of the group's pages (plus the pages beyond its ends) at most, per group: with ties reshuffled on every
     * request each member of a group spread over {@code k} pages escapes one round with a probability of about
     * {@code (1 - 1/k)^k <= 0.37}, so a group of 1,000 leads is read whole with a probability above {@code 1 - 10^-5}
     * within 20 rounds; a stable order needs one read of each page of the group.
     */
    static final int MAX_ROUNDS = 20;

    private final Instant created;
    private final boolean newestFirst;
    private final Map<String, PageLeads.Positioned> members = new LinkedHashMap<>();
    private long lo = Long.MAX_VALUE;
    private long hi = Long.MIN_VALUE;
    /** Highest position of a lead older than the group (-1 when the group starts the list); MIN_VALUE: unknown. */
    private long olderBelow = Long.MIN_VALUE;
    /** Lowest position of a lead newer than the group (the total when it ends the list); MAX_VALUE: unknown. */
    private long newerAbove = Long.MAX_VALUE;
    private long total = -1;
    private int rereads;
    private int round;
    private boolean readWhole;
    private boolean settled;

    TieGroup(Instant created, ListOrder order) {
        this.created = created;
        this.newestFirst = order == ListOrder.NEWEST_FIRST;
    }

    Instant created() {
        return created;
    }

    /** Notes a read of page {@code q} (asked for with {@code limit}); returns the group's members on it. */
    List<PageLeads.Positioned> add(LeadPage page, int q, int limit) {
        List<PageLeads.Positioned> found = new ArrayList<>();
        if (page.pageInfo() == null || page.pageInfo().total() < 0) {
            return found;
        }
        total = page.pageInfo().total();
        List<Lead> leads = page.leads();
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            long fromTop = (long) (q - 1) * limit + page.recordIndex(i);
            long position = newestFirst ? total - 1 - fromTop : fromTop;
            int c = lead.getCreatedat().compareTo(created);
            if (c == 0) {
                PageLeads.Positioned member = new PageLeads.Positioned(lead, position);
                members.put(lead.getId(), member);
                found.add(member);
                lo = Math.min(lo, position);
                hi = Math.max(hi, position);
                if (position == 0) {
                    olderBelow = Math.max(olderBelow, -1);
                }
                if (position == total - 1) {
                    newerAbove = Math.min(newerAbove, total);
                }
            } else if (c < 0) {
                olderBelow = Math.max(olderBelow, position);
            } else {
                newerAbove = Math.min(newerAbove, position);
            }
        }
        return found;
    }

    /** Counts a read asked for by {@link #nextPage(int)}. */
    void reread() {
        rereads++;
    }

    /**
     * True while the distinct members seen fill the positions they were seen at: false when reads returned the group
     * in different orders (a member seen twice at two positions, so another was at neither).
     */
    boolean consistent() {
        return lo > hi || members.size() >= hi - lo + 1;
    }

    /** The group was read whole, or its bound is spent: its members are final for this run. */
    void settle() {
        settled = true;
    }

    /** True while reads disagree on the group and it has not been read whole yet: a walk must not pass it. */
    boolean unsettled() {
        return !settled && !consistent();
    }

    /** Marks the group as read whole (once a run, or a pass: its bound is spent then). */
    void markReadWhole() {
        readWhole = true;
    }

    /** True once the group was read whole in this run. */
    boolean readWhole() {
        return readWhole;
    }

    /** True when both ends are known and the distinct members found fill the positions between them. */
    boolean complete() {
        return olderBelow != Long.MIN_VALUE && newerAbove != Long.MAX_VALUE
               && members.size() >= newerAbove - olderBelow - 1;
    }

    /** True when the group's bound in reads is spent ({@link #MAX_ROUNDS} rounds of its pages). */
    boolean exhausted(int limit) {
        return rereads >= MAX_ROUNDS * (pagesSpanned(limit) + 2);
    }

    /** The members found so far, with their positions (counted from the oldest lead). */
    List<PageLeads.Positioned> members() {
        return List.copyOf(members.values());
    }

    /** How many distinct members were seen. */
    int size() {
        return members.size();
    }

    /**
     * The page to read next: beyond an end not seen yet, else the group's pages in turn (the page edges cut it, so
     * each page holds a different part of it on each read).
     */
    int nextPage(int limit) {
        if (olderBelow == Long.MIN_VALUE) {
            return pageOf(lo - 1, limit);
        }
        if (newerAbove == Long.MAX_VALUE) {
            return pageOf(hi + 1, limit);
        }
        int a = pageOf(olderBelow + 1, limit);
        int b = pageOf(newerAbove - 1, limit);
        int first = Math.min(a, b);
        int count = Math.abs(a - b) + 1;
        return first + (round++ % count);
    }

    private int pagesSpanned(int limit) {
        if (lo > hi) {
            return 1;
        }
        return Math.abs(pageOf(hi, limit) - pageOf(lo, limit)) + 1;
    }

    private int pageOf(long position, int limit) {
        long p = Math.max(0, Math.min(position, Math.max(0, total - 1)));
        long fromTop = newestFirst ? total - 1 - p : p;
        return (int) (fromTop / limit) + 1;
    }

    @Override
    public String toString() {
        return "TieGroup[" + created + ", " + members.size() + " found, positions " + (olderBelow + 1) + ".."
               + (newerAbove - 1) + "]";
    }
}
