package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.RetryAfterFormat;

/**
 * The consumer against the simulator's strict-server switches (issue 17): ties in a random order per request, late
 * visibility and backdated leads, CRM users changing statuses (leads entering and leaving the view), a server-side
 * {@code limit} cap, gateway HTML pages and an HTTP-date {@code Retry-After}. The invariant is the view contract: every
 * lead in the endpoint's view is emitted once (leads entering the view, late and churned ones through the sweep).
 * Where the consumer still loses leads the test is disabled, naming the part of issue 17 that fixes it. Polls run one at a time ({@code startScheduler=false}).
 */
class ConsumerStrictServerTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    static final String MANUAL = "cashfin-leads:list?startScheduler=false";

    /** Leads with the given status, {@code spacing} apart, the first at {@code from}; their ids oldest first. */
    static List<String> addLeads(int count, Instant from, Duration spacing, String status) {
        List<Map<String, ?>> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leads.add(Map.of("name", "Lead " + i, "status", status,
                    "createdat", from.plus(spacing.multipliedBy(i)).toString()));
        }
        return ids(sim.insertLeads(leads));
    }

    static List<String> ids(List<Map<String, Object>> leads) {
        return leads.stream().map(l -> (String) l.get("_id")).toList();
    }

    /** Ids of the stored leads whose status is {@code status} now: the view of {@code status=...}. */
    static List<String> inView(String status) {
        return sim.leads().stream().filter(l -> status.equals(l.get("status"))).map(l -> (String) l.get("_id")).toList();
    }

    /** {@code polls} polls while the CRM is busy: a newer lead arrives before every list page served. */
    static void pollWhileTheCrmIsBusy(ConsumerHarness h, int polls) {
        sim.busyCrm(1);
        for (int i = 0; i < polls; i++) {
            h.poll();
        }
        sim.busyCrm(0);
    }

    /**
     * A bulk import of 12 leads stamped {@code at}, then a poll while the CRM is busy and two quiet ones: the import is
     * emitted, and every stored lead once.
     */
    static void bulkImportUnderABusyCrmIsEmittedWhole(ConsumerHarness h, Instant at) {
        List<String> bulk = addLeads(12, at, Duration.ZERO, "new");
        pollWhileTheCrmIsBusy(h, 1);
        h.poll();
        h.poll();
        assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsAll(bulk)
                .containsExactlyInAnyOrderElementsOf(ids(sim.leads()));
    }

    static Instant anHourAgo() {
        return Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    // ------------------------------------------------------------------ ties in a random order

    @Test
    void tieGroupsInsideOnePageComeBackShuffledAndEveryLeadIsEmittedOnce() throws Exception {
        sim.shuffleTies(11);
        // 12 groups of 4 leads sharing one createdat, a minute apart: with limit=20 no group straddles a page edge
        List<String> all = new ArrayList<>();
        Instant start = anHourAgo();
        for (int g = 0; g < 12; g++) {
            for (int i = 0; i < 4; i++) {
                all.addAll(addLeads(1, start.plus(Duration.ofMinutes(g)), Duration.ZERO, "new"));
            }
        }
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=20").start()) {
            h.poll();
            h.poll();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
            List<String> fresh = ids(sim.insertLeads(3)); // one tie group: stamped the same millisecond
            h.poll();
            h.poll();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(51).containsAll(fresh);
        }
    }

    @Test
    void aBulkImportSharingOneCreatedatAcrossPageEdgesIsEmittedWhole() throws Exception {
        sim.shuffleTies(5);
        List<String> before = addLeads(10, anHourAgo(), Duration.ofSeconds(1), "new");
        List<String> bulk = addLeads(45, anHourAgo().plusSeconds(60), Duration.ZERO, "new");
        List<String> after = addLeads(10, anHourAgo().plusSeconds(120), Duration.ofSeconds(1), "new");
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=20").start()) {
            for (int i = 0; i < 3; i++) {
                h.poll();
            }
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(65).containsAll(before).containsAll(bulk)
                    .containsAll(after);
        }
    }

    /**
     * A tie group returned in a new order on every request while newer leads arrive before every page served (a busy
     * CRM): a list of one instant so far read in full, and a bulk import under newer leads read by an incremental poll.
     * The fast path alone (no sweep) emits every lead once: a group whose reads disagree, or whose positions moved
     * under the reads, is read whole (issue 17, ties; ScanModelRegressionTest holds the scan-level cases). The bulk
     * import is stamped with the second it is made, truncated: when poll 1's busy-CRM leads were stamped later in that
     * second, it lands below the cursor, and the next poll reads it by its late check (failed 2 runs in 3 before that
     * run read such groups whole; the next test makes that case certain). The busy CRM's leads are stamped to the
     * millisecond, so some pairs of them tie too: during poll 3's long walk back a full tie watch forgot each new group
     * as soon as it met it, and a pair swapped on the page the walk connected on lost a lead (1 run in 40-60 before
     * the fix; ScanModelRegressionTest.aGroupMetWhileTheTieWatchIsFullIsWatched). With the watch full of groups of two
     * the walk had passed, the frontier's group, met two reads before, was still the one dropped (5 runs in 47 on a
     * loaded machine; ScanModelRegressionTest.aFrontierGroupMetTwoReadsBeforeIsWatchedWhileTheWatchIsFullOfGroupsLeftBehind).
     */
    @Test
    void aShuffledTieGroupUnderNewerLeadsArrivingBetweenPageReadsIsEmittedWhole() throws Exception {
        sim.shuffleTies(7);
        List<String> oneInstant = addLeads(9, anHourAgo(), Duration.ZERO, "new");
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=3&sweepEnabled=false").start()) {
            pollWhileTheCrmIsBusy(h, 1);
            h.poll();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsAll(oneInstant);

            bulkImportUnderABusyCrmIsEmittedWhole(h, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /**
     * The same with the bulk import stamped 30 seconds in the past: below the leads the previous poll delivered (the
     * busy CRM's, stamped "now"), inside the lookback. The next poll finds it by the totals (the list grew by more than
     * the leads on top) and reads below its cursor; there the group, shuffled on every request and shifted by a new
     * lead before every page, is read whole too (ScanModelRegressionTest
     * .aShuffledGroupThatArrivedBelowTheCursorIsReadWholeByTheLateCheck holds the scan-level case).
     */
    @Test
    void aShuffledBulkImportStampedBelowTheCursorWhileLeadsArriveIsEmittedWhole() throws Exception {
        sim.shuffleTies(7);
        addLeads(9, anHourAgo(), Duration.ofSeconds(1), "new");
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=3&sweepEnabled=false").start()) {
            pollWhileTheCrmIsBusy(h, 1);
            bulkImportUnderABusyCrmIsEmittedWhole(h, Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS));
        }
    }

    // ------------------------------------------------------------------ late visibility

    @Test
    void leadsVisibleAFewSecondsLateInsideTheLookbackAreEmittedOnce() throws Exception {
        sim.seedLeads(50, 3);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL).start()) {
            h.poll();
            assertThat(h.deliveredIds()).hasSize(50);

            sim.lateVisibility(Duration.ofMillis(1500));
            List<String> late = ids(sim.insertLeads(3)); // stored now, in the list 1.5 s later with today's createdat
            sim.lateVisibility(Duration.ZERO);
            List<String> onTime = ids(sim.insertLeads(2));
            h.poll();
            assertThat(h.deliveredIds()).containsAll(onTime).doesNotContainAnyElementsOf(late);

            await().atMost(Duration.ofSeconds(10)).until(() -> sim.lateLeadIds().isEmpty());
            h.poll();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(55).containsAll(late);
        }
    }

    @Test // the sweep (issue 17) finds a lead that became visible below the lookback
    void leadsVisibleLateWithACreatedatFifteenMinutesOldAreEmitted() throws Exception {
        sim.seedLeads(50, 3);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL).start()) {
            h.poll();
            List<String> backdated = ids(sim.backdatedLeads(5, Duration.ofMinutes(15)));
            for (int i = 0; i < 3; i++) {
                h.poll();
            }
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(55).containsAll(backdated);
        }
    }

    // ------------------------------------------------------------------ CRM users changing statuses

    @Test // the view is the contract (issue 17): the sweep emits leads that entered it below the cursor
    void leadsThatEnterTheViewAfterCreationAreEmitted() throws Exception {
        Instant start = anHourAgo();
        List<String> older = addLeads(10, start, Duration.ofSeconds(1), "new");
        addLeads(20, start.plusSeconds(600), Duration.ofSeconds(1), "qualified");
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&status=qualified").start()) {
            h.poll();
            assertThat(h.deliveredIds()).hasSize(20);
            older.forEach(id -> sim.updateLead(id, "qualified"));
            for (int i = 0; i < 3; i++) {
                h.poll();
            }
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(30).containsAll(older);
        }
    }

    @Test
    void churnNeverLosesALeadThatStaysInTheView() throws Exception {
        addLeads(300, anHourAgo(), Duration.ofSeconds(1), "new");
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&status=new&limit=20").start()) {
            sim.churn(1.0, 9);
            pollWhileTheCrmIsBusy(h, 6);
            sim.churn(0, 0);
            h.poll();
            h.poll();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsAll(inView("new"));
        }
    }

    @Test
    void churnOutsideTheViewNeverDuplicatesALead() throws Exception {
        // leads leave status=new (worked by CRM users) while the consumer reads it: none emitted twice, and every new
        // lead that arrives on top is emitted
        addLeads(60, anHourAgo(), Duration.ofSeconds(1), "new");
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&status=new&limit=20").start()) {
            h.poll();
            assertThat(h.deliveredIds()).hasSize(60);
            sim.churn(2, 4);
            List<String> fresh = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fresh.addAll(ids(sim.insertLeads(1)));
                h.poll();
            }
            assertThat(h.deliveredIds()).doesNotHaveDuplicates();
            assertThat(h.deliveredIds()).as("new leads created on top of the view").containsAll(fresh.stream()
                    .filter(inView("new")::contains).toList());
        }
    }

    // ------------------------------------------------------------------ server-side limit cap

    @Test
    void aServerSideLimitCapStillReadsEveryLead() throws Exception {
        sim.seedLeads(50, 3);
        sim.limitCap(7);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=20").start()) {
            h.poll();
            h.poll();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(50);
            List<String> fresh = ids(sim.insertLeads(9));
            h.poll();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(59).containsAll(fresh);
        }
    }

    // ------------------------------------------------------------------ gateway pages, HTTP-date Retry-After

    @Test
    void gatewayPagesDuringAPollAreRetriedAndEveryLeadIsEmittedOnce() throws Exception {
        sim.seedLeads(45, 3);
        sim.gatewayErrorPages(true).failNext(2, 502, Endpoint.LIST);
        try (LogCapture logs = new LogCapture();
             ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=20").start()) {
            h.poll();
            h.poll();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(45);
            assertThat(logs.all()).contains("HTTP 502").doesNotContain("<!DOCTYPE").doesNotContain("<html");
        }
    }

    @Test
    void anHttpDateRetryAfterDuringAPollPausesAndThePollCompletes() throws Exception {
        sim.seedLeads(30, 3);
        sim.retryAfterFormat(RetryAfterFormat.HTTP_DATE).failNext(1, 429, Endpoint.LIST);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=20").start()) {
            h.poll();
            h.poll();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().hasSize(30);
        }
    }

    // ------------------------------------------------------------------ a busy CRM the polls cannot keep up with

    /**
     * Two leads arrive before every list call and {@code limit=3}: the walk back to the newest leads handles about
     * {@code limit / 2} leads a call, so no poll reaches them while the CRM is busy. Each poll ends after at most
     * {@code 4 x pages + 50} list calls (plus those spent reading tie groups whole), {@code pages} the list's size when
     * it started (before: the bound grew with the list and the poll never ended, docs/performance.md "A busy CRM");
     * each poll after the first resumes the walk from the checkpoint the one before saved and emits newer leads; the
     * state is logged once (one WARN, no poll failure), and when the CRM calms down one INFO line says polls keep up
     * again and every lead has been emitted exactly once. {@code lookback=0}: the busy leads are stamped with the wall
     * clock, all inside the default 5-minute window, which a resumed walk reads again below its checkpoint.
     */
    @Test
    void pollsThatCannotKeepUpWithABusyCrmEndWithinTheirBoundAndTheNextGoesOn() throws Exception {
        addLeads(30, anHourAgo(), Duration.ofSeconds(1), "new");
        try (LogCapture logs = new LogCapture();
             ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=3&sweepEnabled=false&lookback=0").start()) {
            h.poll();
            assertThat(h.deliveredIds()).hasSize(30);
            addLeads(30, anHourAgo().plusSeconds(60), Duration.ofSeconds(1), "new");
            sim.busyCrm(2);
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) h.consumer();
            List<String> strategies = new ArrayList<>();
            int newestBefore = -1;
            for (int i = 1; i <= 3; i++) {
                int size = sim.leadCount() + 2; // the first call of the poll sees the list after its arrivals
                long callsBefore = sim.listCalls();
                int deliveredBefore = h.deliveredIds().size();
                h.poll();
                long calls = sim.listCalls() - callsBefore;
                var stats = consumer.getStatistics().lastPoll();
                strategies.add(stats.strategy());
                assertThat(stats.complete()).as("busy poll %d: %s", i, stats).isFalse();
                assertThat(stats.strategy()).as("busy poll %d", i).contains("-outpaced");
                assertThat(calls).as("busy poll %d: %s", i, stats)
                        .isEqualTo(stats.calls())
                        .isLessThanOrEqualTo(4L * ((size + 2) / 3) + 50 + stats.tieCalls());
                List<String> emitted = h.deliveredIds().subList(deliveredBefore, h.deliveredIds().size());
                int newest = newestPosition(emitted);
                assertThat(newest).as("busy poll %d emits leads newer than the poll before", i).isGreaterThan(newestBefore);
                newestBefore = newest;
            }
            assertThat(strategies.subList(1, 3)).allMatch(s -> s.startsWith("incremental-resume-backward"), "resumes");
            sim.busyCrm(0);
            h.poll();
            h.poll();
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(sim.leads()));
            List<String> lines = logs.levelledLines().stream().distinct()
                    .filter(l -> l.contains(CashfinLeadsConsumer.class.getName())).toList();
            assertThat(lines.stream().filter(l -> l.startsWith("WARN")).toList()).as("one WARN for the three polls")
                    .singleElement().asString().contains("cannot keep up").contains("nothing is lost")
                    .contains("A larger limit (now 3)");
            assertThat(lines.stream().filter(l -> l.startsWith("INFO") && l.contains("keep up again")).toList())
                    .singleElement().asString().contains("after 3 polls in a row");
            assertThat(logs.levelledLines()).noneMatch(l -> l.startsWith("WARN") && l.contains("Polling"));
            assertThat(consumer.getStatistics().failedPolls()).isZero();
        }
    }

    /** The position of the newest of {@code ids} in the simulator's store (creation order: oldest first here). */
    private static int newestPosition(List<String> ids) {
        List<String> oldestFirst = ids(sim.leads());
        return ids.stream().mapToInt(oldestFirst::indexOf).max().orElse(-1);
    }
}
