package africa.cashfin.camel.leads.scan;

import java.time.Instant;

/**
 * Oldest first, the leads read forward in one run, in list order: where the newest group of equal {@code createdat}
 * starts and where the group before it started, counted from the oldest lead. A group's start is known when the lead
 * before it was read in the same run (or it is the list's first). What a checkpoint's counts come from
 * ({@link PageReader.WalkPoint#older()}).
 */
final class GroupStarts {

    private long firstPosition = -1;
    private Instant last;
    private long lastStart = -1;
    private Instant before;
    private long beforeStart = -1;

    /** The next lead read forward. */
    void read(PageLeads.Positioned item) {
        Instant created = item.lead().getCreatedat();
        if (item.position() < 0) {
            return;
        }
        if (firstPosition < 0) {
            firstPosition = item.position();
        }
        if (last == null || created.isAfter(last)) {
            before = last;
            beforeStart = lastStart;
            last = created;
            lastStart = item.position() > firstPosition || item.position() == 0 ? item.position() : -1;
        }
    }

    /** Positions read so far may have moved (leads left before the read position), or the read starts further back. */
    void positionsMoved() {
        firstPosition = -1;
        last = null;
        lastStart = -1;
        before = null;
        beforeStart = -1;
    }

    /**
     * The point after the group before the newest one, with how many leads precede that group, or null when unknown
     * (one group read, or its start not read in this run).
     */
    PageReader.WalkPoint point(long total) {
        if (before == null || beforeStart < 0 || lastStart <= 0 || total < 0) {
            return null;
        }
        return new PageReader.WalkPoint(before, lastStart - 1, beforeStart, total);
    }
}
