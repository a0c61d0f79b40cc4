package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.state.JdbcStateRepository;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * Two nodes run {@code master:cashfin-leads:cashfin-leads:list} under a ZooKeeper cluster service (a real ZooKeeper,
 * in-process: Curator's TestingServer) and share the delivered keys and the cursor on a real PostgreSQL
 * ({@code JdbcMessageIdRepository} of camel-sql and the component's {@code JdbcStateRepository}). The leader is
 * stopped in the middle of a backfill; the follower is elected and finishes it. Together they emit every lead exactly
 * once, and the follower leaves the cursor in PostgreSQL for whoever leads next.
 */
class ZooKeeperFailoverTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    @RegisterExtension
    static ZooKeeperServer zooKeeper = new ZooKeeperServer();

    @Test
    void followerIsElectedMidBackfillAndTogetherTheyEmitEveryLeadOnce() throws Exception {
        sim.seedLeads(400, 47);
        DataSource database = SharedPostgres.newDatabase();
        String uri = "master:cashfin-leads:cashfin-leads:list?plan=unlimited&delay=50&initialDelay=2000&limit=20"
                     + "&idempotentRepository=#leadIds&stateRepository=#leadCursor";

        ClusterNode first = node("node-1", database, uri);
        ClusterNode second = node("node-2", database, uri);
        // the first leader holds its 100th lead until its shutdown has begun: the stop lands mid-backfill
        CountDownLatch atHundred = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger firstLeads = new AtomicInteger();
        first.onLead = e -> {
            if (firstLeads.incrementAndGet() == 100) {
                atHundred.countDown();
                awaitQuietly(release);
            }
        };
        try {
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.delivered.size() >= 1);
            assertThat(first.isLeader("cashfin-leads")).isTrue();
            second.start();
            assertThat(second.isLeader("cashfin-leads")).isFalse();
            assertThat(atHundred.await(120, TimeUnit.SECONDS)).as("the leader reached its 100th lead").isTrue();
            assertThat(second.delivered).as("the follower polls nothing while the leader leads").isEmpty();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(first.context::stop);
            await().atMost(Duration.ofSeconds(60)).until(() -> first.context.isStopping() || first.context.isStopped());
            release.countDown();
            stopping.get(120, TimeUnit.SECONDS); // graceful: the lead in hand completes before the stop
            List<String> fromFirst = List.copyOf(first.delivered);
            assertThat(fromFirst).hasSizeBetween(99, 120);

            await().atMost(Duration.ofSeconds(120)).until(() -> fromFirst.size() + second.delivered.size() >= 400);
            assertThat(second.isLeader("cashfin-leads")).isTrue();
            List<String> all = new ArrayList<>(fromFirst);
            all.addAll(second.delivered);
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    sim.leads().stream().map(l -> (String) l.get("_id")).toList());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    new JdbcStateRepository(database).getState("cashfin-leads:list"))
                    .as("the cursor the next leader starts from").startsWith("v1;created=20"));

            // a lead created now is emitted once, by the new leader
            String late = (String) sim.addLead(Map.of("name", "Late Lead")).get("_id");
            await().atMost(Duration.ofSeconds(60)).until(() -> second.delivered.contains(late));
            assertThat(second.delivered).doesNotHaveDuplicates();
        } finally {
            release.countDown();
            first.close();
            second.close();
        }
    }

    private static ClusterNode node(String name, DataSource database, String uri) throws Exception {
        return zooKeeper.node(name, "/cashfin-test", sim, database, uri);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
    }
}
