package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.Exchange;
import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.state.JdbcStateRepository;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The leader's ZooKeeper session expires mid-poll (Curator's KillSession) while its route has a lead in hand, the last
 * of a page of its backfill; the other node is elected and polls the whole list with the cursor in PostgreSQL. When
 * the old leader's lead completes, it writes the checkpoint of its walk: that stale write is refused (the new leader
 * claimed a newer leadership epoch), so the cursor stays the new leader's; every lead is emitted, and only the lead in
 * hand twice. Before the epochs the stale checkpoint replaced the new leader's cursor (moved it back to the old
 * leader's second page).
 */
class StaleLeaderZooKeeperTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    @RegisterExtension
    static ZooKeeperServer zooKeeper = new ZooKeeperServer();

    static final String KEY = "cashfin-leads:list";

    @Test
    void theStaleLeadersCursorWriteIsRefusedAndOnlyTheLeadInHandComesTwice() throws Exception {
        sim.seedLeads(60, 23);
        DataSource database = SharedPostgres.newDatabase();
        // one poll per leadership term: the new leader's one scan, then its cursor stays put for the assertions
        String uri = "master:cashfin-leads:cashfin-leads:list?plan=unlimited&delay=60000&initialDelay=0&limit=10"
                     + "&idempotentRepository=#leadIds&stateRepository=#leadCursor";
        ClusterNode first = zooKeeper.node("node-1", "/cashfin-stale", sim, database, uri,
                RefusalRecordingStateRepository::new);
        RefusalRecordingStateRepository cursorOfFirst = first.context.getRegistry()
                .lookupByNameAndType("leadCursor", RefusalRecordingStateRepository.class);
        ClusterNode second = zooKeeper.node("node-2", "/cashfin-stale", sim, database, uri);
        // the test's own reader polls the cursor every 50 ms while the lead is in hand: a pool of its own too
        HikariDataSource readerPool = SharedPostgres.pool(database, "reader");
        JdbcStateRepository reader = new JdbcStateRepository(readerPool);
        AtomicInteger pagesEnded = new AtomicInteger();
        AtomicReference<String> leadInHand = new AtomicReference<>();
        AtomicReference<String> cursorOfSecond = new AtomicReference<>();
        first.onLead = e -> {
            if (Boolean.TRUE.equals(e.getProperty(Exchange.BATCH_COMPLETE, Boolean.class))
                && pagesEnded.incrementAndGet() == 2) {
                leadInHand.set(e.getMessage().getBody(Lead.class).getId());
                try {
                    KillSession.kill(ZooKeeperServer.zooKeeperClientOf(first));
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                // the lead stays in hand until the other node has led a whole scan and saved its cursor
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    String saved = reader.getState(KEY);
                    return second.delivered.size() == 60 - first.delivered.size() && saved != null
                           && !saved.contains("resume=");
                });
                cursorOfSecond.set(reader.getState(KEY));
            }
        };
        try {
            reader.start();
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.isLeader("cashfin-leads"));
            second.start();

            await().atMost(Duration.ofSeconds(120)).until(() -> !cursorOfFirst.refused.isEmpty());

            assertThat(second.isLeader("cashfin-leads")).isTrue();
            assertThat(reader.getState(KEY)).as("the cursor is still the new leader's").isEqualTo(cursorOfSecond.get());
            assertThat(cursorOfFirst.refused.get(0)).as("the refused write was the old leader's checkpoint")
                    .contains("resume=");
            List<String> all = new ArrayList<>(first.delivered);
            all.addAll(second.delivered);
            List<String> expected = new ArrayList<>(sim.leads().stream().map(l -> (String) l.get("_id")).toList());
            expected.add(leadInHand.get());
            assertThat(all).as("every lead once, the lead in hand twice").containsExactlyInAnyOrderElementsOf(expected);
            assertThat(first.delivered).hasSize(20).endsWith(leadInHand.get());
        } finally {
            first.close();
            second.close();
            reader.stop();
            readerPool.close();
        }
    }

    /** The node's JdbcStateRepository, recording the cursor writes it refused. */
    static final class RefusalRecordingStateRepository extends JdbcStateRepository {

        final List<String> refused = new CopyOnWriteArrayList<>();

        RefusalRecordingStateRepository(DataSource database) {
            super(database);
        }

        @Override
        public boolean setStateIfEpoch(String key, String value, long epoch) {
            boolean written = super.setStateIfEpoch(key, value, epoch);
            if (!written) {
                refused.add(value);
            }
            return written;
        }
    }
}
