package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.CashfinLeadsConstants;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.PageInfoKey;
import africa.cashfin.camel.simulator.SortOrder;

/** Backfill, incremental polls and their call counts, headers, batches, start options and updates. */
class ConsumerPollingTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    static final String MANUAL = "cashfin-leads:list?startScheduler=false";

    static List<String> storedIdsOldestFirst() {
        return sim.leads().stream().map(l -> (String) l.get("_id")).toList();
    }

    @Test
    void backfillEmitsEveryLeadOnceOldestFirstWithHeadersAndBatches() throws Exception {
        sim.seedLeads(250, 7);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL).start()) {
            h.poll();

            assertThat(h.deliveredIds()).containsExactlyElementsOf(storedIdsOldestFirst());
            // newest-first: page 1 (order probe), then pages 3, 2, 1 walking up
            assertThat(sim.listCalls()).isEqualTo(4);

            Exchange first = h.delivered.get(0);
            Lead lead = first.getMessage().getBody(Lead.class);
            assertThat(first.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID)).isEqualTo(lead.getId());
            assertThat(first.getMessage().getHeader(CashfinLeadsConstants.EVENT_TYPE)).isEqualTo("created");
            assertThat(first.getMessage().getHeader(CashfinLeadsConstants.CREATED_AT, Instant.class))
                    .isEqualTo(lead.getCreatedat());
            assertThat(first.getMessage().getHeader(CashfinLeadsConstants.UPDATED_AT, Instant.class))
                    .isEqualTo(lead.getUpdatedat());
            // the last page (50 leads) is the first batch
            assertThat(first.getProperty(Exchange.BATCH_INDEX, Integer.class)).isZero();
            assertThat(first.getProperty(Exchange.BATCH_SIZE, Integer.class)).isEqualTo(50);
            assertThat(h.delivered.get(49).getProperty(Exchange.BATCH_COMPLETE, Boolean.class)).isTrue();
            assertThat(h.delivered.get(48).getProperty(Exchange.BATCH_COMPLETE, Boolean.class)).isFalse();
            assertThat(h.delivered.get(50).getProperty(Exchange.BATCH_SIZE, Integer.class)).isEqualTo(100);
        }
    }

    @Test
    void idlePollCostsOneCallAndNewLeadsAtMostPagesPlusOne() throws Exception {
        sim.seedLeads(250, 7);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL).start()) {
            h.poll();
            long afterBackfill = sim.listCalls();

            for (int i = 0; i < 3; i++) {
                h.poll();
            }
            assertThat(sim.listCalls() - afterBackfill).as("three idle polls").isEqualTo(3);
            assertThat(h.deliveredIds()).hasSize(250);

            // k new leads: at most ceil(k/100)+1 calls (the consumer buffers up to 10 pages of new leads)
            int[][] cases = { { 1, 2 }, { 100, 2 }, { 150, 3 } };
            for (int[] c : cases) {
                int k = c[0];
                long before = sim.listCalls();
                List<String> inserted = sim.insertLeads(k).stream().map(l -> (String) l.get("_id")).toList();
                h.poll();
                assertThat(sim.listCalls() - before).as("calls for %s new leads", k).isLessThanOrEqualTo(c[1]);
                assertThat(h.deliveredIds()).endsWith(inserted.toArray(String[]::new));
            }
            assertThat(h.deliveredIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storedIdsOldestFirst());
        }
    }

    @Test
    void oldestFirstListAndMetaPageInfo() throws Exception {
        sim.sortOrder(SortOrder.OLDEST_FIRST);
        sim.pageInfoKey(PageInfoKey.META);
        sim.seedLeads(230, 3);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL).start()) {
            h.poll();
            assertThat(h.deliveredIds()).containsExactlyElementsOf(storedIdsOldestFirst());
            assertThat(sim.listCalls()).isEqualTo(3);

            long before = sim.listCalls();
            h.poll();
            assertThat(sim.listCalls() - before).as("idle poll").isLessThanOrEqualTo(2);

            List<String> inserted = sim.insertLeads(5).stream().map(l -> (String) l.get("_id")).toList();
            h.poll();
            assertThat(h.deliveredIds()).hasSize(235).endsWith(inserted.toArray(String[]::new));
        }
    }

    @Test
    void emptyMessageWhenIdleAndScheduledPolling() throws Exception {
        sim.seedLeads(30, 1);
        String uri = "cashfin-leads:list?delay=50&initialDelay=0&sendEmptyMessageWhenIdle=true&limit=10";
        try (ConsumerHarness h = new ConsumerHarness(sim, uri).start()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> h.delivered.stream().filter(e -> e.getMessage().getBody() == null).count() >= 3);
            assertThat(h.deliveredIds()).containsExactlyElementsOf(storedIdsOldestFirst());
            List<String> inserted = sim.insertLeads(3).stream().map(l -> (String) l.get("_id")).toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> h.deliveredIds().size() == 33);
            assertThat(h.deliveredIds()).endsWith(inserted.toArray(String[]::new)).doesNotHaveDuplicates();
        }
    }

    @Test
    void greedyPollingDrainsPollsCappedByMaxMessagesPerPollWithoutWaitingForTheDelay() throws Exception {
        sim.seedLeads(120, 4);
        // an hour between polls: only greedy re-polling can deliver all 120 leads in time
        String uri = "cashfin-leads:list?delay=3600000&initialDelay=0&greedy=true&maxMessagesPerPoll=50";
        try (ConsumerHarness h = new ConsumerHarness(sim, uri).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> h.deliveredIds().size() == 120);
            assertThat(h.deliveredIds()).containsExactlyElementsOf(storedIdsOldestFirst());
            assertThat(h.consumer().getErrorCounter()).as("capped polls are not errors").isZero();
        }
    }

    @Test
    void startFromNowEmitsOnlyLeadsCreatedAfterTheStart() throws Exception {
        sim.seedLeads(120, 5);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&startFrom=now").start()) {
            h.poll();
            assertThat(h.deliveredIds()).isEmpty();
            List<String> inserted = sim.insertLeads(4).stream().map(l -> (String) l.get("_id")).toList();
            h.poll();
            assertThat(h.deliveredIds()).containsExactlyElementsOf(inserted);
        }
    }

    @Test
    void startFromInstantEmitsLeadsCreatedAtOrAfterIt() throws Exception {
        List<Map<String, Object>> seeded = sim.seedLeads(40, 5);
        String from = (String) seeded.get(30).get("createdat");
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&startFrom=" + from).start()) {
            h.poll();
            assertThat(h.deliveredIds()).containsExactlyElementsOf(
                    seeded.subList(30, 40).stream().map(l -> (String) l.get("_id")).toList());
        }
    }

    @Test
    void updatesAreEmittedWithEventTypeUpdated() throws Exception {
        sim.seedLeads(30, 9);
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&emitUpdates=true").start()) {
            h.poll();
            assertThat(h.deliveredIds()).hasSize(30);
            String id = storedIdsOldestFirst().get(3);
            sim.updateLead(id, "contacted");
            h.poll();
            assertThat(h.delivered).hasSize(31);
            Exchange update = h.delivered.get(30);
            assertThat(update.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID)).isEqualTo(id);
            assertThat(update.getMessage().getHeader(CashfinLeadsConstants.EVENT_TYPE)).isEqualTo("updated");
            assertThat(update.getMessage().getBody(Lead.class).getStatus()).isEqualTo("contacted");
            h.poll();
            assertThat(h.delivered).as("an update is emitted once").hasSize(31);
        }
    }

    @Test
    void filtersArePassedToTheApi() throws Exception {
        sim.seedLeads(60, 2);
        long qualified = sim.leads().stream().filter(l -> "qualified".equals(l.get("status"))).count();
        try (ConsumerHarness h = new ConsumerHarness(sim, MANUAL + "&status=qualified").start()) {
            h.poll();
            assertThat(h.deliveredIds()).hasSize((int) qualified);
            assertThat(h.delivered).allSatisfy(
                    e -> assertThat(e.getMessage().getBody(Lead.class).getStatus()).isEqualTo("qualified"));
        }
    }
}
