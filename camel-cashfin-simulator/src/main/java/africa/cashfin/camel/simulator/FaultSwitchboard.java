package africa.cashfin.camel.simulator;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decides which requests fail on purpose: queued "fail next N" failures before or after processing, and a seeded
 * random failure rate. Thread-safe.
 */
final class FaultSwitchboard {

    private final List<InjectedFailure> before = new ArrayList<>();
    private final List<InjectedFailure> after = new ArrayList<>();
    private double randomRate;
    private Random random = new Random(0);

    synchronized void failNext(InjectedFailure failure, boolean afterProcessing) {
        (afterProcessing ? after : before).add(failure);
    }

    synchronized void randomFailures(double rate, long seed) {
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("Random failure rate must be between 0.0 and 1.0, got " + rate);
        }
        this.randomRate = rate;
        this.random = new Random(seed);
    }

    /** @return the failure to apply before processing this request, or null */
    synchronized InjectedFailure takeBefore(Endpoint endpoint) {
        InjectedFailure f = take(before, endpoint);
        if (f == null && randomRate > 0 && random.nextDouble() < randomRate) {
            return new InjectedFailure(1, endpoint, 500, null);
        }
        return f;
    }

    /** @return the failure to apply after successfully processing this request, or null */
    synchronized InjectedFailure takeAfter(Endpoint endpoint) {
        return take(after, endpoint);
    }

    private static InjectedFailure take(List<InjectedFailure> queue, Endpoint endpoint) {
        for (Iterator<InjectedFailure> it = queue.iterator(); it.hasNext(); ) {
            InjectedFailure f = it.next();
            if (f.appliesTo(endpoint)) {
                f.remaining--;
                if (f.remaining <= 0) {
                    it.remove();
                }
                return f;
            }
        }
        return null;
    }

    synchronized void reset() {
        before.clear();
        after.clear();
        randomRate = 0;
        random = new Random(0);
    }

    synchronized Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> b = new ArrayList<>();
        before.forEach(f -> b.add(f.describe()));
        List<Object> a = new ArrayList<>();
        after.forEach(f -> a.add(f.describe()));
        m.put("failNext", b);
        m.put("failNextAfterProcessing", a);
        m.put("randomFailureRate", randomRate);
        return m;
    }

    static Fault parseFault(String name) {
        try {
            return Fault.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown fault '" + name + "': use one of "
                    + java.util.Arrays.toString(Fault.values()));
        }
    }
}
