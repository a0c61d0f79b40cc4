package africa.cashfin.camel.leads.api.limit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts calls the way a server does: in fixed windows of a given length starting at a given phase. */
final class FixedWindowCounter {

    private FixedWindowCounter() {
    }

    /**
     * @param  callNanos    the times the server saw the calls
     * @param  windowNanos  the window length
     * @param  phaseNanos   where the server's windows start, relative to time zero
     * @return              the largest number of calls any one window saw
     */
    static long maxPerWindow(List<Long> callNanos, long windowNanos, long phaseNanos) {
        Map<Long, Long> counts = new HashMap<>();
        for (long t : callNanos) {
            counts.merge(Math.floorDiv(t - phaseNanos, windowNanos), 1L, Long::sum);
        }
        return counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
