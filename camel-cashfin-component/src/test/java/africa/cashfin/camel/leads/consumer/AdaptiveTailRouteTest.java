package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.testing.ManualClockTime;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Plan;

/**
 * The tail objective of adaptive polling in a route written as in docs/rate-limiting.md ({@code adaptivePolling=true},
 * {@code adaptiveObjective=tail}, delays of minutes to hours, the Free plan) on one virtual clock with the simulator: after
 * three days on which a lead arrived every 3 minutes from 09:00 to 17:00, the fourth day polls those hours at most
 * {@code B / (P - I)} apart (the bound of docs/rate-limiting.md), the night at {@code maxDelay}, and spends no more
 * than its plan, well within the Free share. The test runs each poll when the cadence says it is due
 * ({@code startScheduler=false}), as ArrivalProfileRestartTest does.
 */
class AdaptiveTailRouteTest {

    /** A Monday. */
    private static final Instant DAY1 = Instant.parse("2026-03-02T00:00:00Z");

    private final ManualClock clock = new ManualClock(DAY1);
    private final CashfinSimulator cashfin = CashfinSimulator.builder().plan(Plan.FREE).clock(clock).start();
    private CamelContext context;
    private final AtomicInteger received = new AtomicInteger();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        cashfin.stop();
    }

    @Test
    void pollsTheBusyHoursEvenlyWithinTheBoundAndTheDayWithinItsPlan() throws Exception {
        context = new DefaultCamelContext();
        context.getComponent("cashfin-leads", CashfinLeadsComponent.class).setTimeSource(new ManualClockTime(clock));
        context.getPropertiesComponent().addInitialProperty("cashfin.secret", cashfin.secret());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?clientSecret=RAW({{cashfin.secret}})&baseUrl=" + cashfin.baseUrl()
                     + "&plan=free&sweepEnabled=false&adaptivePolling=true&adaptiveObjective=tail"
                     + "&delay=20m&minDelay=1m&maxDelay=2h&limit=10&startScheduler=false")
                        .routeId("leads")
                        .process(e -> received.incrementAndGet());
            }
        });
        context.start();
        CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) context.getRoute("leads").getConsumer();

        List<Instant> arrivals = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            for (int m = 0; m < 8 * 60; m += 3) {
                arrivals.add(DAY1.plus(Duration.ofDays(day)).plus(Duration.ofHours(9)).plus(Duration.ofMinutes(m)));
            }
        }
        Instant day4 = DAY1.plus(Duration.ofDays(3));
        List<Instant> polls = new ArrayList<>();
        long callsBeforeDay4 = -1;
        int next = 0;
        while (true) {
            String due = consumer.getNextPollAt();
            Instant poll = due == null ? clock.instant() : Instant.parse(due);
            if (next < arrivals.size() && !arrivals.get(next).isAfter(poll)) {
                clock.set(arrivals.get(next++));
                cashfin.insertLeads(1);
                continue;
            }
            if (!poll.isBefore(day4.plus(Duration.ofDays(1)))) {
                break;
            }
            if (poll.isAfter(clock.instant())) {
                clock.set(poll);
            }
            if (callsBeforeDay4 < 0 && !poll.isBefore(day4)) {
                callsBeforeDay4 = cashfin.listCalls();
            }
            consumer.run();
            if (!poll.isBefore(day4)) {
                polls.add(poll);
            }
        }
        long callsDay4 = cashfin.listCalls() - callsBeforeDay4;
        assertThat(received.get()).isEqualTo(arrivals.size());

        // the leads were seen from 08:30 to 17:00 (a poll's leads are spread over the time since the poll before: the
        // 09:00 lead over 08:40 to 09:00 on the first days, polled every 20 minutes): B is 8.5 h; I, the floor's polls
        // from 00:00 to 08:30 and from 17:00 to midnight, ceil(510 / 120) + ceil(420 / 120) = 9; P, the 72 of the
        // plan less the first poll
        long bound = (long) Math.ceil(Duration.ofMinutes(510).toMillis() / (71.0 - 9)); // in whole ms, as planned
        long longest = 0;
        long shortestNight = Long.MAX_VALUE;
        for (int i = 1; i < polls.size(); i++) {
            Instant from = polls.get(i - 1);
            long gap = Duration.between(from, polls.get(i)).toMillis();
            if (!from.isBefore(day4.plus(Duration.ofHours(9)))
                && !polls.get(i).isAfter(day4.plus(Duration.ofHours(17)))) {
                longest = Math.max(longest, gap);
            }
            if (polls.get(i).isBefore(day4.plus(Duration.ofHours(7)))) {
                shortestNight = Math.min(shortestNight, gap);
            }
        }
        assertThat(bound).as("B / (P - I): 8 min 13 s").isEqualTo(493_549);
        assertThat(longest).as("the longest gap between two polls from 09:00 to 17:00").isPositive()
                .isLessThanOrEqualTo(bound);
        assertThat(shortestNight).as("the floor before 07:00").isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(callsDay4).as("the day's plan (72) and two polls, within the Free share of 980")
                .isLessThanOrEqualTo(74);
    }
}
