package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * A graceful stop of the leader while its route is slow on a lead, with the next leader polling at once
 * ({@code initialDelay=0}): camel-master's MasterConsumer stops the route's processor before it releases the
 * leadership and stops the consumer it wraps, so the lead in hand failed at its end, was not recorded, and the new
 * leader emitted it a second time. The consumer now drains when the CamelContext begins to stop: the lead in hand is
 * done and recorded before the leadership moves, and every lead arrives once.
 */
class GracefulHandoverTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    @RegisterExtension
    static ZooKeeperServer zooKeeper = new ZooKeeperServer();

    @Test
    void theLeadInHandIsDoneBeforeTheNextLeaderPollsEvenWithNoInitialDelay() throws Exception {
        sim.seedLeads(60, 11);
        DataSource database = SharedPostgres.newDatabase();
        String uri = "master:cashfin-leads:cashfin-leads:list?plan=unlimited&delay=50&initialDelay=0&limit=20"
                     + "&idempotentRepository=#leadIds&stateRepository=#leadCursor";
        ClusterNode first = node("node-1", database, uri);
        ClusterNode second = node("node-2", database, uri);
        // the leader's route is slow on its 10th lead: it holds it until the other node has emitted something (which
        // is what a premature handover looks like) or five seconds have passed, whichever comes first
        CountDownLatch inHand = new CountDownLatch(1);
        AtomicReference<String> leadInHand = new AtomicReference<>();
        AtomicInteger firstLeads = new AtomicInteger();
        AtomicInteger secondDeliveredWhileHeld = new AtomicInteger(-1);
        first.onLead = e -> {
            if (firstLeads.incrementAndGet() == 10) {
                leadInHand.set(e.getMessage().getBody(Lead.class).getId());
                inHand.countDown();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> first.context.isStopping() || first.context.isStopped());
                try {
                    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                            .until(() -> !second.delivered.isEmpty());
                } catch (org.awaitility.core.ConditionTimeoutException expected) {
                    // the handover waited for this lead, as it should
                }
                secondDeliveredWhileHeld.set(second.delivered.size());
            }
        };
        try {
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.isLeader("cashfin-leads"));
            second.start();
            assertThat(inHand.await(60, TimeUnit.SECONDS)).as("the leader has its 10th lead in hand").isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(first.context::stop);
            stopping.get(120, TimeUnit.SECONDS);

            assertThat(secondDeliveredWhileHeld.get()).as("leads the next leader emitted while the lead was in hand")
                    .isZero();
            assertThat(first.delivered).as("the lead in hand completed on the old leader").contains(leadInHand.get());
            await().atMost(Duration.ofSeconds(120)).until(() -> first.delivered.size() + second.delivered.size() >= 60);
            List<String> all = new ArrayList<>(first.delivered);
            all.addAll(second.delivered);
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    sim.leads().stream().map(l -> (String) l.get("_id")).toList());
            assertThat(second.isLeader("cashfin-leads")).isTrue();
        } finally {
            first.close();
            second.close();
        }
    }

    private static ClusterNode node(String name, DataSource database, String uri) throws Exception {
        return zooKeeper.node(name, "/cashfin-handover", sim, database, uri);
    }
}
