package africa.cashfin.camel.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts create and list requests per {@link Endpoint} and {@link Outcome}. Admin calls are not counted. */
final class RequestCounters {

    private final LongAdder[][] counts = new LongAdder[Endpoint.values().length][Outcome.values().length];

    RequestCounters() {
        for (LongAdder[] row : counts) {
            for (int i = 0; i < row.length; i++) {
                row[i] = new LongAdder();
            }
        }
    }

    void record(Endpoint endpoint, Outcome outcome) {
        counts[endpoint.ordinal()][outcome.ordinal()].increment();
    }

    long count(Endpoint endpoint, Outcome outcome) {
        return counts[endpoint.ordinal()][outcome.ordinal()].sum();
    }

    long count(Endpoint endpoint) {
        long sum = 0;
        for (LongAdder a : counts[endpoint.ordinal()]) {
            sum += a.sum();
        }
        return sum;
    }

    long count(Outcome outcome) {
        long sum = 0;
        for (Endpoint e : Endpoint.values()) {
            sum += count(e, outcome);
        }
        return sum;
    }

    long total() {
        long sum = 0;
        for (Endpoint e : Endpoint.values()) {
            sum += count(e);
        }
        return sum;
    }

    void reset() {
        for (LongAdder[] row : counts) {
            for (LongAdder a : row) {
                a.reset();
            }
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Endpoint e : Endpoint.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Outcome o : Outcome.values()) {
                row.put(o.name().toLowerCase(Locale.ROOT), count(e, o));
            }
            row.put("total", count(e));
            m.put(e.name().toLowerCase(Locale.ROOT), row);
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            totals.put(o.name().toLowerCase(Locale.ROOT), count(o));
        }
        totals.put("total", total());
        m.put("totals", totals);
        return m;
    }
}
