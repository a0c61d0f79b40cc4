package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.leads.testing.ManualClockTime;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Plan;

/**
 * Adaptive polling in a route written as in docs/component.md: the cadence follows the day's plan (the calls of
 * {@code delay}), speeds up while leads arrive faster than the plan expects, returns to the plan when they stop, logs
 * one line per change of regime, and never polls faster than the endpoint's share of the day.
 * <p>
 * The route runs on one virtual clock with the simulator (the component's {@code timeSource}): the test runs a poll
 * ({@code startScheduler=false}, {@code consumer.run()}) when the clock reaches the cadence's {@code NextPollAt}, as
 * AdaptiveTailRouteTest does, so what it asserts (the delays chosen, the calls made, the order of the regimes) does not
 * depend on how loaded the machine is; a run before the poll is due makes no call (the due check on the component's
 * clock). The scheduler's tick in real time is AdaptivePollingRecipeTest's.
 */
class AdaptivePollingRouteTest {

    /** A Monday, 06:00 UTC: 18 hours left in the server's day. */
    private static final Instant SIX = Instant.parse("2026-03-02T06:00:00Z");
    private static final Instant MIDNIGHT = Instant.parse("2026-03-03T00:00:00Z");

    private final ManualClock clock = new ManualClock(SIX);
    private final CashfinSimulator cashfin = CashfinSimulator.builder().plan(Plan.FREE).clock(clock).start();
    private CamelContext context;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        cashfin.stop();
    }

    private CashfinLeadsConsumer start(String options) throws Exception {
        return start(options, new DefaultCamelContext());
    }

    private CashfinLeadsConsumer start(String options, CamelContext camel) throws Exception {
        context = camel;
        context.getComponent("cashfin-leads", CashfinLeadsComponent.class).setTimeSource(new ManualClockTime(clock));
        context.getPropertiesComponent().addInitialProperty("cashfin.secret", cashfin.secret());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?clientSecret=RAW({{cashfin.secret}})&baseUrl=" + cashfin.baseUrl()
                     + "&sweepEnabled=false&startScheduler=false&" + options)
                        .routeId("adaptive")
                        .process(e -> received.add(e.getMessage().getHeader("CamelCashfinLeadId", String.class)));
            }
        });
        context.start();
        return (CashfinLeadsConsumer) context.getRoute("adaptive").getConsumer();
    }

    /** Moves the clock to the cadence's next poll (the first poll: now) and runs it; returns when it was due. */
    private Instant pollWhenDue(CashfinLeadsConsumer consumer) {
        String due = consumer.getNextPollAt();
        Instant at = due == null ? clock.instant() : Instant.parse(due);
        if (at.isAfter(clock.instant())) {
            clock.set(at);
        }
        long calls = cashfin.listCalls();
        consumer.run();
        assertThat(cashfin.listCalls()).as("a due poll calls the list").isGreaterThan(calls);
        return at;
    }

    /** A run of the consumer before its next poll is due makes no call. */
    private void notDueBefore(CashfinLeadsConsumer consumer, Duration early) {
        Instant due = Instant.parse(consumer.getNextPollAt());
        clock.set(due.minus(early));
        long calls = cashfin.listCalls();
        consumer.run();
        assertThat(cashfin.listCalls()).as("a run %s before the poll is due", early).isEqualTo(calls);
    }

    @Test
    void pollsAtTheDelayFasterDuringABurstAndBackToThePlanWhenItEnds() throws Exception {
        List<String> changes;
        try (LogCapture log = new LogCapture()) {
            // no past day: the plan is the calls of delay=5m from 06:00 to midnight (216), spread evenly
            CashfinLeadsConsumer consumer =
                    start("plan=free&adaptivePolling=true&delay=5m&minDelay=1m&maxDelay=30m");
            pollWhenDue(consumer);
            assertThat(consumer.getPollingRegime()).isEqualTo("plan");
            // 18 h over the 215 polls left: 5 min 01 s
            assertThat(consumer.getCurrentDelayMillis()).as("the day over its plan's polls")
                    .isBetween(300_000L, 302_000L);
            assertThat(consumer.getCallsLeftToday()).as("the Free plan's day (980 after the margin), less one poll")
                    .isEqualTo(979);

            // at the plan's pace: three polls, each one call, each about 5 minutes after the one before
            Instant from = pollWhenDue(consumer);
            long idleCalls = cashfin.listCalls();
            for (int i = 0; i < 3; i++) {
                notDueBefore(consumer, Duration.ofSeconds(1));
                pollWhenDue(consumer);
            }
            assertThat(cashfin.listCalls() - idleCalls).isEqualTo(3);
            assertThat(Duration.between(from, clock.instant())).isBetween(Duration.ofMinutes(15),
                    Duration.ofMinutes(15).plusSeconds(6));

            // a burst: ten new leads before every poll, nine times the rate the plan expects and more, make it poll
            // faster, down to minDelay
            long fastest = Long.MAX_VALUE;
            List<String> regimes = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int before = received.size();
                cashfin.insertLeads(10);
                pollWhenDue(consumer);
                assertThat(received).hasSize(before + 10);
                fastest = Math.min(fastest, consumer.getCurrentDelayMillis());
                regimes.add(consumer.getPollingRegime());
            }
            assertThat(regimes).as("every poll of the burst").containsOnly("burst");
            assertThat(fastest).as("the delay during the burst").isEqualTo(60_000);
            notDueBefore(consumer, Duration.ofSeconds(1));

            // nothing more: the burst lingers while the silence is shorter than 20 of its mean gaps between leads (ten
            // leads a poll at a delay of 1 to 1.5 min: 2 to 3 min), so the two polls that find nothing come a minute
            // apart, still in the burst; the next goes back to the plan, its polls now a little further apart (the
            // burst's polls came out of the rest of the day)
            for (int i = 0; i < 2; i++) {
                pollWhenDue(consumer);
                assertThat(consumer.getPollingRegime()).as("empty poll %d, the burst lingers", i + 1).isEqualTo("burst");
                assertThat(consumer.getCurrentDelayMillis()).isEqualTo(60_000);
            }
            pollWhenDue(consumer);
            assertThat(consumer.getPollingRegime()).isEqualTo("plan");
            assertThat(consumer.getCurrentDelayMillis()).isBetween(300_000L, 312_000L);
            changes = log.lines().stream().filter(l -> l.contains("Polling of") && l.contains(" changes from "))
                    .map(l -> l.substring(l.indexOf(" changes from ") + 14)).distinct().toList();
        }
        assertThat(received).doesNotHaveDuplicates().hasSize(60);
        // one line per change of regime: to the burst and back, nothing else
        assertThat(changes).extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly("plan to burst", "burst to plan");
    }

    /**
     * A campaign's leads arrive at random times, so a burst of 30 a minute has a silence of 18 s now and then (the
     * simulated day's campaign on the Starter plan, seed 21: docs/performance.md). A poll that meets such a gap finds
     * nothing; before, it ended the burst at once and the campaign's next leads waited for the plan's next poll, about
     * 5 minutes. Now the burst lingers: while the silence since its last busy poll is shorter than 20 of the burst's
     * own mean gaps between leads (2 s at 30 a minute: 40 s), the cadence polls again at the burst's delay, so the
     * leads after the gap wait that delay; once the campaign ends, the lingering costs the polls of those 40 s.
     */
    @Test
    void aGapInABurstDoesNotLeaveTheBurstsOtherLeadsToThePlansDelay() throws Exception {
        List<String> changes;
        try (LogCapture log = new LogCapture()) {
            CashfinLeadsConsumer consumer =
                    start("plan=starter&adaptivePolling=true&delay=5m&minDelay=10s&maxDelay=30m");
            pollWhenDue(consumer);
            assertThat(consumer.getPollingRegime()).isEqualTo("plan");
            // a campaign of 30 leads a minute: before each poll, the leads of the time since the poll before
            Instant last = clock.instant();
            for (int i = 0; i < 10; i++) {
                Instant due = Instant.parse(consumer.getNextPollAt());
                cashfin.insertLeads((int) (Duration.between(last, due).toSeconds() / 2));
                last = pollWhenDue(consumer);
            }
            assertThat(consumer.getPollingRegime()).isEqualTo("burst");
            long burstDelay = consumer.getCurrentDelayMillis();
            assertThat(burstDelay).as("the burst's delay").isBetween(10_000L, 40_000L);
            int beforeGap = received.size();

            // a gap: the poll finds nothing and the burst goes on at its delay
            Instant gap = pollWhenDue(consumer);
            assertThat(received).hasSize(beforeGap);
            assertThat(consumer.getPollingRegime()).as("a gap is no end of the burst").isEqualTo("burst");
            assertThat(consumer.getCurrentDelayMillis()).isEqualTo(burstDelay);

            // the campaign's next leads, right after the gap poll: emitted at the burst's delay, not the plan's
            cashfin.insertLeads(10);
            Instant found = pollWhenDue(consumer);
            assertThat(received).hasSize(beforeGap + 10);
            assertThat(Duration.between(gap, found)).as("the wait of the leads after the gap")
                    .isEqualTo(Duration.ofMillis(burstDelay));
            assertThat(consumer.getPollingRegime()).isEqualTo("burst");

            // the campaign ends: the burst lingers at most 40 s (20 gaps of 2 s) after its last busy poll, then the plan
            long calls = cashfin.listCalls();
            Instant lastBusy = found;
            while (!consumer.getPollingRegime().equals("plan")) {
                Instant at = pollWhenDue(consumer);
                assertThat(Duration.between(lastBusy, at)).as("lingering").isLessThanOrEqualTo(
                        Duration.ofSeconds(40).plusMillis(burstDelay));
            }
            assertThat(cashfin.listCalls() - calls).as("the polls after the campaign, the last one back to the plan")
                    .isBetween(1L, 4L);
            assertThat(consumer.getCurrentDelayMillis()).as("the plan's, the burst's polls taken from the rest of the day")
                    .isBetween(300_000L, 400_000L);
            changes = log.lines().stream().filter(l -> l.contains("Polling of") && l.contains(" changes from "))
                    .distinct()
                    .map(l -> l.substring(l.indexOf(" changes from ") + 14, l.indexOf(':', l.indexOf(" changes from "))))
                    .toList();
        }
        assertThat(received).doesNotHaveDuplicates();
        assertThat(changes).as("one line per change of regime: the gap is none").containsExactly("plan to burst",
                "burst to plan");
    }

    @Test
    void neverPollsFasterThanTheShareOfTheDayAllows() throws Exception {
        // a day of 50 calls (49 after the 2 % margin) cannot pay for polls every 5 minutes for 18 hours (216), nor
        // for idling at maxDelay: the even pace of what is left
        CashfinLeadsConsumer consumer =
                start("maxRequestsPerDay=50&adaptivePolling=true&delay=5m&minDelay=1m&maxDelay=5m");
        int inserted = 2;
        cashfin.insertLeads(2);
        pollWhenDue(consumer);
        assertThat(received).hasSize(2);
        assertThat(consumer.getPollingRegime()).isEqualTo("budget");
        long left = consumer.getCallsLeftToday();
        assertThat(left).isEqualTo(48);
        long even = Duration.between(clock.instant(), MIDNIGHT).toMillis() / left;
        assertThat(consumer.getCurrentDelayMillis()).as("the rest of the day over the calls left: 22 min 30 s")
                .isBetween(even, even + 1_000);
        assertThat(consumer.getProjectedCallsToday()).isLessThanOrEqualTo(left);

        // new leads, ten before every poll, do not make it poll sooner than its share allows, to the end of the day
        long callsAtSix = cashfin.listCalls() - 1;
        while (true) {
            cashfin.insertLeads(10);
            inserted += 10;
            Instant due = Instant.parse(consumer.getNextPollAt());
            if (!due.isBefore(MIDNIGHT)) {
                break;
            }
            notDueBefore(consumer, Duration.ofSeconds(1));
            pollWhenDue(consumer);
            assertThat(consumer.getPollingRegime()).as("at %s", clock.instant()).isIn("budget", "spent");
        }
        assertThat(cashfin.listCalls() - callsAtSix).as("the day's calls: at most the share of 49").isBetween(45L, 49L);
        // the first poll of the next day delivers what the last one of the day did not
        pollWhenDue(consumer);
        assertThat(received).doesNotHaveDuplicates().hasSize(inserted);
    }

    @Test
    void showsTheCadenceCallsLeftAndProjectedSpendInTheConsoleJmxAndMetrics() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.setManagementName("cashfin-adaptive-test");
        camel.getRegistry().bind("metricsRegistry", meters);
        // Free: 980 calls a day cannot pay for idling at 800 ms for 18 hours, so the cadence is the even pace of what is left
        CashfinLeadsConsumer consumer = start("plan=free&adaptivePolling=true&delay=800&minDelay=200&maxDelay=800", camel);
        pollWhenDue(consumer);
        assertThat(consumer.getPollingRegime()).isEqualTo("budget");
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
