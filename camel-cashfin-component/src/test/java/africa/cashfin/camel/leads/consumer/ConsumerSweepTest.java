package africa.cashfin.camel.leads.consumer;

import static africa.cashfin.camel.leads.consumer.SweepTestLeads.consumerMBean;
import static africa.cashfin.camel.leads.consumer.SweepTestLeads.emittedBy;
import static africa.cashfin.camel.leads.consumer.SweepTestLeads.id;
import static africa.cashfin.camel.leads.consumer.SweepTestLeads.idsWithStatus;
import static africa.cashfin.camel.leads.consumer.SweepTestLeads.lead;
import static africa.cashfin.camel.leads.consumer.SweepTestLeads.mbeans;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The view is the contract: leads that enter the endpoint's filtered view after the fast path passed their
 * {@code createdat} (qualified later, visible late, churn) are emitted once, by the sweep, through real routes against
 * the simulator; the sweep resumes after a restart, "sweep now" over JMX brings a pass forward, and an idle poll stays
 * one call when no sweep page is due.
 */
class ConsumerSweepTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    @TempDir
    Path dir;

    /** The flagship case: 20 qualified leads backfilled, then 10 older leads qualified by sales people. */
    @Test
    void leadsQualifiedAfterCreationEnterTheViewAndAreEmittedOnce() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 20; i++) { // the newest 2 minutes old: the cursor ends there
            sim.addLead(lead("Qualified " + i, "qualified", now.minus(Duration.ofMinutes(40 - 2 * i))));
        }
        List<String> later = new ArrayList<>(); // created 10 minutes ago: below the cursor and its 5-minute lookback
        for (int i = 0; i < 10; i++) {
            later.add(id(sim.addLead(lead("Later " + i, "new", now.minus(Duration.ofMinutes(10)).plusMillis(i)))));
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (ConsumerHarness h = new ConsumerHarness(sim, "cashfin-leads:list?status=qualified&startScheduler=false",
                                                     Map.of("metricsRegistry", meters), false).start()) {
            h.poll();
            assertThat(h.deliveredIds()).hasSize(20);
            assertThat(meters.get("cashfin.leads.consumer.sweep.last.full").gauge().value())
                    .as("no full sweep yet").isEqualTo(-1.0);
            later.forEach(id -> sim.updateLead(id, "qualified")); // sales people qualify them

            h.poll();
            assertThat(h.deliveredIds()).as("the view grew by 10, the fast path found none: the sweep runs now")
                    .hasSize(30).containsAll(later);
            for (int i = 0; i < 5; i++) {
                h.poll();
            }
            assertThat(h.deliveredIds()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(idsWithStatus(sim, "qualified"));
            Map<String, String> by = emittedBy(h);
            later.forEach(id -> assertThat(by.get(id)).as("new to the view, not to Cashfin").isEqualTo("sweep"));
            assertThat(by.values()).filteredOn("fastPath"::equals).hasSize(20);
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) h.consumer();
            assertThat(consumer.getLeadsRecoveredBySweep()).isEqualTo(10);
            assertThat(consumer.getLastFullSweep()).isNotNull();
            assertThat(meters.get("cashfin.leads.consumer.sweep.recovered").counter().count()).isEqualTo(10.0);
            assertThat(meters.get("cashfin.leads.consumer.sweep.pages").counter().count()).isGreaterThanOrEqualTo(1.0);
            assertThat(meters.get("cashfin.leads.consumer.sweep.last.full").gauge().value())
                    .isEqualTo((double) Instant.parse(consumer.getLastFullSweep()).getEpochSecond());
            assertThat(meters.get("cashfin.leads.consumer.sweep.page").gauge().value())
                    .isEqualTo((double) consumer.getSweepPage());
        }
    }

    /** Leads that become visible with a createdat 15 minutes in the past, after the cursor passed it. */
    @Test
    void lateVisibleLeadsAreEmittedOnce() throws Exception {
        sim.seedLeads(40, 7, Duration.ofMinutes(1));
        try (ConsumerHarness h = new ConsumerHarness(sim, "cashfin-leads:list?startScheduler=false").start()) {
            h.poll();
            assertThat(h.deliveredIds()).hasSize(40);
            Instant backdated = Instant.now().minus(Duration.ofMinutes(15));
            List<String> late = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                late.add(id(sim.addLead(lead("Late " + i, "new", backdated.plusMillis(i)))));
            }
            for (int i = 0; i < 4; i++) {
                h.poll();
            }
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(45).containsAll(late);
        }
    }

    /**
     * status=new while leads arrive and new leads are worked (they leave the view) during the polls, between list
     * calls: after the churn stops and one full sweep, every lead still new was emitted, none twice. The churn
     * case lost 1 or 2 leads in 4 of 9 runs against an independent stand-in, so one seed proves little: each seed
     * churns differently (which leads are worked, when inside a poll), over 9 seeds (17 was the single seed before).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 17, 1, 2, 3, 4, 5, 6, 7, 8 })
    void churnLosesNoLeadAndRepeatsNone(long seed) throws Exception {
        sim.seedLeads(300, 11, Duration.ofSeconds(2));
        Random random = new Random(seed);
        boolean[] churning = { true };
        try (ConsumerHarness h = new ConsumerHarness(sim, "cashfin-leads:list?status=new&limit=25&delay=10s&startScheduler=false")
                .start()) {
            h.onLead = e -> {
                if (churning[0] && random.nextInt(4) == 0) {
                    churn(random);
                }
            };
            for (int poll = 0; poll < 30; poll++) {
                h.poll();
                churn(random);
            }
            churning[0] = false;
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) h.consumer();
            long passes = consumer.getSweepPasses();
            consumer.sweepNow();
            for (int i = 0; i < 20 && consumer.getSweepPasses() == passes; i++) {
                h.poll();
            }
            assertThat(consumer.getSweepPasses()).as("one full sweep after quiescence").isGreaterThan(passes);
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsAll(idsWithStatus(sim, "new"));
        }
    }

    /** One lead arrives, and a random new lead is worked (contacted). */
    private static void churn(Random random) {
        sim.insertLeads(1);
        List<String> fresh = idsWithStatus(sim, "new");
        sim.updateLead(fresh.get(random.nextInt(fresh.size())), "contacted");
    }

    @Test
    void theSweepResumesItsPositionAfterARestart() throws Exception {
        sim.seedLeads(250, 3, Duration.ofMinutes(1));
        String uri = "cashfin-leads:list?startScheduler=false&sweepPagesPerPoll=1&idempotentRepository=#seen"
                     + "&stateRepository=#state";
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, beans(), false).start()) {
            h.poll();
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) h.consumer();
            consumer.sweepNow();
            long before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).as("fast path + one sweep page").isEqualTo(2);
            assertThat(consumer.getSweepPage()).isEqualTo(2);
        }
        try (ConsumerHarness h = new ConsumerHarness(sim, uri, beans(), false).start()) {
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) h.consumer();
            assertThat(consumer.getSweepPage()).as("read back from the state repository").isEqualTo(2);
            assertThat(consumer.isSweepUrgent()).isTrue();
            h.poll();
            assertThat(consumer.getSweepPage()).isEqualTo(3);
            h.poll();
            assertThat(consumer.getSweepPasses()).isEqualTo(1);
            assertThat(consumer.isSweepUrgent()).isFalse();
            assertThat(h.deliveredIds()).as("nothing was missed, so nothing to recover").isEmpty();
        }
    }

    private Map<String, Object> beans() {
        FileStateRepository state = FileStateRepository.fileStateRepository(dir.resolve("state.dat").toFile());
        return Map.of("seen", FileIdempotentRepository.fileIdempotentRepository(dir.resolve("seen.dat").toFile(), 10_000),
                      "state", state);
    }

    @Test
    void sweepNowOverJmxBringsAFullPassForward() throws Exception {
        sim.seedLeads(150, 5, Duration.ofMinutes(1));
        try (ConsumerHarness h = new ConsumerHarness(sim, "cashfin-leads:list?startScheduler=false")) {
            h.context.setManagementName("cashfin-sweep-jmx");
            h.start();
            h.poll();
            MBeanServer server = mbeans();
            ObjectName consumer = consumerMBean("cashfin-sweep-jmx");
            assertThat(server.getAttribute(consumer, "SweepPasses")).isEqualTo(0L);

            Object answer = server.invoke(consumer, "sweepNow", new Object[0], new String[0]);
            assertThat(String.valueOf(answer)).contains("starts with the next poll");
            assertThat(server.getAttribute(consumer, "SweepUrgent")).isEqualTo(true);
            long before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).as("fast path + the 2 pages of the view").isEqualTo(3);
            assertThat(server.getAttribute(consumer, "SweepPasses")).isEqualTo(1L);
            assertThat(server.getAttribute(consumer, "LastFullSweep")).isNotNull();
            assertThat(server.getAttribute(consumer, "SweepUrgent")).isEqualTo(false);
        }
    }

    /**
     * A bounded in-memory seen store smaller than the view forgets the oldest delivered leads: the sweep would emit
     * them again, so it pauses, with one WARN, and nothing is emitted twice.
     */
    @Test
    void theSweepPausesWhenTheViewOutgrowsABoundedSeenStore() throws Exception {
        sim.seedLeads(60, 13, Duration.ofMinutes(1));
        Map<String, Object> beans = Map.of("seen", MemoryIdempotentRepository.memoryIdempotentRepository(50));
        try (LogCapture log = new LogCapture();
             ConsumerHarness h = new ConsumerHarness(sim, "cashfin-leads:list?startScheduler=false"
                                                          + "&idempotentRepository=#seen", beans, false).start()) {
            h.poll();
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) h.consumer();
            consumer.sweepNow();
            for (int i = 0; i < 3; i++) {
                h.poll();
            }
            assertThat(h.deliveredIds()).hasSize(60).doesNotHaveDuplicates();
            assertThat(consumer.getSweepPagesRead()).isZero();
            assertThat(log.levelledLines().stream().filter(l -> l.startsWith("WARN") && l.contains("sweep")
                                                                && l.contains("is paused")).distinct())
                    .as("one WARN, not one per poll").hasSize(1)
                    .allSatisfy(l -> assertThat(l).contains("60 leads").contains("the 50 most recent keys"));
        }
    }

    /** On the Free plan an idle poll stays one call: the sweep earns about a page every 15 minutes. */
    @Test
    void anIdlePollIsStillOneCallWhenNoSweepPageIsDue() throws Exception {
        sim.seedLeads(120, 9, Duration.ofMinutes(1));
        try (ConsumerHarness h = new ConsumerHarness(sim, "cashfin-leads:list?plan=free&startScheduler=false")
                .start()) {
            h.poll();
            for (int i = 0; i < 5; i++) {
                long before = sim.listCalls();
                h.poll();
                assertThat(sim.listCalls() - before).as("idle poll %d", i).isEqualTo(1);
            }
            assertThat(((CashfinLeadsConsumer) h.consumer()).getSweepPagesRead()).isZero();
        }
    }

    /**
     * {@code sweepMinPassInterval}: once a pass has read an unchanged view, the polls before the interval are over cost
     * one call each, however much budget the sweep has (here a practically unlimited one); with {@code 0} the sweep
     * reads the view again at once.
     */
    @Test
    void anUnchangedViewIsNotSweptAgainBeforeSweepMinPassInterval() throws Exception {
        sim.seedLeads(30, 5, Duration.ofMinutes(1));
        String uri = "cashfin-leads:list?startScheduler=false&plan=unlimited&delay=1&limit=10";
        assertThat(callsAfterAFullPass(uri)).as("default interval (1h): idle polls").containsOnly(1L);
        assertThat(callsAfterAFullPass(uri + "&sweepMinPassInterval=0")).as("no interval").anyMatch(c -> c > 1);
    }

    /**
     * The sweep's pace earns its pages on the component's {@code timeSource}, like the limiter and the cadence: with a
     * virtual clock moved an hour between back-to-back polls, each poll reads the sweep's pages (on the system clock
     * the milliseconds between them earned none, so a virtual-time benchmark had to turn the sweep off).
     */
    @Test
    void theSweepEarnsItsPagesOnTheComponentsTimeSource() throws Exception {
        sim.seedLeads(30, 5, Duration.ofMinutes(1));
        africa.cashfin.camel.leads.api.limit.VirtualTime time = africa.cashfin.camel.leads.api.limit.VirtualTime
                .autoAdvancing();
        String uri = "cashfin-leads:list?startScheduler=false&plan=unlimited&delay=1&limit=10";
        try (ConsumerHarness h = new ConsumerHarness(sim, uri)) {
            h.context.getComponent("cashfin-leads", africa.cashfin.camel.leads.CashfinLeadsComponent.class)
                    .setTimeSource(time);
            h.start();
            h.poll(); // the fast path reads the view
            List<Long> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                time.advance(Duration.ofHours(1));
                long before = sim.listCalls();
                h.poll();
                calls.add(sim.listCalls() - before);
            }
            assertThat(calls).as("list calls of polls an hour apart by the component's clock").allMatch(c -> c > 1);
        }
    }

    /**
     * Polls until the sweep has read the whole view once, then returns the list calls of each of 5 more polls. The
     * component runs on a virtual clock moved a minute before each poll, so the sweep's pace has always earned its
     * pages (delay=1 on plan unlimited: a page per 10 ms) and only the interval can keep a poll at one call, whatever
     * the machine's speed or load (back-to-back polls on the system clock earned none on an idle machine, and under
     * load the first pass could need more than 20 polls).
     */
    private static List<Long> callsAfterAFullPass(String uri) throws Exception {
        africa.cashfin.camel.leads.api.limit.VirtualTime time = africa.cashfin.camel.leads.api.limit.VirtualTime
                .autoAdvancing();
        try (ConsumerHarness h = new ConsumerHarness(sim, uri)) {
            h.context.getComponent("cashfin-leads", africa.cashfin.camel.leads.CashfinLeadsComponent.class)
                    .setTimeSource(time);
            h.start();
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) h.consumer();
            for (int i = 0; i < 20 && consumer.getSweepPasses() == 0; i++) {
                time.advance(Duration.ofMinutes(1));
                h.poll();
            }
            assertThat(consumer.getSweepPasses()).isEqualTo(1);
            List<Long> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                time.advance(Duration.ofMinutes(1));
                long before = sim.listCalls();
                h.poll();
                calls.add(sim.listCalls() - before);
            }
            return calls;
        }
    }
}
