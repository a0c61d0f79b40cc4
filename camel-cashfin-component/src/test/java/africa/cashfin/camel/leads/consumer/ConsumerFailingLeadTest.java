package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.PoisonedLeadException;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.SortOrder;

/**
 * A lead whose exchange keeps failing is retried apart from the cursor (issue 17): the polls meanwhile cost what an
 * idle poll costs, and its retries cost no list call; after a restart the consumer reads down to it once, then goes
 * on. Real routes against the simulator; the sweep is off so that the counts are the fast path's alone.
 */
class ConsumerFailingLeadTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    static final String MANUAL = "cashfin-leads:list?startScheduler=false&sweepEnabled=false&failedLeadRetryDelay=0";

    @TempDir
    Path dir;

    static List<String> storedIds() {
        return sim.leads().stream().map(l -> (String) l.get("_id")).toList();
    }

    static List<Map<String, Object>> oldestFirst() {
        return sim.leads().stream().sorted(Comparator.comparing((Map<String, Object> l) -> (String) l.get("createdat")))
                .toList();
    }

    /**
     * The oldest lead fails three times, with 1,000 newer leads above it: while it is retried, each poll costs what an
     * idle poll costs (one call newest first; two oldest first here, where the cursor's page and the list's end
     * straddle a page edge), not a re-read from page 1 down to it (11 calls). Every lead is emitted once, the failing
     * one when its fourth attempt succeeds.
     */
    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void whileALeadIsRetriedEachPollCostsAnIdlePoll(SortOrder order) throws Exception {
        sim.sortOrder(order);
        sim.seedLeads(1_001, 61, Duration.ofMillis(10));
        String failing = (String) oldestFirst().get(0).get("_id");
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&failedLeadMaxAttempts=10").start()) {
            h.failuresToInject.put(failing, 3);
            h.poll();
            assertThat(h.deliveredIds()).hasSize(1_000).doesNotContain(failing);

            List<Long> callsWhileRetried = new ArrayList<>();
            for (int attempt = 2; attempt <= 4; attempt++) {
                long before = sim.listCalls();
                h.poll();
                callsWhileRetried.add(sim.listCalls() - before);
                assertThat(h.attempts.stream().filter(failing::equals)).as("attempts after poll %d", attempt)
                        .hasSize(attempt);
            }
            assertThat(h.deliveredIds()).as("delivered by its fourth attempt").hasSize(1_001).endsWith(failing);

            long before = sim.listCalls();
            h.poll();
            long idle = sim.listCalls() - before;
            assertThat(idle).as("idle poll").isEqualTo(order == SortOrder.NEWEST_FIRST ? 1 : 2);
            assertThat(callsWhileRetried).as("calls of the polls that retried it").containsOnly(idle);

            List<String> fresh = sim.seedLeads(3, 67, Duration.ofMillis(1)).stream().map(l -> (String) l.get("_id"))
                    .toList();
            h.poll();
            assertThat(h.deliveredIds()).endsWith(fresh.toArray(String[]::new));
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIds());
            assertThat(h.attempts.stream().filter(failing::equals)).as("never offered again").hasSize(4);
        }
    }

    /**
     * {@code failedLeadsMax} bounds the retry ledger; a failure beyond it is not dropped but holds the cursor back, as
     * every failure did before the ledger. With 1 the oldest failing lead goes to the ledger and the next one holds the
     * cursor; with 0 both hold it. While they fail each poll re-reads the 1,000 newer leads down to the held one (at
     * least 10 pages, instead of the idle poll's 1 call); both reach the route once, on their third attempt, and the
     * polls are idle again.
     */
    @ParameterizedTest
    @ValueSource(ints = { 0, 1 })
    void aFailureBeyondFailedLeadsMaxHoldsTheCursorAndIsDeliveredOnce(int max) throws Exception {
        sim.sortOrder(SortOrder.NEWEST_FIRST);
        sim.seedLeads(1_002, 97, Duration.ofMillis(10));
        List<String> failing = oldestFirst().subList(0, 2).stream().map(l -> (String) l.get("_id")).toList();
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&failedLeadMaxAttempts=10&failedLeadsMax=" + max)
                .start()) {
            failing.forEach(id -> h.failuresToInject.put(id, 2));
            h.poll();
            assertThat(h.deliveredIds()).hasSize(1_000).doesNotContainAnyElementsOf(failing);
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) h.consumer();
            assertThat(consumer.getFailedLeadsWaiting()).as("in the ledger").isEqualTo(max);

            long before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).as("a re-read down to the lead that holds the cursor")
                    .isBetween(10L, 22L);
            assertThat(h.deliveredIds()).hasSize(1_000);
            h.poll();
            assertThat(h.deliveredIds()).as("both on their third attempt").hasSize(1_002).containsAll(failing);
            assertThat(consumer.getFailedLeadsWaiting()).isZero();

            before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).as("idle again").isEqualTo(1);
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIds());
            for (String id : failing) {
                assertThat(h.attempts.stream().filter(id::equals)).as("attempts of %s", id).hasSize(3);
            }
        }
    }

    /**
     * The failing lead leaves the view (its status changes, and the endpoint reads {@code status=new}) before its
     * retry succeeds: it is delivered once, with the data read when it first failed. Nothing is lost.
     */
    @Test
    void aFailingLeadThatLeavesTheViewIsDeliveredWithTheDataReadBefore() throws Exception {
        sim.sortOrder(SortOrder.NEWEST_FIRST);
        sim.seedLeads(60, 71, Duration.ofMillis(10));
        String failing = (String) oldestFirst().stream().filter(l -> "new".equals(l.get("status"))).findFirst()
                .orElseThrow().get("_id");
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&status=new").start()) {
            h.failuresToInject.put(failing, 1);
            h.poll();
            assertThat(h.deliveredIds()).doesNotContain(failing);
            sim.updateLead(failing, "contacted");

            long before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).isEqualTo(1);
            assertThat(h.deliveredIds()).containsOnlyOnce(failing).endsWith(failing);
            Lead delivered = h.delivered.get(h.delivered.size() - 1).getMessage().getBody(Lead.class);
            assertThat(delivered.getStatus()).as("as read when it first failed").isEqualTo("new");
        }
    }

    /**
     * The state row keeps the failing lead (id, createdat, attempts, next attempt) beside the cursor: after a restart
     * (new CamelContext, new repositories over the same files) the first poll reads down to it once to get its data
     * back, retries it (it succeeds), and the next poll is idle again. Every lead once across both lives.
     */
    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void afterARestartAFailingLeadIsReadOnceAndDeliveredOnce(SortOrder order) throws Exception {
        sim.sortOrder(order);
        sim.seedLeads(301, 73, Duration.ofMillis(10));
        String failing = (String) oldestFirst().get(0).get("_id");
        String uri = MANUAL + "&idempotentRepository=#seen&stateRepository=#state";
        List<String> emitted = new ArrayList<>();
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, beans(), false).start()) {
            h.failuresToInject.put(failing, 2);
            h.poll();
            h.poll();
            assertThat(h.attempts.stream().filter(failing::equals)).hasSize(2);
            emitted.addAll(h.deliveredIds());
        }
        assertThat(emitted).hasSize(300).doesNotContain(failing);
        assertThat(savedCursor()).as("the state row keeps it with its attempts").contains(";failed=" + failing + "/")
                .contains("/2/");

        try (ConsumerHarness h = new ConsumerHarness(sim, uri, beans(), false).start()) {
            long before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).as("one read down to the failing lead").isLessThanOrEqualTo(5);
            assertThat(h.deliveredIds()).containsExactly(failing);
            before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).as("then idle").isLessThanOrEqualTo(2);
            emitted.addAll(h.deliveredIds());
        }
        assertThat(savedCursor()).doesNotContain(";failed=");
        assertThat(emitted).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIds());
    }

    /**
     * The attempts and the lead's age survive the restart: with {@code failedLeadMaxAttempts=3}, two attempts before it
     * and one after make the lead poisoned (handed to the exception handler once, with 3 attempts and its first failure
     * from before the restart, as saved in the state row), and it is never offered again.
     */
    @Test
    void theAttemptsOfAFailingLeadCountAcrossARestart() throws Exception {
        sim.sortOrder(SortOrder.NEWEST_FIRST);
        sim.seedLeads(120, 79, Duration.ofMillis(10));
        String failing = (String) oldestFirst().get(0).get("_id");
        RecordingExceptionHandler handler = new RecordingExceptionHandler();
        String uri = MANUAL + "&idempotentRepository=#seen&stateRepository=#state&failedLeadMaxAttempts=3"
                     + "&exceptionHandler=#handler";
        Instant firstPoll = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, beans(handler), false).start()) {
            h.failuresToInject.put(failing, Integer.MAX_VALUE);
            h.poll();
            h.poll();
            assertThat(h.attempts.stream().filter(failing::equals)).hasSize(2);
        }
        assertThat(handler.handled).noneMatch(PoisonedLeadException.class::isInstance);
        String saved = savedCursor();
        Instant firstFailure = Instant.parse(saved.substring(saved.lastIndexOf('/') + 1));
        assertThat(firstFailure).as("the first failure, saved in the state row").isBetween(firstPoll, Instant.now());
        Instant restarted = Instant.now();
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, beans(handler), false).start()) {
            h.failuresToInject.put(failing, Integer.MAX_VALUE);
            h.poll();
            h.poll();
            assertThat(h.attempts.stream().filter(failing::equals)).as("the third attempt, once").hasSize(1);
            assertThat(handler.handled).filteredOn(PoisonedLeadException.class::isInstance).singleElement()
                    .isInstanceOfSatisfying(PoisonedLeadException.class, e -> {
                        assertThat(e.getLead().getId()).isEqualTo(failing);
                        assertThat(e.getAttempts()).isEqualTo(3);
                        assertThat(e.getFirstFailure()).as("its true age").isEqualTo(firstFailure)
                                .isBefore(restarted);
                        assertThat(e.getMessage()).contains("failed 3 attempts since " + firstFailure);
                    });
        }
    }

    /**
     * A failing lead that leaves the view while the consumer is down (its status changes; the endpoint reads
     * {@code status=new}): after the restart the read down to it does not find it, and its data is lost with the old
     * consumer. One WARN line names it (id, attempts, since when) and says what to do; it leaves the ledger and is not
     * recorded as delivered, so it loses nothing: when it comes back into the view, the next poll emits it, once.
     */
    @Test
    void aFailingLeadNotFoundAfterARestartIsNamedInOneWarnAndEmittedWhenItComesBack() throws Exception {
        sim.sortOrder(SortOrder.NEWEST_FIRST);
        sim.seedLeads(120, 101, Duration.ofMillis(10));
        String failing = (String) oldestFirst().stream().filter(l -> "new".equals(l.get("status"))).findFirst()
                .orElseThrow().get("_id");
        String uri = "cashfin-leads:list?startScheduler=false&failedLeadRetryDelay=0&status=new&stateKey=new-leads"
                     + "&idempotentRepository=#seen&stateRepository=#state"; // (a file state repository refuses '=')
        List<String> emitted = new ArrayList<>();
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, beans(), false).start()) {
            h.failuresToInject.put(failing, Integer.MAX_VALUE);
            h.poll();
            h.poll();
            emitted.addAll(h.deliveredIds());
        }
        assertThat(savedCursor("new-leads")).contains(";failed=" + failing + "/");
        sim.updateLead(failing, "contacted"); // leaves the view while no consumer runs

        try (africa.cashfin.camel.leads.LogCapture log = new africa.cashfin.camel.leads.LogCapture();
             ConsumerHarness h = new ConsumerHarness(sim, uri, beans(), false).start()) {
            h.poll();
            h.poll();
            List<String> warnings = log.levelledLines().stream().distinct()
                    .filter(l -> l.startsWith("WARN") && l.contains(failing)).toList();
            assertThat(warnings).as("one WARN line names it").singleElement().asString()
                    .contains("Failed lead " + failing + " of cashfin-leads://list")
                    .contains("2 failed attempts since ").contains("is no longer in the view")
                    .contains("not recorded as delivered")
                    .contains("If it must reach the route, make it match the filters again in Cashfin");
            assertThat(h.attempts).doesNotContain(failing);
            assertThat(savedCursor("new-leads")).as("out of the ledger").doesNotContain(";failed=");
            assertThat(((FileIdempotentRepository) h.context.getRegistry().lookupByName("seen")).contains(failing))
                    .as("not recorded as delivered").isFalse();

            // back in the view, below the cursor: the sweep (here brought forward) emits it, or the fast path's window
            // check when it sees the list grow while the lead is still inside the lookback window
            sim.updateLead(failing, "new");
            ((CashfinLeadsConsumer) h.consumer()).sweepNow();
            h.poll();
            assertThat(h.deliveredIds()).containsOnlyOnce(failing);
            emitted.addAll(h.deliveredIds());
        }
        assertThat(emitted).doesNotHaveDuplicates().contains(failing);
    }

    /** The cursor as last saved (the file state repository appends a line per write). */
    private String savedCursor() throws java.io.IOException {
        return savedCursor("cashfin-leads:list");
    }

    private String savedCursor(String stateKey) throws java.io.IOException {
        List<String> lines = Files.readAllLines(dir.resolve("state.dat"));
        return lines.stream().filter(l -> l.startsWith(stateKey + "=")).reduce((a, b) -> b).orElseThrow();
    }

    private Map<String, Object> beans() {
        return Map.of("seen", FileIdempotentRepository.fileIdempotentRepository(dir.resolve("seen.dat").toFile(), 10_000),
                      "state", FileStateRepository.fileStateRepository(dir.resolve("state.dat").toFile()));
    }

    private Map<String, Object> beans(RecordingExceptionHandler handler) {
        Map<String, Object> beans = new java.util.HashMap<>(beans());
        beans.put("handler", handler);
        return beans;
    }
}
