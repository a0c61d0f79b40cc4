package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/** Two CamelContext lifetimes against one simulator: what a restart emits, and what it costs. */
class ConsumerRestartTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    @TempDir
    Path dir;

    static List<String> storedIds() {
        return sim.leads().stream().map(l -> (String) l.get("_id")).toList();
    }

    Map<String, Object> fileRepository() {
        return Map.of("seen", FileIdempotentRepository.fileIdempotentRepository(dir.resolve("seen.dat").toFile(), 10_000));
    }

    @Test
    void aPersistentIdempotentRepositoryAloneMakesARestartEmitNothingTwiceAndMissNothing() throws Exception {
        sim.seedLeads(260, 37);
        String uri = "cashfin-leads:list?startScheduler=false&idempotentRepository=#seen";
        List<String> emitted = new ArrayList<>();
        // first life: stops mid-backfill (maxMessagesPerPoll ends the poll after 120 leads), then the JVM "dies"
        try (ConsumerHarness h = new ConsumerHarness(sim, uri + "&maxMessagesPerPoll=120", fileRepository(), false)
                .start()) {
            h.poll();
            assertThat(h.consumer().getErrorCounter()).as("a capped poll is not an error").isZero();
            emitted.addAll(h.deliveredIds());
        }
        assertThat(emitted).hasSize(120);
        List<String> arrivedWhileDown = sim.insertLeads(30).stream().map(l -> (String) l.get("_id")).toList();

        // second life: a new repository instance over the same file, no cursor anywhere
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, fileRepository(), false).start()) {
            h.poll();
            emitted.addAll(h.deliveredIds());
            assertThat(h.deliveredIds()).containsAll(arrivedWhileDown).doesNotContainAnyElementsOf(emitted.subList(0, 120));
            long before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).as("idle poll after the verification scan").isEqualTo(1);
        }
        assertThat(emitted).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIds());
    }

    @Test
    void withAStateRepositoryARestartIsAnOrdinaryIncrementalPoll() throws Exception {
        sim.seedLeads(260, 41);
        String uri = "cashfin-leads:list?startScheduler=false&idempotentRepository=#seen&stateRepository=#state";
        List<String> emitted = new ArrayList<>();
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, beans(), false).start()) {
            h.poll();
            emitted.addAll(h.deliveredIds());
        }
        assertThat(emitted).hasSize(260);
        assertThat(Files.readString(dir.resolve("state.dat"))).contains("cashfin-leads:list");
        List<String> arrivedWhileDown = sim.insertLeads(7).stream().map(l -> (String) l.get("_id")).toList();

        try (ConsumerHarness h = new ConsumerHarness(sim, uri, beans(), false).start()) {
            long before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).as("first poll after restart").isEqualTo(1);
            assertThat(h.deliveredIds()).containsExactlyElementsOf(arrivedWhileDown);
            emitted.addAll(h.deliveredIds());
        }
        assertThat(emitted).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIds());
    }

    private Map<String, Object> beans() {
        File stateFile = dir.resolve("state.dat").toFile();
        return Map.of("seen", FileIdempotentRepository.fileIdempotentRepository(dir.resolve("seen.dat").toFile(), 10_000),
                      "state", FileStateRepository.fileStateRepository(stateFile));
    }
}
