package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * Adaptive polling in a route written as in docs/component.md: the cadence follows the day's plan (the calls of
 * {@code delay}), speeds up while leads arrive faster than the plan expects, returns to the plan when they stop, logs
 * one line per change of regime, and never polls faster than the endpoint's share of the day.
 */
class AdaptivePollingRouteTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    private CamelContext context;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private CashfinLeadsConsumer start(String options) throws Exception {
        return start(options, new DefaultCamelContext());
    }

    private CashfinLeadsConsumer start(String options, CamelContext camel) throws Exception {
        context = camel;
        context.getPropertiesComponent().addInitialProperty("cashfin.secret", cashfin.secret());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?clientSecret=RAW({{cashfin.secret}})&baseUrl=" + cashfin.baseUrl()
                     + "&sweepEnabled=false&" + options)
                        .routeId("adaptive")
                        .process(e -> received.add(e.getMessage().getHeader("CamelCashfinLeadId", String.class)));
            }
        });
        context.start();
        return (CashfinLeadsConsumer) context.getRoute("adaptive").getConsumer();
    }

    @Test
    void pollsAtTheDelayFasterDuringABurstAndBackToThePlanWhenItEnds() throws Exception {
        List<String> changes;
        try (LogCapture log = new LogCapture()) {
            // no past day: the plan is the calls of delay=1s, spread evenly
            CashfinLeadsConsumer consumer =
                    start("plan=professional&adaptivePolling=true&delay=1000&minDelay=200&maxDelay=5000");
            await().atMost(Duration.ofSeconds(20)).until(() -> consumer.getPolls() >= 2);
            assertThat(consumer.getPollingRegime()).isEqualTo("plan");
            assertThat(consumer.getCurrentDelayMillis()).as("the day over its plan's polls").isBetween(1000L, 1100L);
            assertThat(consumer.getCallsLeftToday()).as("the professional plan's day, less what was spent")
                    .isBetween(90_000L, 98_000L);

            // at the plan's pace: three polls take at least 3 x 1 s
            long idleCalls = cashfin.listCalls();
            Instant idleFrom = Instant.now();
            await().atMost(Duration.ofSeconds(20)).until(() -> cashfin.listCalls() >= idleCalls + 3);
            assertThat(Duration.between(idleFrom, Instant.now())).isGreaterThan(Duration.ofMillis(3 * 1000 - 200));

            // a burst: ten new leads before every poll, ten times the rate the plan expects, make it poll faster,
            // down to minDelay
            long[] fastest = { Long.MAX_VALUE };
            for (int i = 0; i < 6; i++) {
                long calls = cashfin.listCalls();
                int before = received.size();
                cashfin.insertLeads(10);
                await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == before + 10
                                                                   && cashfin.listCalls() > calls);
                fastest[0] = Math.min(fastest[0], consumer.getCurrentDelayMillis());
            }
            assertThat(fastest[0]).as("the delay during the burst").isEqualTo(200);

            // nothing more: the next poll that finds nothing goes back to the plan
            await().atMost(Duration.ofSeconds(10)).until(() -> "plan".equals(consumer.getPollingRegime()));
            assertThat(consumer.getCurrentDelayMillis()).isBetween(1000L, 1100L);
            // an event passes each logger config on its way to the root (LogCapture): a repeat in a row is one event
            List<String> lines = log.lines().stream().filter(l -> l.contains("Polling of") && l.contains(" changes from "))
                    .map(l -> l.substring(l.indexOf(" changes from ") + 14)).toList();
            changes = new java.util.ArrayList<>();
            for (String line : lines) {
                if (changes.isEmpty() || !changes.get(changes.size() - 1).equals(line)) {
                    changes.add(line);
                }
            }
        }
        assertThat(received).doesNotHaveDuplicates().hasSize(60);
        // one line per change of regime: to the burst and back
        assertThat(changes).extracting(l -> l.substring(0, l.indexOf(':')))
                .containsSubsequence("plan to burst", "burst to plan");
        for (int i = 1; i < changes.size(); i++) {
            String previousTo = changes.get(i - 1).split(" to ")[1].split(":")[0];
            assertThat(changes.get(i)).as("each line is a change: %s", changes).startsWith(previousTo + " to ");
        }
    }

    @Test
    void neverPollsFasterThanTheShareOfTheDayAllows() throws Exception {
        // a day of 50 calls (49 after the 2 % margin) cannot pay for polls every 200 ms: the even pace of what is left
        CashfinLeadsConsumer consumer =
                start("maxRequestsPerDay=50&adaptivePolling=true&delay=1000&minDelay=200&maxDelay=1000");
        cashfin.insertLeads(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        // the leads reach the route inside the poll; the cadence is set once that poll has ended
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(consumer.getPollingRegime()).isEqualTo("budget"));
        long left = consumer.getCallsLeftToday();
        assertThat(left).isBetween(40L, 48L);
        Instant midnight = Instant.now().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        long even = Duration.between(Instant.now(), midnight).toMillis() / left;
        assertThat(consumer.getCurrentDelayMillis()).as("the rest of the day over the calls left")
                .isGreaterThanOrEqualTo(Math.min(even - 2_000, 3_600_000));
        assertThat(consumer.getProjectedCallsToday()).isLessThanOrEqualTo(left);

        // new leads do not make it poll sooner than its share allows
        long calls = cashfin.listCalls();
        cashfin.insertLeads(1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> cashfin.listCalls() == calls && received.size() == 2);
    }

    @Test
    void showsTheCadenceCallsLeftAndProjectedSpendInTheConsoleJmxAndMetrics() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.setManagementName("cashfin-adaptive-test");
        camel.getRegistry().bind("metricsRegistry", meters);
        // Free: 980 calls a day cannot pay for idling at 800 ms, so the cadence is the even pace of what is left
        CashfinLeadsConsumer consumer = start("plan=free&adaptivePolling=true&delay=800&minDelay=200&maxDelay=800", camel);
        await().atMost(Duration.ofSeconds(20)).until(() -> "budget".equals(consumer.getPollingRegime()));
        long delay = consumer.getCurrentDelayMillis();
        assertThat(delay).isGreaterThan(800);

        org.apache.camel.console.DevConsole console = context.getCamelContextExtension()
                .getContextPlugin(org.apache.camel.console.DevConsoleRegistry.class).resolveById("cashfin-leads");
        org.apache.camel.util.json.JsonObject json =
                (org.apache.camel.util.json.JsonObject) console.call(org.apache.camel.console.DevConsole.MediaType.JSON);
        org.apache.camel.util.json.JsonObject cadence = ((org.apache.camel.util.json.JsonArray) json.get("endpoints"))
                .stream().map(org.apache.camel.util.json.JsonObject.class::cast)
                .filter(e -> e.get("consumer") != null)
                .map(e -> (org.apache.camel.util.json.JsonObject) ((org.apache.camel.util.json.JsonObject) e
                        .get("consumer")).get("cadence"))
                .findFirst().orElseThrow();
        assertThat(cadence.getString("regime")).isEqualTo("budget");
        assertThat(cadence.getLong("delayMillis")).isEqualTo(delay);
        assertThat(cadence.getString("nextPollAt")).isNotNull();
        // Free: 980 calls a day after the margin, less the one poll made
        assertThat(cadence.getLong("callsLeftToday")).isBetween(970L, 980L);
        assertThat(cadence.getLong("projectedCallsToday")).isBetween(1L, cadence.getLong("callsLeftToday"));
        assertThat((String) console.call(org.apache.camel.console.DevConsole.MediaType.TEXT))
                .contains("Cadence: budget, every " + delay + " ms, next poll ");

        assertThat(meters.get("cashfin.leads.consumer.delay").tag("routeId", "adaptive").gauge().value())
                .isEqualTo((double) delay);
        assertThat(meters.get("cashfin.leads.consumer.calls.left").gauge().value()).isBetween(970.0, 980.0);
        assertThat(meters.get("cashfin.leads.consumer.calls.projected").gauge().value()).isPositive();

        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name = jmx.queryNames(new javax.management.ObjectName(
                "org.apache.camel:context=cashfin-adaptive-test,type=consumers,*"), null).stream()
                .filter(n -> n.getKeyProperty("name").contains("CashfinLeadsConsumer")).findFirst().orElseThrow();
        assertThat(jmx.getAttribute(name, "PollingRegime")).isEqualTo("budget");
        assertThat(jmx.getAttribute(name, "CurrentDelayMillis")).isEqualTo(delay);
        assertThat((Long) jmx.getAttribute(name, "CallsLeftToday")).isBetween(970L, 980L);
        assertThat((Long) jmx.getAttribute(name, "ProjectedCallsToday")).isPositive();
    }
}
