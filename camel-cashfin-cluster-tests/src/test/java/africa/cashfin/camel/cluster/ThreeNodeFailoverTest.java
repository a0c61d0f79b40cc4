package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.benchmarks.FailoverCluster;
import africa.cashfin.camel.benchmarks.FailoverCluster.Kill;
import africa.cashfin.camel.benchmarks.FailoverCluster.Report;
import africa.cashfin.camel.simulator.RateLimitMode;

/**
 * The failover benchmark's scenario, small and in one JVM (three CamelContexts): three nodes under {@code master:}
 * on ZooKeeper with keys, cursor and call budget in PostgreSQL poll a Cashfin (sliding-window limits, jitter) whose
 * busy CRM inserts a lead before every page, while each node bulk-creates its own queue; the leader is stopped at
 * 10 % and at 30 % of the backfill, while the queues are still being created, and restarted. Every lead
 * (backfill, busy-CRM inserts and the nodes' own creates) is emitted exactly once across the cluster, and no node is
 * starved of the shared budget. Speed is the benchmark's business (docs/performance.md).
 */
class ThreeNodeFailoverTest {

    @Test
    void everyLeadOnceAcrossTheClusterAndNoNodeStarved() throws Exception {
        FailoverCluster.Settings settings = new FailoverCluster.Settings(1_500, 150, 10, 4, 20, 900, 0.02,
                RateLimitMode.SLIDING, Duration.ofMillis(10), 1,
                new double[] { 0.1, 0.3 }, Kill.GRACEFUL, false, Duration.ofMinutes(8));

        Report report = new FailoverCluster(settings, System.out::println).run();

        assertThat(report.kills()).hasSize(2);
        assertThat(report.leadsInCashfin()).as("backfill + busy-CRM inserts + 3 x 150 creates")
                .isGreaterThan(1_500 + 450);
        assertThat(report.emittedRows()).as("no lead emitted twice").isEqualTo(report.emittedDistinct());
        assertThat(report.missing()).as("no lead missed").isZero();
        assertThat(report.exactlyOnce()).isTrue();
        assertThat(report.createdByNode()).as("every node drained its queue").allSatisfy((node, n) -> assertThat(n)
                .isEqualTo(150));
        assertThat(report.sharesAllRunning()).as("while all compete, each node gets a fair share (1/3)")
                .allSatisfy((node, share) -> assertThat(share).isGreaterThan(0.15));
    }
}
