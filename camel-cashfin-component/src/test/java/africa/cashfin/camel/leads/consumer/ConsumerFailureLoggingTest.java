package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;

/**
 * What a user sees when things keep going wrong, with the scheduler running as in production: a lead that always fails
 * backs off while the others flow, and is logged once per failure (not twice, no second stack trace) with its repeats
 * summarised; a wrong secret (401 on every poll) logs one line when it starts and one when it recovers, and the polls
 * back off.
 */
class ConsumerFailureLoggingTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    static final String CONSUMER_LOGGER = "africa.cashfin.camel.leads.CashfinLeadsConsumer";

    @Test
    void aLeadThatAlwaysFailsBacksOffWhileTheOthersFlowAndIsLoggedOncePerFailure() throws Exception {
        List<String> ids = sim.seedLeads(20, 81).stream().map(l -> (String) l.get("_id")).toList();
        Set<String> victims = Set.of(ids.get(3), ids.get(7), ids.get(11), ids.get(15), ids.get(19));
        String uri = "cashfin-leads:list?initialDelay=0&delay=100&failedLeadRetryDelay=1000&failedLeadRetryMultiplier=2"
                     + "&failedLeadMaxRetryDelay=5000";
        try (LogCapture log = new LogCapture(); ConsumerHarness h = new ConsumerHarness(sim, uri)) {
            victims.forEach(v -> h.failuresToInject.put(v, Integer.MAX_VALUE));
            h.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> h.deliveredIds().size() == 15);
            List<String> later = sim.insertLeads(4).stream().map(l -> (String) l.get("_id")).toList();
            await().atMost(Duration.ofSeconds(60)).until(() -> h.deliveredIds().containsAll(later));
            long callsAtStart = sim.listCalls();
            // 40 more polls: without a back-off every one of them would offer every victim again
            await().atMost(Duration.ofSeconds(120)).until(() -> sim.listCalls() - callsAtStart >= 40);
            h.context.getRouteController().stopRoute(ConsumerHarness.ROUTE_ID);

            Map<String, Long> attempts = h.attempts.stream().filter(victims::contains)
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            assertThat(attempts).hasSize(5);
            assertThat(attempts.values()).as("each failing lead is retried, on a growing wait, not on every poll")
                    .allSatisfy(n -> assertThat(n).isBetween(2L, 12L));
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(19).doesNotContainAnyElementsOf(victims);

            long failedDeliveries = attempts.values().stream().mapToLong(Long::longValue).sum();
            List<String> distinct = log.levelledLines().stream().distinct().toList();
            List<String> stackTraces = distinct.stream()
                    .filter(l -> l.contains("route refuses lead") && l.contains("\tat ")).toList();
            assertThat(stackTraces).as("one stack trace per failed delivery (the route's error handler), not two")
                    .hasSize((int) failedDeliveries);
            List<String> consumerLines = distinct.stream().filter(l -> fromConsumer(l)
                    && victims.stream().anyMatch(l::contains) && !l.startsWith("DEBUG")).toList();
            assertThat(consumerLines).as("the consumer's own lines carry no stack trace").noneMatch(l -> l.contains("\tat "));
            for (String victim : victims) {
                long warns = consumerLines.stream().filter(l -> l.startsWith("WARN") && l.contains(victim)).count();
                long n = attempts.get(victim);
                assertThat(warns).as("repeats of %s are summarised (%s attempts)", victim, n)
                        .isBetween(1L, 1L + (long) Math.floor(Math.log(n) / Math.log(2)));
            }
            assertThat(consumerLines).anySatisfy(l -> assertThat(l).startsWith("WARN")
                    .contains("failed: IllegalStateException: route refuses lead", "offered again in 1.00 s"));
        }
    }

    @Test
    void aWrongSecretLogsOneLineWhenItStartsAndOneWhenItRecoversAndThePollsBackOff() throws Exception {
        sim.seedLeads(5, 83);
        sim.failNext(100_000, 401, Endpoint.LIST);
        String uri = "cashfin-leads:list?initialDelay=0&delay=50";
        try (LogCapture log = new LogCapture(); ConsumerHarness h = new ConsumerHarness(sim, uri)) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(h.context);
            registry.setExposureLevel("full");
            registry.register(registry.resolveById("consumers"));
            h.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> sim.listCalls() >= 6);
            assertThat(h.consumer().getBackoffCounter() > 0 || waitForBackoff(h))
                    .as("after 3 failed polls in a row the consumer skips polls (Camel's backoff)").isTrue();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(HealthCheckHelper.invoke(h.context)
                    .stream().filter(r -> r.getCheck().getId().equals("consumer:" + ConsumerHarness.ROUTE_ID))
                    .findFirst().orElseThrow().getState()).isEqualTo(HealthCheck.State.DOWN));

            List<String> distinct = log.levelledLines().stream().distinct().toList();
            assertThat(distinct.stream().filter(l -> l.startsWith("WARN") || l.startsWith("ERROR"))
                    .filter(l -> l.contains("401")).toList())
                    .as("one WARN line for a failure that repeats on every poll, without a stack trace")
                    .singleElement().satisfies(l -> assertThat(l).contains(CONSUMER_LOGGER, "Polling", "fails")
                            .contains("revoked. Polls go on").doesNotContain("..").doesNotContain("!.")
                            .doesNotContain("\tat "));
            assertThat(distinct).noneMatch(l -> !l.startsWith("DEBUG") && !l.startsWith("TRACE") && l.contains("\tat "));

            sim.reset();
            sim.seedLeads(3, 85);
            await().atMost(Duration.ofSeconds(60)).until(() -> h.deliveredIds().size() == 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> log.levelledLines().stream()
                    .anyMatch(l -> l.startsWith("INFO " + CONSUMER_LOGGER) && l.contains("works again")));
        }
    }

    @Test
    void aConfiguredExceptionHandlerReceivesFailedLeadsAndFailedPollsInsteadOfTheLog() throws Exception {
        List<String> ids = sim.seedLeads(6, 87).stream().map(l -> (String) l.get("_id")).toList();
        RecordingExceptionHandler handler = new RecordingExceptionHandler();
        List<Throwable> handled = handler.handled;
        String uri = "cashfin-leads:list?startScheduler=false&exceptionHandler=#handler";
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, Map.of("handler", handler), false)) {
            h.failuresToInject.put(ids.get(2), 1);
            h.start();
            h.poll();
            assertThat(handled).singleElement().satisfies(e -> assertThat(e).hasMessageContaining(ids.get(2)));
            sim.failNext(1, 401, Endpoint.LIST);
            h.poll();
            assertThat(handled).hasSize(2).last().isInstanceOf(CashfinApiException.class);
        }
    }

    /** True for a levelled line logged by the consumer's own logger. */
    private static boolean fromConsumer(String levelledLine) {
        return levelledLine.substring(levelledLine.indexOf(' ') + 1).startsWith(CONSUMER_LOGGER + " ");
    }

    private static boolean waitForBackoff(ConsumerHarness h) {
        await().atMost(Duration.ofSeconds(60)).until(() -> h.consumer().getBackoffCounter() > 0);
        return true;
    }
}
