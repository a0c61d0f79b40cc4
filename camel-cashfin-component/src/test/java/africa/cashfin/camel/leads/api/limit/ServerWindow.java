package africa.cashfin.camel.leads.api.limit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One rate window counted the way a server counts it: in fixed windows of a length starting at a phase, or in every
 * span of that length at arrival (the strictest server's sliding log). The same counting serves a server admitting
 * call by call ({@link #count}, {@link #resetAfter}, as {@link CallRateLimiterProperties}' server does) and a check
 * after the fact of the calls a test made ({@link #max}).
 * <p>
 * Call times are in nanoseconds; the lists passed to {@link #count} and {@link #resetAfter} are sorted (oldest first).
 */
final class ServerWindow {

    private final long lengthNanos;
    private final long phaseNanos;
    private final boolean everySpan;

    private ServerWindow(long lengthNanos, long phaseNanos, boolean everySpan) {
        this.lengthNanos = lengthNanos;
        this.phaseNanos = phaseNanos;
        this.everySpan = everySpan;
    }

    /** Fixed windows of {@code lengthNanos} starting at {@code phaseNanos} (relative to time zero). */
    static ServerWindow fixed(long lengthNanos, long phaseNanos) {
        return new ServerWindow(lengthNanos, phaseNanos, false);
    }

    /** Every span of {@code lengthNanos}: a call at {@code t} counts the calls in {@code (t - length, t]}. */
    static ServerWindow everySpan(long lengthNanos) {
        return new ServerWindow(lengthNanos, 0, true);
    }

    /**
     * @return the calls of {@code sorted} the window counting {@code t} holds up to {@code t}: {@code [start, t]} of
     *         its fixed window, or {@code (t - length, t]}
     */
    long count(List<Long> sorted, long t) {
        long from = everySpan ? t - lengthNanos : start(t) - 1;
        return countAtOrBefore(sorted, t) - countAtOrBefore(sorted, from);
    }

    /** @return when the window counting {@code t} lets a call in again (the reset a server's headers give) */
    long resetAfter(List<Long> sorted, long t) {
        if (!everySpan) {
            return start(t) + lengthNanos;
        }
        int first = countAtOrBefore(sorted, t - lengthNanos); // the oldest call in (t - length, t] leaves it first
        return first < sorted.size() && sorted.get(first) <= t ? sorted.get(first) + lengthNanos : t;
    }

    /** @return the most calls any one window (or span) saw: the count at the newest call of the fullest */
    long max(List<Long> callNanos) {
        List<Long> sorted = new ArrayList<>(callNanos);
        Collections.sort(sorted);
        long max = 0;
        for (long t : sorted) {
            max = Math.max(max, count(sorted, t));
        }
        return max;
    }

    private long start(long t) {
        return Math.floorDiv(t - phaseNanos, lengthNanos) * lengthNanos + phaseNanos;
    }

    /** The number of calls at or before {@code t} (binary search). */
    private static int countAtOrBefore(List<Long> sorted, long t) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted.get(mid) <= t) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
