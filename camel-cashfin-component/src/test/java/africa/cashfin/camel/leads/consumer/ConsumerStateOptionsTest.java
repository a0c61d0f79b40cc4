package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/** Combinations of state options that would emit leads again, and what the consumer does about them. */
class ConsumerStateOptionsTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    static final String MANUAL = "cashfin-leads:list?startScheduler=false";

    @TempDir
    Path dir;

    @Test
    void aPersistentStateRepositoryWithTheDefaultInMemoryIdempotentRepositoryIsRefusedAtRouteStart() throws Exception {
        sim.seedLeads(5, 71);
        Map<String, Object> beans = Map.of("state", FileStateRepository.fileStateRepository(dir.resolve("state.dat").toFile()));
        ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&stateRepository=#state", beans, false);
        try (h) {
            assertThatThrownBy(h::start).hasStackTraceContaining(
                    "stateRepository keeps the cursor across restarts, but the idempotentRepository is the default"
                    + " in-memory one")
                    .hasStackTraceContaining("set idempotentRepository to a persistent repository");
        }
        assertThat(sim.listCalls()).as("refused before any call").isZero();
    }

    @Test
    void anInMemoryStateRepositoryWithTheDefaultIdempotentRepositoryIsFine() throws Exception {
        sim.seedLeads(5, 73);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&stateRepository=#state",
                Map.of("state", new MemoryStateRepository()), false).start()) {
            h.poll();
            assertThat(h.deliveredIds()).hasSize(5);
        }
    }

    @Test
    void startFromNowWhoseCursorEntryIsRemovedStartsFromNowAgainInsteadOfEmittingOldLeads() throws Exception {
        sim.seedLeads(120, 75);
        String uri = MANUAL + "&startFrom=now&limit=50&idempotentRepository=#seen&stateRepository=#state";
        IdempotentRepository seen = FileIdempotentRepository.fileIdempotentRepository(dir.resolve("seen.dat").toFile(),
                10_000);
        List<String> before;
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, Map.of("seen", seen,
                "state", FileStateRepository.fileStateRepository(dir.resolve("state-1.dat").toFile())), false).start()) {
            h.poll();
            assertThat(h.deliveredIds()).isEmpty();
            before = sim.insertLeads(3).stream().map(l -> (String) l.get("_id")).toList();
            h.poll();
            assertThat(h.deliveredIds()).containsExactlyElementsOf(before);
        }
        // the cursor entry is gone (a new, empty state file), the seen store is the same
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, Map.of("seen", seen,
                "state", FileStateRepository.fileStateRepository(dir.resolve("state-2.dat").toFile())), false).start()) {
            h.poll();
            assertThat(h.deliveredIds()).as("no lead created before the reset is emitted").isEmpty();
            List<String> after = sim.insertLeads(2).stream().map(l -> (String) l.get("_id")).toList();
            h.poll();
            assertThat(h.deliveredIds()).containsExactlyElementsOf(after);
        }
    }
}
