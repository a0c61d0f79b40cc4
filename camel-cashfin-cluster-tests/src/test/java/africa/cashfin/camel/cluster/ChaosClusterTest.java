package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.benchmarks.FailoverCluster;
import africa.cashfin.camel.benchmarks.FailoverCluster.Kill;
import africa.cashfin.camel.benchmarks.FailoverCluster.Report;
import africa.cashfin.camel.benchmarks.ScheduledFault;
import africa.cashfin.camel.simulator.RateLimitMode;

/**
 * The chaos run of docs/performance.md, small and in one JVM: three nodes under {@code master:} on ZooKeeper with
 * keys, cursor, call budget and log of sends in PostgreSQL poll a busy Cashfin (sliding windows, jitter) and
 * bulk-create their queues while, on a schedule, the leader's ZooKeeper session expires mid-poll, a burst of 503s and
 * a storm of 429s hit, PostgreSQL stalls 10 s (the shared log's advisory locks held by another connection) and
 * restarts, and the plan changes (server first, then every node restarted with it). Nothing is lost, and no lead
 * comes more often than the documented bound allows (docs/cluster.md: the lead in hand per stale leader, the crash
 * window per database restart). The SIGKILL needs separate JVMs: it is in the benchmark only.
 */
class ChaosClusterTest {

    @Test
    void nothingLostAndDuplicatesWithinTheBoundUnderScheduledFaults() throws Exception {
        FailoverCluster.Settings settings = new FailoverCluster.Settings(400, 60, 10, 4, 20, 900, 0.02,
                RateLimitMode.SLIDING, Duration.ofMillis(10), 1, new double[0], Kill.GRACEFUL, false,
                Duration.ofMinutes(6), "", "", 0,
                ScheduledFault.parse("zk-expiry@0.1,5xx@0.25,429@0.35,pg-stall@0.5,plan@0.7"));

        Report report = new FailoverCluster(settings, System.out::println).run();

        report.faults().forEach(f -> System.out.println("fault " + f));
        System.out.printf("lost %d, twice %d (bound %d), 429s %d (%d injected), longest stall %.1f s%n",
                report.missing(), report.duplicates(), report.duplicateBound(), report.rateLimited(),
                report.injected429(), report.longestStallSeconds());
        assertThat(report.faults()).as("every fault applied").hasSize(5);
        assertThat(report.missing()).as("no lead lost").isZero();
        assertThat(report.emittedDistinct()).isEqualTo(report.leadsInCashfin());
        assertThat(report.duplicates()).as("emitted twice, within the documented bound")
                .isLessThanOrEqualTo(report.duplicateBound());
        assertThat(report.createdByNode()).as("every node drained its queue").allSatisfy((node, n) -> assertThat(n)
                .isEqualTo(60));
    }
}
