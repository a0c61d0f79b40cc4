package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.testing.ManualClockTime;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.ManualClock;

/**
 * A failed lead's backoff ({@code failedLeadRetryDelay}) runs on the component's {@code timeSource}, the clock of its
 * cadence, sweep and limiter: on a virtual clock (the simulated-day tests and benchmarks) the lead is offered again once
 * that clock passes its delay, and the consumer's "next retry" attribute is on that clock too. Counted on the machine's
 * clock, the 10 minutes below never passed during the test and the lead waited for ever.
 */
class FailedLeadBackoffOnTheTimeSourceTest {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension(CashfinSimulator.builder().clock(CLOCK));

    @Test
    void aFailedLeadIsOfferedAgainWhenTheVirtualClockPassesItsDelay() throws Exception {
        String failing = sim.seedLeads(3, 7, Duration.ofSeconds(1)).get(1).get("_id").toString();
        String uri = ConsumerFailingLeadTest.MANUAL.replace("failedLeadRetryDelay=0", "failedLeadRetryDelay=600000")
                     + "&failedLeadRetryMultiplier=1&failedLeadMaxAttempts=5";
        try (ConsumerHarness h = new ConsumerHarness(sim, uri)) {
            h.context.getComponent("cashfin-leads", CashfinLeadsComponent.class)
                    .setTimeSource(new ManualClockTime(CLOCK));
            h.start();
            h.failuresToInject.put(failing, 1);

            Instant failedAt = CLOCK.instant();
            h.poll();
            assertThat(h.deliveredIds()).hasSize(2).doesNotContain(failing);
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) h.consumer();
            assertThat(consumer.getFailedLeadsWaiting()).isEqualTo(1);
            assertThat(Instant.parse(consumer.getNextFailedLeadRetry())).as("due 10 minutes on the virtual clock")
                    .isEqualTo(failedAt.plus(Duration.ofMinutes(10)));

            CLOCK.advance(Duration.ofMinutes(9));
            h.poll();
            assertThat(h.attempts.stream().filter(failing::equals)).as("not due yet").hasSize(1);

            CLOCK.advance(Duration.ofMinutes(2));
            h.poll();
            assertThat(h.attempts.stream().filter(failing::equals)).as("offered again").hasSize(2);
            assertThat(h.deliveredIds()).hasSize(3).endsWith(failing);
            assertThat(consumer.getFailedLeadsWaiting()).isZero();
        }
    }
}
