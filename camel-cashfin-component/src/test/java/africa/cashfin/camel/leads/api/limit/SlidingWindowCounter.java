package africa.cashfin.camel.leads.api.limit;

import java.util.List;

/** Counts calls the way the strictest server does: in every span of a given length (a sliding log at arrival). */
final class SlidingWindowCounter {

    private SlidingWindowCounter() {
    }

    /**
     * @param  arrivalNanos the times the server saw the calls
     * @param  windowNanos  the window length
     * @return              the largest number of calls in any half-open span {@code [t, t + windowNanos)}
     */
    static long maxPerSpan(List<Long> arrivalNanos, long windowNanos) {
        long[] times = arrivalNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        long max = 0;
        int first = 0;
        for (int last = 0; last < times.length; last++) {
            while (times[last] - times[first] >= windowNanos) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }
}
