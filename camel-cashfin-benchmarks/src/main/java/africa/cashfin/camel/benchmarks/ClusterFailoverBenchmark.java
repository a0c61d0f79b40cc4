package africa.cashfin.camel.benchmarks;

import java.time.Duration;
import java.util.Arrays;

import africa.cashfin.camel.leads.api.limit.RateLimits;
import africa.cashfin.camel.simulator.RateLimitMode;


/**
 * Issue 11's failover benchmark: three nodes, each in its own JVM, share one secret against the simulator with a busy
 * CRM; they poll under {@code master:} on ZooKeeper with keys, cursor and call budget in PostgreSQL, and each
 * bulk-creates its own queue at the same time; the leader is stopped twice mid-backfill and restarted. Prints
 * whether every lead was emitted exactly once, the combined call rate against the plan, the 429s and each node's
 * share of the creates. Options: {@code --backfill 10000 --queue 1000 --batch 50 --concurrency 8 --per-second 25
 * --per-minute 1000 --margin 0.02 --window sliding|fixed --jitter-ms 20 --busy-crm 1 --kill graceful|hard
 * --kill-at 0.3,0.6 --jvms separate|one --timeout-min 30 --create-options &budgetReserve=0.87
 * --consumer-options &budgetReserve=0.03 --consumer-throttle 50} (extra options of every node's create and consumer
 * endpoints; leads per second the consumer route lets through, Camel's throttle EIP). The chaos run adds
 * {@code --faults zk-expiry@0.15,5xx@0.3,429@0.45,pg-stall@0.6,sigkill@0.75,plan@0.9} ({@link ScheduledFault}; use
 * {@code --kill-at none} to leave out the plain leader stops). Not a test.
 */
public final class ClusterFailoverBenchmark {

    private ClusterFailoverBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(args);
        FailoverCluster.Settings settings = new FailoverCluster.Settings(options.getInt("--backfill", 10_000),
                options.getInt("--queue", 1_000), options.getInt("--batch", 50), options.getInt("--concurrency", 8),
                options.getInt("--per-second", 25),
                options.getInt("--per-minute", 1_000), options.getDouble("--margin", RateLimits.DEFAULT_MARGIN),
                RateLimitMode.parse(options.get("--window", "sliding")),
                Duration.ofMillis(options.getInt("--jitter-ms", 20)), options.getInt("--busy-crm", 1),
                Arrays.stream(options.get("--kill-at", "0.3,0.6").split(",")).filter(t -> !t.isBlank() && !t.equals("none"))
                        .mapToDouble(Double::parseDouble)
                        .toArray(),
                FailoverCluster.Kill.valueOf(options.get("--kill", "graceful").toUpperCase()),
                !options.get("--jvms", "separate").equals("one"),
                Duration.ofMinutes(options.getInt("--timeout-min", 30)), options.get("--create-options", ""),
                options.get("--consumer-options", ""), options.getInt("--consumer-throttle", 0),
                ScheduledFault.parse(options.get("--faults", "")));
        System.out.printf("Cluster failover: backfill %d leads, 3 nodes x %d creates (batches of %d, %d at a time),"
                          + " plan %d/s %d/min (%s windows, jitter up to %d ms), margin %.2f,"
                          + " busy CRM %d leads/page, %s stop of the leader at %s of the backfill, %s JVMs, %d cores,"
                          + " Java %s%n", settings.backfill(), settings.queuePerNode(), settings.batch(),
                settings.createConcurrency(), settings.perSecond(), settings.perMinute(), settings.window(),
                settings.jitter().toMillis(), settings.margin(), settings.busyCrmPerPage(), settings.kill(),
                Arrays.toString(settings.killAt()), settings.separateJvms() ? "separate" : "one",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (!settings.faults().isEmpty()) {
            System.out.println("Faults: " + settings.faults());
        }
        if (!settings.createOptions().isEmpty() || !settings.consumerOptions().isEmpty()
            || settings.consumerThrottle() > 0) {
            System.out.printf("Endpoint options: create '%s', consumer '%s'; consumer route throttled to %s leads/s%n",
                    settings.createOptions(), settings.consumerOptions(),
                    settings.consumerThrottle() > 0 ? settings.consumerThrottle() : "no limit of");
        }
        long start = System.nanoTime();
        FailoverCluster.Report report = new FailoverCluster(settings, line -> System.out.println("  " + line)).run();
        System.out.printf("Done in %.0f s%n", (System.nanoTime() - start) / 1e9);
        System.out.printf("RESULT exactly once: %s (leads in Cashfin %d, emitted %d, distinct %d, missing %d)%n",
                report.exactlyOnce(), report.leadsInCashfin(), report.emittedRows(), report.emittedDistinct(),
                report.missing());
        System.out.printf("RESULT leaders stopped: %s%n", report.kills());
        System.out.printf("RESULT calls %.2f/s = %.1f %% of the plan's %.2f/s (creates %.2f/s = %.1f %%) over %.0f s;"
                          + " 429s: %d%n", report.callRate(), 100 * report.callRate() / report.planRate(),
                report.planRate(), report.createRate(), 100 * report.createRate() / report.planRate(),
                report.seconds(), report.rateLimited());
        System.out.printf("RESULT creates per node %s; shares while all three ran %s%n", report.createdByNode(),
                report.sharesAllRunning());
        if (!settings.faults().isEmpty()) {
            report.faults().forEach(f -> System.out.println("RESULT fault " + f));
            System.out.printf("RESULT chaos: leads lost %d; emitted twice %d (documented bound %d); 429s %d (%d injected,"
                              + " %d from the limits); calls %.1f %% of the plan; longest stall of a node's creates"
                              + " %.1f s%n", report.missing(), report.duplicates(), report.duplicateBound(),
                    report.rateLimited(), report.injected429(), report.rateLimited() - report.injected429(),
                    100 * report.callRate() / report.planRate(), report.longestStallSeconds());
        }
    }
}
