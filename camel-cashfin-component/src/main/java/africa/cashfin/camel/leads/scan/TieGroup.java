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
 * Positions are counted from the oldest lead ({@code total - 1 - fromTop} newest first, {@code fromTop} oldest first),
 * so they do not move when new leads arrive (at the top newest first, at the end oldest first); a full scan (no order
 * known yet) counts from the top, where they do. Reads line up only within a <em>frame</em> ({@link TiePositions}): a
 * read after the {@code total} fell (a lead left), or changed at all in a full scan, or one that puts a lead of the
 * group where another lead was, starts a new frame, and a group not known whole in the old frame is read whole in the
 * new one (its members found so far are kept). A lead leaving and another arriving between the same two reads can
 * shift the positions without changing the {@code total}: the group may then not come out whole within its bound (the
 * sweep reads it again on its next pass).
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
    /** Positions count from the oldest lead, which arrivals do not move (false: from the top, in a full scan). */
    private final boolean stable;
    private final Map<String, PageLeads.Positioned> members = new LinkedHashMap<>();
    /** The positions seen in the current frame (reads whose positions line up). */
    private TiePositions frame;
    /** Set when the group's positions moved under reads before it was known whole: read it whole. */
    private boolean shifted;
    /** The range of the last frame with members (to find the group again in a new frame). */
    private long lastLo = -1;
    private long lastHi = -1;
    /** The frame in which the group was last read whole (known complete), or null; and its upper end then. */
    private TiePositions wholeIn;
    private long wholeBelow;
    private int rereads;
    private int round;
    private boolean readWhole;
    private boolean settled;

    TieGroup(Instant created, ListOrder order) {
        this.created = created;
        this.newestFirst = order == ListOrder.NEWEST_FIRST;
        this.stable = order == ListOrder.NEWEST_FIRST || order == ListOrder.OLDEST_FIRST;
    }

    Instant created() {
        return created;
    }

    /**
     * Notes a read of page {@code q} (asked for with {@code limit}); returns the group's members on it. A read whose
     * positions do not line up with the frame's (the {@code total} fell, or changed at all where positions count from
     * the top; or a lead of the group sits where another lead was) starts a new frame; if the group was not known
     * whole in the old one, it has to be read whole.
     */
    List<PageLeads.Positioned> add(LeadPage page, int q, int limit) {
        List<PageLeads.Positioned> found = new ArrayList<>();
        if (page.pageInfo() == null || page.pageInfo().total() < 0) {
            return found;
        }
        long total = page.pageInfo().total();
        if (frame == null || total < frame.total() || !stable && total != frame.total()) {
            newFrame(total);
        }
        frame.read(total);
        List<Lead> leads = page.leads();
        boolean fits = true;
        boolean grew = false;
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            long position = position(q, limit, page.recordIndex(i), total);
            boolean member = lead.getCreatedat().equals(created);
            grew |= member && frame == wholeIn && position >= wholeBelow;
            fits &= frame.note(lead.getId(), position, member);
            if (member) {
                PageLeads.Positioned positioned = new PageLeads.Positioned(lead, position);
                members.put(lead.getId(), positioned);
                found.add(positioned);
            }
        }
        if (grew) {
            // a member where the lead after the group was when it was read whole: leads created at its instant
            // joined it since (a busy CRM creates several in one millisecond), so it is read whole again if reads
            // disagree on it (a member created after that read sat below a walk's frontier that had moved up inside
            // the grown group, and was taken as handled); its re-reads still count against MAX_ROUNDS
            // (ScanModelRegressionTest.aGroupReadWholeAtTheTopOfTheListThatGrowsAfterwardsIsReadWholeAgain)
            readWhole = false;
            settled = false;
            wholeIn = null;
        }
        if (!fits) { // the list moved under the frame: this read alone is the new frame
            newFrame(total);
            frame.read(total);
            for (int i = 0; i < leads.size(); i++) {
                Lead lead = leads.get(i);
                frame.note(lead.getId(), position(q, limit, page.recordIndex(i), total),
                           lead.getCreatedat().equals(created));
            }
        }
        return found;
    }

    private long position(int q, int limit, int recordIndex, long total) {
        long fromTop = (long) (q - 1) * limit + recordIndex;
        return newestFirst ? total - 1 - fromTop : fromTop;
    }

    private void newFrame(long total) {
        if (frame != null && frame.hasMembers()) {
            shifted |= !complete();
            lastLo = frame.lo();
            lastHi = frame.hi();
        }
        frame = new TiePositions(total);
    }

    /** Counts a read asked for by {@link #nextPage(int)}. */
    void reread() {
        rereads++;
    }

    /**
     * True while reads agree on the group: false when they returned it in different orders (a member seen at two
     * positions, or two at one: another member may have been on no page read), or when its positions moved under the
     * reads before it was known whole.
     */
    boolean consistent() {
        return !shifted && (frame == null || !frame.disagreed());
    }

    /** The group was read whole, or its bound is spent: its members are final for this run. */
    void settle() {
        settled = true;
        if (complete()) {
            wholeIn = frame;
            wholeBelow = frame.upperEnd();
        }
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

    /** True when both ends are known in the current frame and the distinct members found fill the positions between. */
    boolean complete() {
        long span = frame == null ? -1 : frame.span();
        return span >= 0 && members.size() >= span;
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
     * each page holds a different part of it on each read). In a new frame without a member yet, the pages of the
     * group's last known range and one page either side, in turn.
     */
    int nextPage(int limit) {
        if (frame == null || !frame.hasMembers()) {
            long total = frame == null ? 0 : frame.total();
            int a = pageOf(Math.max(0, lastLo), limit, total);
            int b = pageOf(Math.max(0, lastHi), limit, total);
            int first = Math.max(1, Math.min(a, b) - 1);
            int count = Math.abs(a - b) + 3;
            return first + (round++ % count);
        }
        long total = frame.total();
        if (frame.lowerEnd() == Long.MIN_VALUE) {
            return pageOf(frame.lo() - 1, limit, total);
        }
        if (frame.upperEnd() == Long.MAX_VALUE) {
            return pageOf(frame.hi() + 1, limit, total);
        }
        int a = pageOf(frame.lowerEnd() + 1, limit, total);
        int b = pageOf(frame.upperEnd() - 1, limit, total);
        int first = Math.min(a, b);
        int count = Math.abs(a - b) + 1;
        return first + (round++ % count);
    }

    private int pagesSpanned(int limit) {
        if (frame != null && frame.hasMembers()) {
            return Math.abs(pageOf(frame.hi(), limit, frame.total()) - pageOf(frame.lo(), limit, frame.total())) + 1;
        }
        return lastLo < 0 ? 1 : (int) ((lastHi - lastLo) / limit) + 2;
    }

    private int pageOf(long position, int limit, long total) {
        long p = Math.max(0, Math.min(position, Math.max(0, total - 1)));
        long fromTop = newestFirst ? total - 1 - p : p;
        return (int) (fromTop / limit) + 1;
    }

    @Override
    public String toString() {
        return "TieGroup[" + created + ", " + members.size() + " found, " + (frame == null ? "no frame"
                : "positions " + (frame.lowerEnd() + 1) + ".." + (frame.upperEnd() - 1) + " of " + frame.total()) + "]";
    }
}
