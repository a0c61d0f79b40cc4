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
        runUntil(consumer, until, busyDays ? 9 : -1, busyDays ? 9 : -1);
    }

    /**
     * Runs the polls the cadence asks for until {@code until}; a lead arrives every minute of the hour
     * {@code weekdayHour} of each weekday and {@code weekendHour} of each Saturday and Sunday (-1: none).
     */
    private void runUntil(CashfinLeadsConsumer consumer, Instant until, int weekdayHour, int weekendHour) {
        List<Instant> arrivals = new ArrayList<>();
        {
            Instant day = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            for (; day.isBefore(until); day = day.plus(Duration.ofDays(1))) {
                int hour = day.atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getValue() >= 6 ? weekendHour
                        : weekdayHour;
                for (int m = 0; hour >= 0 && m < 60; m++) {
                    Instant at = day.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(m));
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

    /**
     * A profile stored by the version before weekends were learnt apart (one row under {@code <stateKey>#arrivals},
     * the same v1 form) is restored as the weekdays' profile: the first poll after the upgrade follows it.
     */
    @Test
    void aProfileStoredBeforeWeekendsWereLearntApartIsRestoredAsTheWeekdays() throws Exception {
        String hours = "0,0,0,0,0,0,0,0,0,60,0,0,0,0,0,0,0,0,0,0,0,0,0,0";
        // as the previous version wrote it: the day in progress ends on Thursday 2026-03-05, three past days
        String old = "v1;dayEnds=2026-03-05T00:00:00Z;today=" + hours + ";past=" + hours + "|" + hours + "|" + hours;
        FileStateRepository stored = FileStateRepository.fileStateRepository(work.resolve("lead-cursor.txt").toFile());
        stored.start();
        stored.setState("cashfin-leads:list#arrivals", old);
        stored.stop();
        clock.set(Instant.parse("2026-03-05T03:00:00Z"));
        try (LogCapture log = new LogCapture()) {
            CashfinLeadsConsumer consumer = start();
            consumer.run();
            assertThat(consumer.getPollingRegime()).as("at 03:00, by the restored profile").isEqualTo("idle");
            assertThat(consumer.getCurrentDelayMillis()).isEqualTo(2 * HOUR);
            assertThat(log.lines()).anyMatch(l -> l.contains("weekday arrival profile of 3 past server weekdays"
                                                             + " restored from state key 'cashfin-leads:list#arrivals'"));
        }
        runUntil(consumer(), Instant.parse("2026-03-05T09:15:00Z"), false);
        assertThat(consumer().getCurrentDelayMillis()).as("at 09:15").isLessThan(Duration.ofMinutes(20).toMillis());
    }

    private CashfinLeadsConsumer consumer() {
        return (CashfinLeadsConsumer) context.getRoute("leads").getConsumer();
    }

    /**
     * Weekdays and weekends are learnt and kept apart: two weeks with leads from 09:00 on weekdays and from 14:00 on
     * weekends, then a restart on the third Sunday at 03:00. The Sunday follows the weekends' profile from its first
     * poll (fast at 14:15, not at 09:15), both profiles are stored under their keys, and the Monday after
     * follows the weekdays'.
     */
    @Test
    void weekdaysAndWeekendsAreLearntApartAndBothSurviveARestart() throws Exception {
        CashfinLeadsConsumer consumer = start();
        Instant sunday = DAY1.plus(Duration.ofDays(13)); // 2026-03-15
        runUntil(consumer, sunday.plus(Duration.ofHours(3)), 9, 14);
        context.stop();
        FileStateRepository stored = FileStateRepository.fileStateRepository(work.resolve("lead-cursor.txt").toFile());
        stored.start();
        assertThat(stored.getState("cashfin-leads:list#arrivals")).startsWith("v1;dayEnds=2026-03-14T00:00:00Z");
        assertThat(stored.getState("cashfin-leads:list#arrivals#weekend"))
                .startsWith("v1;dayEnds=2026-03-16T00:00:00Z");
        stored.stop();

        try (LogCapture log = new LogCapture()) {
            consumer = start();
            consumer.run();
            assertThat(log.lines()).anyMatch(l -> l.contains("weekend arrival profile of 3 past server weekends"
                                                             + " restored from state key"
                                                             + " 'cashfin-leads:list#arrivals#weekend'"));
        }
        runUntil(consumer, sunday.plus(Duration.ofMinutes(9 * 60 + 15)), 9, 14);
        assertThat(consumer.getCurrentDelayMillis()).as("Sunday 09:15: no weekend had leads then")
                .isGreaterThanOrEqualTo(HOUR);
        runUntil(consumer, sunday.plus(Duration.ofMinutes(14 * 60 + 15)), 9, 14);
        assertThat(consumer.getCurrentDelayMillis()).as("Sunday 14:15").isLessThan(Duration.ofMinutes(20).toMillis());
        Instant monday = sunday.plus(Duration.ofDays(1));
        runUntil(consumer, monday.plus(Duration.ofMinutes(9 * 60 + 15)), 9, 14);
        assertThat(consumer.getCurrentDelayMillis()).as("Monday 09:15").isLessThan(Duration.ofMinutes(20).toMillis());
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
            assertThat(log.lines()).anyMatch(l -> l.contains("weekday arrival profile of 3 past server weekdays"
                                                             + " restored from state key 'cashfin-leads:list#arrivals'")
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
