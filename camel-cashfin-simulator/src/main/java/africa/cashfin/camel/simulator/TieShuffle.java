package africa.cashfin.camel.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Ties returned in a random order: leads sharing one {@code createdat} come back shuffled, afresh for every list
 * request, as a database may return them under skip/limit when the sort key is not unique (MongoDB does not promise a
 * stable order for equal sort keys). Each list request draws its own shuffle from one {@link Random} seeded once, so
 * the same sequence of requests gives the same orders. Thread-safe.
 */
final class TieShuffle {

    /** Ties ordered by {@code _id}, stable across requests (the default). */
    static final TieShuffle STABLE = new TieShuffle(false, 0);

    private final boolean on;
    private final long seed;
    private final Random random;

    private TieShuffle(boolean on, long seed) {
        this.on = on;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** @return ties shuffled per request, from {@code seed} */
    static TieShuffle seeded(long seed) {
        return new TieShuffle(true, seed);
    }

    /** @return the same setting with its random sequence started again from the seed */
    TieShuffle restarted() {
        return on ? seeded(seed) : STABLE;
    }

    /** @return the random order of one list request's tie groups, or null when ties are stable */
    Random forRequest() {
        if (!on) {
            return null;
        }
        synchronized (random) {
            return new Random(random.nextLong());
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("order", on ? "shuffled" : "stable");
        m.put("seed", on ? seed : null);
        return m;
    }
}
