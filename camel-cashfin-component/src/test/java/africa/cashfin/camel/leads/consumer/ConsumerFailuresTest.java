package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.github.tomakehurst.wiremock.http.Fault;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.model.PoisonedLeadException;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.SortOrder;

/** Page shift, API failures mid-backfill, a failing route, bridgeErrorHandler and the consumer health check. */
class ConsumerFailuresTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    static final String MANUAL = "cashfin-leads:list?startScheduler=false";

    static List<String> storedIds() {
        return sim.leads().stream().map(l -> (String) l.get("_id")).toList();
    }

    /** Polls until a poll emits nothing new and the simulator has no surprise left; bounded. */
    static void pollUntilQuiet(ConsumerHarness h) {
        for (int i = 0; i < 40; i++) {
            int before = h.deliveredIds().size();
            h.poll();
            if (h.deliveredIds().size() == before && h.consumer().getErrorCounter() == 0 && i > 0) {
                return;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void pageShiftUnderInsertsLosesNothingAndRepeatsNothing(SortOrder order) throws Exception {
        sim.sortOrder(order);
        sim.seedLeads(500, 11);
        sim.busyCrm(3); // 3 new leads before every list page served
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=50").start()) {
            h.poll();
            h.poll();
            sim.busyCrm(0);
            pollUntilQuiet(h);
            assertThat(sim.leadCount()).isGreaterThan(500);
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIds());
        }
    }

    @Test
    void randomServerErrorsAndResetsDuringBackfillLoseNothingAndRepeatNothing() throws Exception {
        sim.seedLeads(400, 13);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=25").start()) {
            AtomicInteger seen = new AtomicInteger();
            h.onLead = e -> {
                int n = seen.incrementAndGet();
                if (n == 60 || n == 230) {
                    sim.failNext(1, Fault.CONNECTION_RESET_BY_PEER, Endpoint.LIST);
                }
                if (n == 150) {
                    sim.failNext(1, Fault.MALFORMED_RESPONSE_CHUNK, Endpoint.LIST);
                }
                if (n == 100) {
                    // more 500s in a row than the client retries: this poll is abandoned, a later one recovers
                    sim.failNext(5, 500, Endpoint.LIST);
                }
            };
            sim.randomFailureRate(0.15, 42);
            for (int i = 0; i < 60 && h.deliveredIds().size() < 400; i++) {
                h.poll();
            }
            sim.randomFailureRate(0, 0);
            pollUntilQuiet(h);
            assertThat(sim.requestCount(Endpoint.LIST, Outcome.SERVER_ERROR)).isPositive();
            assertThat(sim.requestCount(Endpoint.LIST, Outcome.FAULT)).isPositive();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIds());
        }
    }

    @Test
    void rateLimitedPollEndsAndLaterPollsRecoverWithoutLoss() throws Exception {
        sim.seedLeads(300, 17);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL).start()) {
            AtomicInteger seen = new AtomicInteger();
            h.onLead = e -> {
                if (seen.incrementAndGet() == 120) {
                    sim.failNext(1, 429, Endpoint.LIST); // answered with Retry-After: 1
                }
            };
            h.poll();
            assertThat(sim.requestCount(Endpoint.LIST, Outcome.RATE_LIMITED)).isEqualTo(1);
            pollUntilQuiet(h);
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIds());
        }
    }

    @Test
    void aLeadTheRouteFailsIsOfferedAgainAndTheOthersAreNot() throws Exception {
        sim.seedLeads(150, 19);
        String victim = storedIds().get(70);
        // failedLeadRetryDelay=0: offered again by the very next poll (ConsumerFailureLoggingTest covers the back-off)
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&failedLeadRetryDelay=0").start()) {
            h.failuresToInject.put(victim, 1);
            h.poll();
            assertThat(h.deliveredIds()).hasSize(149).doesNotContain(victim);

            h.poll();
            assertThat(h.deliveredIds()).hasSize(150).endsWith(victim);
            assertThat(h.attempts.stream().filter(victim::equals)).hasSize(2);
            assertThat(h.attempts).hasSize(151);

            h.poll();
            assertThat(h.attempts).as("nothing re-emitted").hasSize(151);
        }
    }

    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void moreLeadsWaitingToBeRetriedThanOnePageDoNotHoldUpTheNewLeads(SortOrder order) throws Exception {
        sim.sortOrder(order);
        sim.seedLeads(60, 37);
        // the route fails every 3rd of the 45 oldest leads (15 leads) every time; a failed lead waits an hour
        List<String> oldestFirst = sim.leads().stream()
                .sorted(java.util.Comparator.comparing((Map<String, Object> l) -> (String) l.get("createdat")))
                .map(l -> (String) l.get("_id")).toList();
        List<String> failing = java.util.stream.IntStream.range(0, 15).mapToObj(i -> oldestFirst.get(3 * i + 2))
                .toList();
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=10&failedLeadRetryDelay=3600000").start()) {
            failing.forEach(id -> h.failuresToInject.put(id, Integer.MAX_VALUE));
            h.poll(); // 10 failures in one poll: the run stops early
            h.poll(); // those 10 wait, and others succeeded after they failed: they do not count, the poll goes on
            List<String> others = storedIds().stream().filter(id -> !failing.contains(id)).toList();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(others);
            assertThat(h.attempts.stream().filter(failing::contains)).as("each failing lead tried once").hasSize(15);

            // new leads, newer than the cursor (seeded 10 minutes apart, four would be late leads below it, which the
            // cursor no longer held back to the oldest failure finds only by the sweep)
            List<String> fresh = sim.seedLeads(5, 41, java.time.Duration.ofMillis(1)).stream()
                    .map(l -> (String) l.get("_id")).toList();
            h.poll();
            assertThat(h.deliveredIds()).as("new leads behind 15 waiting ones").containsAll(fresh)
                    .doesNotHaveDuplicates().doesNotContainAnyElementsOf(failing);
            assertThat(h.attempts.stream().filter(failing::contains)).as("still waiting, not tried").hasSize(15);
        }
    }

    /**
     * A lead the route always refuses, with 500 newer leads: after failedLeadMaxAttempts (3 here) it goes to the
     * exception handler once as poisoned and stops holding the cursor, so polls go back to one call instead of reading
     * from page 1 down to it (11 calls) for ever.
     */
    @Test
    void aPoisonLeadIsHandedOverOnceAndStopsHoldingTheCursor() throws Exception {
        sim.sortOrder(SortOrder.NEWEST_FIRST);
        sim.seedLeads(550, 53);
        List<String> oldestFirst = sim.leads().stream()
                .sorted(java.util.Comparator.comparing((Map<String, Object> l) -> (String) l.get("createdat")))
                .map(l -> (String) l.get("_id")).toList();
        String poison = oldestFirst.get(49);
        RecordingExceptionHandler handler = new RecordingExceptionHandler();
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=50&failedLeadRetryDelay=0"
                                                         + "&failedLeadMaxAttempts=3&exceptionHandler=#handler",
                Map.of("handler", handler), false).start()) {
            h.failuresToInject.put(poison, Integer.MAX_VALUE);
            for (int i = 0; i < 4; i++) {
                h.poll();
            }
            assertThat(h.attempts.stream().filter(poison::equals)).as("tried failedLeadMaxAttempts times").hasSize(3);
            assertThat(handler.handled).filteredOn(PoisonedLeadException.class::isInstance).singleElement()
                    .isInstanceOfSatisfying(PoisonedLeadException.class, e -> {
                        assertThat(e.getLead().getId()).isEqualTo(poison);
                        assertThat(e.getAttempts()).isEqualTo(3);
                        assertThat(e.getLastError()).contains("route refuses lead");
                    });
            List<String> others = oldestFirst.stream().filter(id -> !poison.equals(id)).toList();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(others);
            for (int i = 0; i < 3; i++) {
                long before = sim.requestCount(Endpoint.LIST);
                h.poll();
                assertThat(sim.requestCount(Endpoint.LIST) - before).as("idle poll %d after giving up", i).isEqualTo(1);
            }
            assertThat(h.attempts.stream().filter(poison::equals)).as("never offered again").hasSize(3);
        }
    }

    /**
     * A list call fails mid-backfill and the state repository is down too: the poll fails with the list call's error
     * (what the health check and backoff must see), the failed checkpoint save attached as suppressed, not in its place.
     */
    @Test
    void aFailingStateStoreDoesNotMaskTheListCallThatEndedThePoll() throws Exception {
        sim.sortOrder(SortOrder.NEWEST_FIRST);
        sim.seedLeads(200, 43);
        AtomicBoolean storeDown = new AtomicBoolean();
        MemoryStateRepository failingStore = new MemoryStateRepository() {
            @Override
            public void setState(String key, String value) {
                if (storeDown.get()) {
                    throw new IllegalStateException("state store unreachable");
                }
                super.setState(key, value);
            }
        };
        RecordingExceptionHandler handler = new RecordingExceptionHandler();
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=50&stateRepository=#state"
                                                         + "&exceptionHandler=#handler",
                Map.of("state", failingStore, "handler", handler), false).start()) {
            AtomicInteger seen = new AtomicInteger();
            h.onLead = e -> {
                if (seen.incrementAndGet() == 60) { // inside the second page of the backward walk
                    storeDown.set(true);
                    sim.failNext(1, 401, Endpoint.LIST); // never retried: the next list call ends the poll
                }
            };
            h.poll();
            assertThat(handler.handled).singleElement().isInstanceOfSatisfying(CashfinApiException.class, e -> {
                assertThat(e.getStatusCode()).isEqualTo(401);
                assertThat(e.getSuppressed()).singleElement().extracting(Throwable::getMessage)
                        .isEqualTo("state store unreachable");
            });
            storeDown.set(false);
            pollUntilQuiet(h);
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIds());
        }
    }

    @Test
    void bridgeErrorHandlerSendsPollErrorsToTheRouteErrorHandler() throws Exception {
        sim.seedLeads(10, 23);
        sim.failNext(1, 401, Endpoint.LIST); // an error no retry policy repeats, so the poll itself fails
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&bridgeErrorHandler=true", Map.of(), true).start()) {
            h.poll();
            assertThat(h.handledErrors).singleElement().isInstanceOfSatisfying(CashfinApiException.class,
                    e -> assertThat(e.getStatusCode()).isEqualTo(401));
            assertThat(h.deliveredIds()).isEmpty();
            h.poll();
            assertThat(h.deliveredIds()).containsExactlyElementsOf(storedIds());
        }
    }

    @Test
    void healthCheckReportsDownWithTheHttpStatusAfterTheErrorThreshold() throws Exception {
        sim.seedLeads(10, 29);
        sim.failNext(1000, 503, Endpoint.LIST);
        String uri = "cashfin-leads:list?delay=50&initialDelay=0&backoffErrorThreshold=2&backoffMultiplier=2";
        try (ConsumerHarness h = new ConsumerHarness(sim, uri)) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(h.context);
            registry.setExposureLevel("full");
            registry.register(registry.resolveById("consumers"));
            h.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HealthCheck.Result result = HealthCheckHelper.invoke(h.context).stream()
                        .filter(r -> r.getCheck().getId().equals("consumer:" + ConsumerHarness.ROUTE_ID))
                        .findFirst().orElseThrow();
                assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 503);
                assertThat(result.getError()).containsInstanceOf(CashfinApiException.class);
            });
            sim.reset();
            sim.seedLeads(5, 31);
            await().atMost(Duration.ofSeconds(60)).until(() -> h.deliveredIds().size() == 5);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(HealthCheckHelper.invoke(h.context)
                    .stream().filter(r -> r.getCheck().getId().equals("consumer:" + ConsumerHarness.ROUTE_ID))
                    .findFirst().orElseThrow().getState()).isEqualTo(HealthCheck.State.UP));
        }
    }
}
