package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * A node under {@code master:} loses the leadership and regains it. Camel's master consumer stops (and shuts down) the
 * delegated {@code cashfin-leads} endpoint when the leadership goes and starts it again when it comes back: the
 * consumer must go on from where it was (cursor and default seen store kept), not start over.
 */
class ConsumerLeadershipTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    static final String NAMESPACE = "leads";

    @TempDir
    Path dir;

    @Test
    void withTheDefaultRepositoryARegainedLeaderEmitsOnlyTheNewLeads() throws Exception {
        sim.seedLeads(120, 51);
        // each (re)start of the delegated consumer polls at once, then waits an hour: one poll per leadership term
        String uri = "master:" + NAMESPACE + ":cashfin-leads:list?initialDelay=0&delay=1h&limit=50";
        try (ConsumerHarness h = node(uri, Map.of())) {
            h.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> h.deliveredIds().size() == 120);

            List<String> inserted = loseAndRegainLeadership(h, 5);

            await().atMost(Duration.ofSeconds(60)).until(() -> h.deliveredIds().size() >= 125);
            assertThat(h.deliveredIds()).as("nothing emitted twice after the leadership came back")
                    .doesNotHaveDuplicates().hasSize(125).endsWith(inserted.toArray(String[]::new));
        }
    }

    @Test
    void withAPersistentRepositoryARegainedLeaderPollsIncrementallyNotAVerificationScan() throws Exception {
        sim.seedLeads(250, 53);
        String uri = "master:" + NAMESPACE + ":cashfin-leads:list?initialDelay=0&delay=1h&limit=50"
                     + "&idempotentRepository=#seen";
        IdempotentRepository seen = FileIdempotentRepository.fileIdempotentRepository(dir.resolve("seen.dat").toFile(),
                10_000);
        try (ConsumerHarness h = node(uri, Map.of("seen", seen))) {
            h.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> h.deliveredIds().size() == 250);
            // the marker key is written when the backfill's scan completed (its cursor is then set)
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("cashfin-scan:started:cashfin-leads:list"));

            long before = sim.listCalls();
            List<String> inserted = loseAndRegainLeadership(h, 3);

            await().atMost(Duration.ofSeconds(60)).until(() -> h.deliveredIds().size() >= 253);
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(253).endsWith(inserted.toArray(String[]::new));
            assertThat(sim.listCalls() - before)
                    .as("the first poll after regaining the leadership is incremental (page 1 holds the new leads and"
                        + " the window's edge), not a verification scan of all 6 pages")
                    .isEqualTo(1);
        }
    }

    /** Stops the view (the node leaves the leadership), inserts leads, starts the view again (it is leader again). */
    private List<String> loseAndRegainLeadership(ConsumerHarness h, int newLeads) throws Exception {
        FileLockClusterService cluster = h.context.hasService(FileLockClusterService.class);
        cluster.stopView(NAMESPACE);
        await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.isLeader(NAMESPACE));
        List<String> inserted = sim.insertLeads(newLeads).stream().map(l -> (String) l.get("_id")).toList();
        cluster.startView(NAMESPACE);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.isLeader(NAMESPACE));
        return inserted;
    }

    private ConsumerHarness node(String uri, Map<String, Object> beans) throws Exception {
        ConsumerHarness node = new ConsumerHarness(sim, uri, beans, false);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setRoot(dir.resolve("locks").toString());
        cluster.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        node.context.addService(cluster);
        return node;
    }
}
