package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConstants;
import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.leads.api.limit.VirtualTime;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The two cases docs/consumer-design.md ("What the fast path relies on") leaves to the sweep, through a real route
 * against the simulator: the poll from the cursor cannot see them (with {@code sweepEnabled=false} the leads are never
 * emitted: checked when these tests were written), the sweep emits each lost lead once, within its bound (one pass:
 * {@code ceil(P / sweepPagesPerPoll)} polls and {@code P} sweep pages, {@code P} the view's pages), marked
 * {@code CamelCashfinEmittedBy=sweep} and counted as recovered (Micrometer and JMX).
 * <p>
 * The component runs on a virtual clock moved a minute before each poll, on plan {@code unlimited} with
 * {@code delay=1}: the sweep's pace has always earned its pages, so only {@code sweepPagesPerPoll} bounds a poll's
 * sweep, whatever the machine's load ({@code sweepMinPassInterval=0}: passes follow each other).
 */
class ConsumerSweepRecoveryTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    private static final String SWEEP = "&plan=unlimited&delay=1&sweepPagesPerPoll=1&sweepMinPassInterval=0";

    private final VirtualTime time = VirtualTime.autoAdvancing();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static Map<String, Object> lead(String name, String status, Instant createdat) {
        Map<String, Object> lead = new HashMap<>();
        lead.put("name", name);
        lead.put("email", name.toLowerCase().replace(' ', '.') + "@example.com");
        lead.put("status", status);
        lead.put("createdat", createdat);
        return lead;
    }

    private static String id(Map<String, Object> lead) {
        return (String) lead.get("_id");
    }

    private static List<String> inView(String status) {
        return sim.leads().stream().filter(l -> status.equals(l.get("status"))).map(ConsumerSweepRecoveryTest::id)
                .toList();
    }

    private ConsumerHarness harness(String uri, String managementName) throws Exception {
        ConsumerHarness h = new ConsumerHarness(sim, uri, Map.of("metricsRegistry", meters), false);
        h.context.setManagementName(managementName);
        h.context.getComponent("cashfin-leads", CashfinLeadsComponent.class).setTimeSource(time);
        return h.start();
    }

    private void poll(ConsumerHarness h) {
        time.advance(Duration.ofMinutes(1));
        h.poll();
    }

    private static Map<String, String> emittedBy(ConsumerHarness h) {
        Map<String, String> by = new HashMap<>();
        for (Exchange e : h.delivered) {
            by.merge(e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID, String.class),
                     e.getMessage().getHeader(CashfinLeadsConstants.EMITTED_BY, String.class), (a, b) -> a + "," + b);
        }
        return by;
    }

    /** The consumer's "leads recovered by the sweep" as JMX shows it. */
    private static Object recoveredOverJmx(String managementName) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(
                new ObjectName("org.apache.camel:context=" + managementName + ",type=consumers,*"), null);
        assertThat(names).hasSize(1);
        return server.getAttribute(names.iterator().next(), "LeadsRecoveredBySweep");
    }

    /**
     * Polls (at most {@code bound}) until every lead of {@code lost} was delivered; returns the polls it took and the
     * list calls they made.
     */
    private long[] pollUntilDelivered(ConsumerHarness h, List<String> lost, int bound) {
        long calls = sim.listCalls();
        int polls = 0;
        while (!h.deliveredIds().containsAll(lost) && polls < bound) {
            poll(h);
            polls++;
        }
        return new long[] { polls, sim.listCalls() - calls };
    }

    /**
     * Case 1: between two polls a late import (two leads stamped a little in the past, inside the lookback, on the
     * view's page 2) and two leads leaving the view far below the cursor (worked: {@code status} no longer
     * {@code new}). The list's {@code total} does not move, so the next poll from the cursor reads page 1 only (growth
     * 0, found 0: no late check) and the view's total gives the sweep no evidence either: the paced pass finds them.
     * With {@code sweepEnabled=false} they are not emitted in 11 polls (the periodic window check, every 12th, would
     * read them while they are inside the lookback).
     */
    @Test
    void aLateImportBalancedByLeadsLeavingBelowTheCursorIsRecoveredByTheSweepWithinOnePass() throws Exception {
        Instant newest = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        List<String> older = new ArrayList<>(); // 30 leads 20 s apart, oldest first, the newest a minute old
        for (int i = 0; i < 30; i++) {
            older.add(id(sim.addLead(lead("Lead " + i, "new", newest.minusSeconds(20L * (29 - i))))));
        }
        String jmx = "cashfin-sweep-balanced";
        try (LogCapture log = new LogCapture();
             ConsumerHarness h = harness("cashfin-leads:list?status=new&limit=10&startScheduler=false" + SWEEP, jmx)) {
            poll(h);
            assertThat(h.deliveredIds()).hasSize(30);
            sim.updateLead(older.get(0), "contacted"); // the two oldest leads, far below the cursor, are worked
            sim.updateLead(older.get(1), "contacted");
            List<String> late = List.of( // 210 s older than the cursor (inside the 5-minute lookback): page 2
                    id(sim.addLead(lead("Late 0", "new", newest.minusSeconds(210)))),
                    id(sim.addLead(lead("Late 1", "new", newest.minusSeconds(210).plusMillis(1)))));

            int pages = 3; // P: 30 leads in view, limit 10
            long[] took = pollUntilDelivered(h, late, pages);
            assertThat(h.deliveredIds()).as("emitted within one pass: %s polls", pages).containsAll(late);
            assertThat(took[1]).as("list calls: a call per poll from the cursor plus at most P sweep pages")
                    .isLessThanOrEqualTo(took[0] + pages);
            Map<String, String> by = emittedBy(h);
            late.forEach(id -> assertThat(by.get(id)).as("found by the sweep, once").isEqualTo("sweep"));
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(32).containsAll(inView("new"));
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) h.consumer();
            assertThat(consumer.getLeadsRecoveredBySweep()).isEqualTo(2);
            assertThat(recoveredOverJmx(jmx)).isEqualTo(2L);
            assertThat(meters.get("cashfin.leads.consumer.sweep.recovered").counter().count()).isEqualTo(2.0);
            assertThat(log.levelledLines().stream().filter(l -> l.startsWith("INFO") && l.contains("recovered"))
                    .distinct()).as("one INFO line naming both").singleElement()
                    .satisfies(l -> assertThat(l).contains(late.get(0)).contains(late.get(1)));
        }
    }
}
