package africa.cashfin.camel.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * CRM users working leads while a client lists them: before each list request, {@code rate} leads on average (the
 * whole part every time, the fraction as a chance) move one step along the pipeline (see
 * {@link LeadStore#advanceRandomLeads}), picked uniformly at random among the leads not yet converted or lost. Seeded;
 * thread-safe.
 */
final class Churn {

    /** No churn. */
    static final Churn OFF = new Churn(0, 0);

    private final double rate;
    private final long seed;
    private final Random random;

    private Churn(double rate, long seed) {
        this.rate = rate;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /**
     * @param rate status changes per list request on average, 0 to 100; 0 turns it off
     * @param seed random seed of which leads change
     * @return the churn
     */
    static Churn of(double rate, long seed) {
        if (Double.isNaN(rate) || rate < 0 || rate > 100) {
            throw new IllegalArgumentException("Churn rate must be between 0 and 100 status changes per list request,"
                    + " got " + rate);
        }
        return rate == 0 ? OFF : new Churn(rate, seed);
    }

    /** @return the same rate with its random sequence started again from the seed */
    Churn restarted() {
        return rate == 0 ? OFF : new Churn(rate, seed);
    }

    /** Makes this list request's status changes in {@code store}. */
    void beforeList(LeadStore store) {
        if (rate == 0) {
            return;
        }
        synchronized (random) {
            int changes = (int) rate + (random.nextDouble() < rate - (int) rate ? 1 : 0);
            if (changes > 0) {
                store.advanceRandomLeads(changes, random);
            }
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", rate);
        m.put("seed", seed);
        return m;
    }
}
