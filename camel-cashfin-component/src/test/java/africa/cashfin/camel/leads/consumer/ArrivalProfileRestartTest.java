package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.leads.testing.ManualClockTime;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Plan;

/**
 * The adaptive cadence's arrival profile survives a restart (issue 21): a route written as in docs/component.md
 * ({@code adaptivePolling=true} with Camel's file repositories as {@code stateRepository} and
 * {@code idempotentRepository}) learns over three simulated days that leads arrive between 09:00 and 10:00; the
 * CamelContext is then stopped and a new one started on the same files. Its first poll already follows the profile
 * (idle at {@code maxDelay} at 03:00, fast before 10:00), where a cadence without the profile polls evenly at
 * {@code delay}. The simulator and the component run on one virtual clock; the test runs each poll when the cadence
 * says it is due ({@code startScheduler=false}), as SimulatedDayBenchmark does.
 */
class ArrivalProfileRestartTest {

    private static final Instant DAY1 = Instant.parse("2026-03-02T00:00:00Z");
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @TempDir
    Path work;

    private final ManualClock clock = new ManualClock(DAY1);
    private CashfinSimulator cashfin;
    private CamelContext context;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void startCashfin() {
        cashfin = CashfinSimulator.builder().plan(Plan.UNLIMITED).clock(clock).start();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        cashfin.stop();
    }

    private CashfinLeadsConsumer start() throws Exception {
        context = new DefaultCamelContext();
        context.getComponent("cashfin-leads", CashfinLeadsComponent.class).setTimeSource(new ManualClockTime(clock));
        context.getPropertiesComponent().addInitialProperty("cashfin.secret", cashfin.secret());
        File seen = work.resolve("seen-leads.txt").toFile();
        File cursor = work.resolve("lead-cursor.txt").toFile();
        context.getRegistry().bind("seenLeads", FileIdempotentRepository.fileIdempotentRepository(seen));
        context.getRegistry().bind("leadCursor", FileStateRepository.fileStateRepository(cursor));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?clientSecret=RAW({{cashfin.secret}})&baseUrl=" + cashfin.baseUrl()
                     + "&idempotentRepository=#seenLeads&stateRepository=#leadCursor&sweepEnabled=false"
                     + "&adaptivePolling=true&delay=" + HOUR + "&minDelay=" + 5 * 60_000 + "&maxDelay=" + 2 * HOUR
                     + "&startScheduler=false")
                        .routeId("leads")
                        .process(e -> received.incrementAndGet());
            }
        });
        context.start();
        return (CashfinLeadsConsumer) context.getRoute("leads").getConsumer();
    }

    /**
     * Runs the polls the cadence asks for until {@code until}; each day between 09:00 and 10:00 of {@code busyDays}
     * a lead arrives every minute.
     */
    private void runUntil(CashfinLeadsConsumer consumer, Instant until, boolean busyDays) {
        List<Instant> arrivals = new ArrayList<>();
        if (busyDays) {
            Instant day = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            for (; day.isBefore(until); day = day.plus(Duration.ofDays(1))) {
                for (int m = 0; m < 60; m++) {
                    Instant at = day.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(m));
                    if (!at.isBefore(clock.instant()) && at.isBefore(until)) {
                        arrivals.add(at);
                    }
                }
            }
        }
        int next = 0;
        while (true) {
            String due = consumer.getNextPollAt();
            Instant poll = due == null ? clock.instant() : Instant.parse(due);
            if (next < arrivals.size() && !arrivals.get(next).isAfter(poll)) {
                clock.set(arrivals.get(next++));
                cashfin.insertLeads(1);
                continue;
            }
            if (!poll.isBefore(until)) {
                return;
            }
            if (poll.isAfter(clock.instant())) {
                clock.set(poll);
            }
            consumer.run();
        }
    }

    @Test
    void theCadenceFollowsTheLearntProfileRightAfterARestart() throws Exception {
        CashfinLeadsConsumer consumer = start();
        // three days of leads at 09:00-10:00 teach the profile; the fourth day starts
        Instant day4 = DAY1.plus(Duration.ofDays(3));
        runUntil(consumer, day4.plus(Duration.ofHours(3)), true);
        assertThat(received.get()).isEqualTo(180);
        assertThat(consumer.getPollingRegime()).as("at night, by the learnt profile").isEqualTo("idle");
        assertThat(consumer.getCurrentDelayMillis()).isEqualTo(2 * HOUR);

        // a restart: a new CamelContext on the same files
        context.stop();
        try (LogCapture log = new LogCapture()) {
            consumer = start();
            clock.set(day4.plus(Duration.ofHours(3)));
            consumer.run();
            // the first poll after the restart already follows the profile: idle at night (without it: plan, 1 h)
            assertThat(consumer.getPollingRegime()).isEqualTo("idle");
            assertThat(consumer.getCurrentDelayMillis()).isEqualTo(2 * HOUR);
            assertThat(log.lines()).anyMatch(l -> l.contains("arrival profile of 3 past server days restored from"
                                                             + " state key 'cashfin-leads:list#arrivals'")
                                                  && l.contains("the cadence follows it from the first poll"));
        }
        assertThat(FileStateRepository.fileStateRepository(work.resolve("lead-cursor.txt").toFile()))
                .satisfies(r -> {
                    r.start();
                    assertThat(r.getState("cashfin-leads:list#arrivals")).startsWith("v1;dayEnds=");
                    r.stop();
                });

        // before the busy hour the cadence polls fast, where an even cadence would stay at an hour
        runUntil(consumer, day4.plus(Duration.ofMinutes(9 * 60 + 15)), false);
        assertThat(consumer.getPollingRegime()).isEqualTo("plan");
        assertThat(consumer.getCurrentDelayMillis()).as("at 09:15").isLessThan(Duration.ofMinutes(20).toMillis());
    }
}
