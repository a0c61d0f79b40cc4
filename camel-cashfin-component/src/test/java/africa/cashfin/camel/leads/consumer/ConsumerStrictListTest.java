package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import africa.cashfin.camel.leads.model.MalformedLeadException;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Departure;
import africa.cashfin.camel.simulator.PageInfoShape;
import africa.cashfin.camel.simulator.SortOrder;

/**
 * The consumer against the simulator's strict list modes (issue 9): dense lists, leads leaving the list mid-poll,
 * malformed records, page info without {@code pages}, and a newest-first backfill stopped by failing leads. Polls run
 * one at a time ({@code startScheduler=false}) so the simulator's list-call counters are exact per poll.
 */
class ConsumerStrictListTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    static final String MANUAL = "cashfin-leads:list?startScheduler=false";

    static List<String> storedIdsOldestFirst() {
        return sim.leads().stream().map(l -> (String) l.get("_id")).toList();
    }

    /** Leads with status new, one second apart, the first at {@code from}. */
    static List<String> addLeads(int count, Instant from) {
        List<Map<String, ?>> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leads.add(Map.of("name", "Lead " + i, "status", "new", "createdat", from.plusSeconds(i).toString()));
        }
        return sim.insertLeads(leads).stream().map(l -> (String) l.get("_id")).toList();
    }

    // ------------------------------------------------------------------ dense lists (§3)

    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void idlePollOnADenseListCostsOneCallAndNewLeadsAtMostPagesPlusOne(SortOrder order) throws Exception {
        sim.sortOrder(order);
        // oldest first, the page holding the cursor and the list's end may straddle a page edge: +1
        int straddle = order == SortOrder.OLDEST_FIRST ? 1 : 0;
        // 2,000 leads one second apart: 300 fall in the default 5-minute lookback window (3 pages and a bit)
        sim.seedLeads(2_000, 7, Duration.ofSeconds(1));
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL).start()) {
            h.poll();
            assertThat(h.deliveredIds()).containsExactlyElementsOf(storedIdsOldestFirst());

            for (int i = 0; i < 3; i++) {
                long before = sim.listCalls();
                h.poll();
                assertThat(sim.listCalls() - before).as("idle poll %d", i).isLessThanOrEqualTo(1 + straddle);
            }
            for (int k : new int[] { 1, 100, 150 }) {
                long before = sim.listCalls();
                List<String> inserted = sim.insertLeads(k).stream().map(l -> (String) l.get("_id")).toList();
                h.poll();
                assertThat(sim.listCalls() - before).as("calls for %s new leads", k)
                        .isLessThanOrEqualTo((k + 99) / 100 + 1 + straddle);
                assertThat(h.deliveredIds()).endsWith(inserted.toArray(String[]::new));
            }
            assertThat(h.deliveredIds()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(storedIdsOldestFirst());
        }
    }

    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void aLeadThatArrivesLateBelowTheCursorIsStillEmitted(SortOrder order) throws Exception {
        sim.sortOrder(order);
        List<Map<String, Object>> seeded = sim.seedLeads(2_000, 7, Duration.ofSeconds(1));
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL).start()) {
            h.poll();
            Instant newest = Instant.parse((String) seeded.get(seeded.size() - 1).get("createdat"));
            // committed late: created 30 s before the newest lead already delivered, so it lands below the cursor
            String late = (String) sim.addLead(Map.of("name", "Late Lead", "createdat",
                    newest.minusSeconds(30).toString())).get("_id");
            long before = sim.listCalls();
            h.poll();
            assertThat(h.deliveredIds()).endsWith(late).doesNotHaveDuplicates().hasSize(2_001);
            // the list grew by one lead that was not above the cursor: the lookback window (300 leads, 3-4 pages) is
            // read too (oldest first: after the page holding the cursor and the list's end, plus a verify step)
            assertThat(sim.listCalls() - before).isLessThanOrEqualTo(order == SortOrder.NEWEST_FIRST ? 5 : 8);
            before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).as("idle again").isLessThanOrEqualTo(order == SortOrder.NEWEST_FIRST ? 1 : 2);
        }
    }

    // ------------------------------------------------------------------ leads leaving the list mid-poll (§4)

    @ParameterizedTest
    @EnumSource(Departure.class)
    void leadsThatLeaveTheListMidPollCostNoOtherLead(Departure how) throws Exception {
        leadsLeaveMidPoll(how);
    }

    @ParameterizedTest
    @EnumSource(Departure.class)
    void oldestFirstLeadsThatLeaveTheListMidPollCostNoOtherLead(Departure how) throws Exception {
        sim.sortOrder(SortOrder.OLDEST_FIRST); // the oldest lead, delivered long ago, leaves: the unread ones move up
        leadsLeaveMidPoll(how);
    }

    private void leadsLeaveMidPoll(Departure how) throws Exception {
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        addLeads(100, start);
        String uri = MANUAL + "&status=new&limit=20&lookback=10s";
        try (ConsumerHarness h = new ConsumerHarness(sim, uri).start()) {
            h.poll();
            assertThat(h.deliveredIds()).hasSize(100);

            List<String> fresh = addLeads(50, start.plusSeconds(200));
            // during the next poll, 4 leads leave the list, one before each page read after page 1
            sim.leadsLeaveWhilePaging(4, how);
            h.poll();
            sim.leadsLeaveWhilePaging(0, how);
            assertThat(h.deliveredIds()).as("every new lead, those that left after being read included")
                    .containsAll(fresh).doesNotHaveDuplicates().hasSize(150);
            h.poll();
            assertThat(h.deliveredIds()).hasSize(150);
        }
    }

    // ------------------------------------------------------------------ malformed records (§4)

    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void malformedRecordsAreReportedWithTheirJsonAndSkippedWhileEveryGoodLeadFlows(SortOrder order) throws Exception {
        sim.sortOrder(order);
        sim.seedLeads(150, 3);
        sim.malformedRecords(7); // 21 of 150: without createdat, with an unparsable one, without _id, in turn
        List<String> broken = sim.malformedLeadIds();
        List<String> good = storedIdsOldestFirst().stream().filter(id -> !broken.contains(id)).toList();
        RecordingExceptionHandler handler = new RecordingExceptionHandler();
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&limit=20&exceptionHandler=#recorder",
                Map.of("recorder", handler), false).start()) {
            h.poll();
            assertThat(h.deliveredIds()).containsExactlyElementsOf(good);
            assertThat(handler.malformed()).hasSize(21);
            assertThat(handler.malformed()).allSatisfy(e -> assertThat(e.getMessage()).contains(e.getJson()));
            assertThat(handler.malformed()).extracting(MalformedLeadException::getJson)
                    .anyMatch(json -> json.contains("\"createdat\":\"15/01/2024 12:00\""))
                    .anyMatch(json -> !json.contains("\"_id\""))
                    .anyMatch(json -> !json.contains("\"createdat\""));

            List<String> fresh = sim.insertLeads(30).stream().map(l -> (String) l.get("_id"))
                    .filter(id -> !sim.malformedLeadIds().contains(id)).toList();
            h.poll();
            h.poll();
            assertThat(h.deliveredIds()).endsWith(fresh.toArray(String[]::new)).doesNotHaveDuplicates();
            assertThat(h.consumer().getErrorCounter()).as("a malformed record never fails the poll").isZero();
            assertThat(handler.malformed()).as("each record reported once").hasSize(21 + 180 / 7 - 150 / 7);
        }
    }

    // ------------------------------------------------------------------ page info without pages (§4)

    @ParameterizedTest
    @EnumSource(value = PageInfoShape.class, names = { "WITHOUT_PAGES", "NONE" })
    void pageInfoWithoutPagesStillReadsEveryPage(PageInfoShape shape) throws Exception {
        sim.seedLeads(480, 5);
        sim.pageInfoShape(shape);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL).start()) {
            h.poll();
            assertThat(h.deliveredIds()).containsExactlyInAnyOrderElementsOf(storedIdsOldestFirst());
            if (shape == PageInfoShape.WITHOUT_PAGES) {
                // pages derived from total and limit: the newest-first backfill as usual, probe + 5 pages
                assertThat(h.deliveredIds()).containsExactlyElementsOf(storedIdsOldestFirst());
                assertThat(sim.listCalls()).isEqualTo(6);
            }
            List<String> inserted = sim.insertLeads(3).stream().map(l -> (String) l.get("_id")).toList();
            h.poll();
            assertThat(h.deliveredIds()).hasSize(483).doesNotHaveDuplicates().containsAll(inserted);
        }
    }

    // ------------------------------------------------------------------ failed leads in a newest-first backfill (§4)

    @Test
    void afterABackfillStopsOnFailedLeadsEachPollCostsTwoOrThreeCalls() throws Exception {
        sim.seedLeads(1_000, 11);
        // failedLeadRetryDelay=0: the failed leads are offered again on every poll (no per-lead backoff)
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&failedLeadRetryDelay=0").start()) {
            h.onLead = e -> {
                throw new IllegalStateException("the target system is down");
            };
            h.poll();
            assertThat(sim.listCalls()).as("probe, then the last page: 100 failures stop the walk").isEqualTo(2);
            for (int i = 0; i < 3; i++) {
                long before = sim.listCalls();
                h.poll();
                assertThat(sim.listCalls() - before).as("poll %d while the route is down", i).isBetween(2L, 3L);
            }
            assertThat(h.deliveredIds()).isEmpty();

            h.onLead = e -> {
            };
            h.poll();
            h.poll();
            assertThat(h.deliveredIds()).containsExactlyElementsOf(storedIdsOldestFirst());
        }
    }

    @Test
    void whileTheRouteIsDownFailedLeadsWaitAndEachPollTriesOneMoreLeadForTwoOrThreeCalls() throws Exception {
        sim.seedLeads(1_000, 11);
        // the default back-off: a failed lead waits 30 s before it is offered again
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL).start()) {
            h.onLead = e -> {
                throw new IllegalStateException("the target system is down");
            };
            h.poll();
            assertThat(h.attempts).as("a page worth of failures stops the walk").hasSize(100);
            for (int i = 0; i < 3; i++) {
                long before = sim.listCalls();
                int tried = h.attempts.size();
                h.poll();
                assertThat(sim.listCalls() - before).as("poll %d while the route is down", i).isBetween(2L, 3L);
                assertThat(h.attempts.size() - tried).as("leads tried by poll %d (the 100 wait)", i).isEqualTo(1);
            }
            assertThat(h.deliveredIds()).isEmpty();
        }
    }
}
