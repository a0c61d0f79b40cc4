package africa.cashfin.camel.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One fault of the chaos run and when it strikes: at a fraction of the backfill emitted (like the failover's kills).
 * Written {@code zk-expiry@0.15,5xx@0.3,429@0.45,pg-stall@0.6,sigkill@0.75,plan@0.9}.
 *
 * @param fault what happens
 * @param at    fraction of the backfill emitted when it happens
 */
public record ScheduledFault(Fault fault, double at) {

    /** The faults of the chaos run. */
    public enum Fault {
        /**
         * The leader's ZooKeeper session expires mid-poll: its JVM is frozen (SIGSTOP) longer than the session timeout
         * and then resumes (SIGCONT), as after a long GC pause; in one JVM, Curator's KillSession.
         */
        ZK_EXPIRY("zk-expiry"),
        /** A burst of 503s (with {@code Retry-After: 1}) on the next 10 calls. */
        SERVER_ERRORS("5xx"),
        /** A storm of 429s (with {@code Retry-After: 1}) on the next 20 calls. */
        RATE_LIMIT_STORM("429"),
        /**
         * PostgreSQL stalls 10 s (another connection holds the shared log's advisory locks), then restarts (every
         * connection drops, the server is down for a few seconds).
         */
        PG_STALL("pg-stall"),
        /** The leader is SIGKILLed mid-poll (separate JVMs only) and started again. */
        SIGKILL("sigkill"),
        /** The plan is upgraded by a fifth: the server's limits, then every node stopped and started with it. */
        PLAN_CHANGE("plan");

        private final String label;

        Fault(String label) {
            this.label = label;
        }

        /** @return the name used in the option */
        public String label() {
            return label;
        }

        static Fault parse(String label) {
            for (Fault f : values()) {
                if (f.label.equals(label.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown fault '" + label + "'; use zk-expiry, 5xx, 429, pg-stall,"
                                               + " sigkill or plan");
        }
    }

    /** @return the faults of a spec such as {@code zk-expiry@0.15,5xx@0.3}, in order; none for "" */
    public static List<ScheduledFault> parse(String spec) {
        List<ScheduledFault> faults = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] fault = part.split("@");
            if (fault.length != 2) {
                throw new IllegalArgumentException("fault '" + part + "' must be name@fraction, e.g. 5xx@0.3");
            }
            faults.add(new ScheduledFault(Fault.parse(fault[0]), Double.parseDouble(fault[1])));
        }
        faults.sort((a, b) -> Double.compare(a.at, b.at));
        return faults;
    }

    @Override
    public String toString() {
        return fault.label + "@" + at;
    }
}
