package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * Two nodes (CamelContexts) run {@code master:leads:cashfin-leads:list} under a file-lock cluster service and share
 * a JDBC idempotent repository (H2 file database). The leader is stopped in the middle of a backfill; the follower
 * takes over. Together they emit every lead exactly once.
 */
class ConsumerClusterFailoverTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    @TempDir
    Path lockDir;

    @Test
    void followerTakesOverMidBackfillAndTogetherTheyEmitEveryLeadOnce() throws Exception {
        sim.seedLeads(400, 43);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:./target/cluster-h2/" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        String uri = "master:cashfin-leads:cashfin-leads:list?delay=50&initialDelay=2000&limit=20&idempotentRepository=#seen";

        ConsumerHarness leader = node(dataSource, uri);
        ConsumerHarness follower = node(dataSource, uri);
        // the leader holds its 100th lead until its shutdown has begun: the stop lands mid-backfill on any machine
        CountDownLatch atHundred = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger leaderLeads = new AtomicInteger();
        leader.onLead = e -> {
            if (leaderLeads.incrementAndGet() == 100) {
                atHundred.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while held", ie);
                }
            }
        };
        try {
            leader.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> leader.deliveredIds().size() >= 1);
            follower.start();
            assertThat(atHundred.await(120, TimeUnit.SECONDS)).as("leader reached its 100th lead").isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(leader.context::stop);
            await().atMost(Duration.ofSeconds(60)).until(() -> leader.context.isStopping() || leader.context.isStopped());
            release.countDown();
            stopping.get(120, TimeUnit.SECONDS); // graceful: the lead in hand completes (or fails) before the stop
            List<String> fromLeader = new ArrayList<>(leader.deliveredIds());
            assertThat(fromLeader).hasSizeBetween(99, 120);

            await().atMost(Duration.ofSeconds(120))
                    .until(() -> fromLeader.size() + follower.deliveredIds().size() >= 400);
            List<String> all = new ArrayList<>(fromLeader);
            all.addAll(follower.deliveredIds());
            assertThat(follower.deliveredIds()).isNotEmpty();
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    sim.leads().stream().map(l -> (String) l.get("_id")).toList());
        } finally {
            leader.close();
            follower.close();
        }
    }

    private ConsumerHarness node(DataSource dataSource, String uri) throws Exception {
        JdbcMessageIdRepository seen = new JdbcMessageIdRepository(dataSource, "cashfin-leads-sync");
        ConsumerHarness node = new ConsumerHarness(sim, uri, Map.of("seen", seen), false);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setRoot(lockDir.toString());
        cluster.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        node.context.addService(cluster);
        return node;
    }
}
