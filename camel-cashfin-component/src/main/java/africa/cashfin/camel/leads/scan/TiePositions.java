package africa.cashfin.camel.leads.scan;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The positions where reads of one {@link TieGroup}'s pages found its members and the leads around it, within one
 * <em>frame</em>: reads whose positions line up (the same {@code total} where arrivals move the positions, see
 * {@link TieGroup}). A group sits at consecutive positions whatever its order, between the nearest other leads on each
 * side; these are its ends. Notes whether reads disagreed: a member seen at two positions, or two members at one (the
 * server returned the group in different orders, so a member may have been on no page read).
 */
final class TiePositions {

    /** The list's total at the latest read of the frame. */
    private long total;
    /** Position to whether the lead seen there is a member. */
    private final TreeMap<Long, Boolean> member = new TreeMap<>();
    private final Map<Long, String> idAt = new HashMap<>();
    private final Map<String, Long> positionOf = new HashMap<>();
    /**
     * The position taken as the lead after the group because the group ended the list when read (the {@code total}
     * then), or null. It holds only while the list has not grown: a lead created later at another instant comes after
     * the group, but one created at the group's own instant (a busy CRM creates several in one millisecond, one per
     * list call) joins the group there, so once leads arrived the group's upper end is unknown again until a read
     * shows what sits there.
     */
    private Long assumedEnd;
    private long lo = Long.MAX_VALUE;
    private long hi = Long.MIN_VALUE;
    private boolean disagreed;

    TiePositions(long total) {
        this.total = total;
    }

    /** The list's total at the latest read. */
    long total() {
        return total;
    }

    /**
     * A read of the frame saw {@code total} leads (at least the frame's: where positions count from the oldest lead,
     * arrivals do not move them). A group at an end of the list is bounded there: as if another lead sat just beyond
     * it (position -1, or the total, the latter only until the list grows: see {@link #assumedEnd}).
     */
    void read(long total) {
        if (assumedEnd != null && assumedEnd < total) {
            member.remove(assumedEnd); // leads arrived since: they may have joined the group there
            assumedEnd = null;
        }
        this.total = total;
    }

    /**
     * Notes the lead {@code id} at {@code position}.
     *
     * @return false when the lead contradicts the frame (a member where another lead was, or the other way round: the
     *         list shifted, not only the group's order), so the frame must start over
     */
    boolean note(String id, long position, boolean isMember) {
        Boolean before = member.get(position);
        if (before != null && before != isMember) {
            return false;
        }
        if (isMember && hasMembers() && otherBetween(position) || !isMember && position > lo && position < hi) {
            return false;
        }
        if (isMember && position == 0) {
            member.putIfAbsent(-1L, false);
        }
        if (isMember && position == total - 1 && !member.containsKey(total)) {
            member.put(total, false);
            assumedEnd = total;
        }
        if (isMember) {
            Long seenAt = positionOf.get(id);
            String there = idAt.get(position);
            if (seenAt != null && seenAt != position || there != null && !there.equals(id)) {
                disagreed = true;
            }
            positionOf.put(id, position);
            lo = Math.min(lo, position);
            hi = Math.max(hi, position);
        }
        idAt.put(position, id);
        member.put(position, isMember);
        return true;
    }

    /** True when another (non-member) lead was seen between the group's range and {@code position}. */
    private boolean otherBetween(long position) {
        long from = Math.min(position, lo);
        long to = Math.max(position, hi);
        return member.subMap(from, false, to, false).containsValue(Boolean.FALSE);
    }

    /** True when reads of this frame returned the group in different orders. */
    boolean disagreed() {
        return disagreed;
    }

    boolean hasMembers() {
        return lo <= hi;
    }

    long lo() {
        return lo;
    }

    long hi() {
        return hi;
    }

    /** The position of the nearest other lead below the group (-1 when it starts the list), or MIN_VALUE: unknown. */
    long lowerEnd() {
        if (!hasMembers()) {
            return Long.MIN_VALUE;
        }
        Long below = member.lowerKey(lo); // every lead seen below the lowest member is another lead
        return below == null ? Long.MIN_VALUE : below;
    }

    /** The position of the nearest other lead above the group (the total when it ends the list), or MAX_VALUE. */
    long upperEnd() {
        if (!hasMembers()) {
            return Long.MAX_VALUE;
        }
        Long above = member.higherKey(hi);
        return above == null ? Long.MAX_VALUE : above;
    }

    /** How many positions the group fills, or -1 while an end is unknown. */
    long span() {
        long lower = lowerEnd();
        long upper = upperEnd();
        return lower == Long.MIN_VALUE || upper == Long.MAX_VALUE ? -1 : upper - lower - 1;
    }
}
