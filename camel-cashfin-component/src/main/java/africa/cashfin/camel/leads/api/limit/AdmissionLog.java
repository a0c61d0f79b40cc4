package africa.cashfin.camel.leads.api.limit;

/**
 * A sliding log of the times at which the limiter let calls go, for one window: it keeps any span of the window plus
 * a jitter allowance to at most {@code limit} calls. This is the strictest reading of a server's limit (a sliding
 * window counted when requests arrive), applied to the moments the calls actually left, so that a caller that woke up
 * late cannot bunch calls. Not thread-safe: the limiter guards it.
 */
final class AdmissionLog {

    /** Windows with a larger limit are not logged (the memory would not pay off): pacing alone keeps them. */
    static final long MAX_LOGGED_LIMIT = 100_000;

    private final long[] times;
    private final long windowNanos;
    private int oldest;
    private int size;

    /**
     * @param limit       the server's limit in the window (at most {@link #MAX_LOGGED_LIMIT})
     * @param windowNanos the window's length
     */
    AdmissionLog(long limit, long windowNanos) {
        if (limit < 1 || limit > MAX_LOGGED_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LOGGED_LIMIT + ", but was " + limit);
        }
        this.times = new long[(int) limit];
        this.windowNanos = windowNanos;
    }

    /**
     * @param  jitterNanos the jitter allowance added to the window
     * @return             0 when a call may go at {@code now} without putting {@code limit + 1} calls into one span
     *                     of the window plus the allowance; else how long to wait until it may
     */
    long waitBefore(long now, long jitterNanos) {
        if (size < times.length) {
            return 0;
        }
        return Math.max(0, times[oldest] + windowNanos + jitterNanos - now);
    }

    /** Records a call that goes at {@code now} (times must not go backwards). */
    void record(long now) {
        if (size < times.length) {
            times[(oldest + size) % times.length] = now;
            size++;
        } else {
            times[oldest] = now;
            oldest = (oldest + 1) % times.length;
        }
    }

    /** @return how many of the logged calls went after {@code since} */
    long countAfter(long since) {
        long count = 0;
        for (int i = 0; i < size; i++) {
            if (times[(oldest + i) % times.length] > since) {
                count++;
            }
        }
        return count;
    }

    /** @return the server's limit this log keeps */
    long limit() {
        return times.length;
    }

    /** @return the window's length */
    long windowNanos() {
        return windowNanos;
    }
}
