package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.state.JdbcStateRepository;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * A stale leader: node A is mid-poll (a lead in its route) when node B starts polling the same list with the same
 * repositories, and A is never told (no {@code master:} here, as when a ZooKeeper session expires unnoticed). B's start
 * claims a newer leadership epoch; A hands no further lead to its route, its cursor write is refused with one WARN
 * line, its later polls make no call; only the lead A had in hand can come twice. Before the epochs, A went on
 * emitting the rest of its page (leads B emitted too) and wrote its cursor over B's.
 */
class StaleLeaderFencingTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    static final String URI = "cashfin-leads:list?startScheduler=false&limit=20&idempotentRepository=#seen"
                              + "&stateRepository=#cursor";

    @ParameterizedTest
    @ValueSource(strings = { "jdbc", "memory" })
    void aStaleLeaderStopsAfterTheLeadInHandAndCannotMoveTheCursor(String store) throws Exception {
        sim.seedLeads(100, 77);
        StateRepository<String, String> cursor = cursorStore(store);
        IdempotentRepository seen = MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
        Map<String, Object> beans = Map.of("seen", seen, "cursor", cursor);
        AtomicReference<String> leadInHand = new AtomicReference<>();
        AtomicReference<String> cursorOfB = new AtomicReference<>();
        AtomicInteger leadsOfA = new AtomicInteger();
        try (ConsumerHarness a = new ConsumerHarness(sim, URI, beans, false);
             ConsumerHarness b = new ConsumerHarness(sim, URI, beans, false);
             LogCapture log = new LogCapture()) {
            // A's 30th lead (on its second page) is in its route when B is elected and polls the whole list
            a.onLead = e -> {
                if (leadsOfA.incrementAndGet() == 30) {
                    leadInHand.set(e.getMessage().getBody(Lead.class).getId());
                    b.start();
                    b.poll();
                    cursorOfB.set(cursor.getState("cashfin-leads:list"));
                }
            };
            a.start();
            a.poll();

            List<String> all = new ArrayList<>(a.deliveredIds());
            all.addAll(b.deliveredIds());
            assertThat(all).as("every lead, and twice only the one A had in hand")
                    .containsExactlyInAnyOrderElementsOf(withExtra(sim.leads().stream()
                            .map(l -> (String) l.get("_id")).toList(), leadInHand.get()));
            assertThat(a.deliveredIds()).as("A stopped after the lead in hand").hasSize(30).endsWith(leadInHand.get());
            assertThat(cursorOfB.get()).isNotNull();
            assertThat(cursor.getState("cashfin-leads:list")).as("A's cursor write was refused")
                    .isEqualTo(cursorOfB.get());
            // (an event passes two logger configs on its way to the root: count distinct lines, then repeats)
            List<String> warned = log.lines().stream().filter(l -> l.contains("Another consumer claimed leadership"
                                                                                + " epoch 2")).toList();
            assertThat(warned).as("one WARN line").isNotEmpty().containsOnly(warned.get(0));

            List<String> inserted = sim.insertLeads(3).stream().map(l -> (String) l.get("_id")).toList();
            long calls = sim.listCalls();
            a.poll();
            assertThat(sim.listCalls()).as("a superseded consumer makes no call").isEqualTo(calls);
            assertThat(a.deliveredIds()).hasSize(30);
            b.poll();
            assertThat(b.deliveredIds()).as("the leader goes on").endsWith(inserted.toArray(String[]::new));
            assertThat(log.lines()).filteredOn(l -> l.contains("Another consumer claimed leadership epoch"))
                    .as("not logged again by later polls").hasSameSizeAs(warned);
        }
    }

    private static List<String> withExtra(List<String> ids, String extra) {
        List<String> result = new ArrayList<>(ids);
        result.add(extra);
        return result;
    }

    private static StateRepository<String, String> cursorStore(String store) {
        if (store.equals("memory")) {
            return new MemoryStateRepository();
        }
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new JdbcStateRepository(database);
    }
}
