package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Outcomes, abandoned scans and equal timestamps at the boundary. */
class LeadScanDeliveryTest {

    private static LeadScan scan(int limit, Duration lookback) {
        return new LeadScan(ScanSettings.defaults().withLimit(limit).withLookback(lookback),
                            new InMemorySeenLeadStore(1_000_000), new InMemoryScanStateStore());
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void aFailedLeadIsOfferedAgainNextPollAndTheOthersAreNot(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(230);
        String failing = server.ids().get(117);
        Lead failingLead = server.leads().get(117);
        LeadScan scan = scan(50, Duration.ofMinutes(5));

        ScanDriver.Poll first = ScanDriver.poll(scan, server, e -> e.lead().getId().equals(failing));
        assertThat(first.deliveredIds()).hasSize(229).doesNotContain(failing);
        assertThat(first.stats().failed()).isEqualTo(1);
        assertThat(scan.cursor().created()).as("the cursor passes the failed lead, retried apart from it")
                .isEqualTo(server.leads().get(229).getCreatedat());
        assertThat(scan.cursor().failed()).extracting(FailedLead::id, FailedLead::created, FailedLead::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(failing, failingLead.getCreatedat(), 1));

        ScanDriver.Poll second = ScanDriver.poll(scan, server, e -> e.lead().getId().equals(failing));
        assertThat(second.emitted()).extracting(e -> e.lead().getId()).containsExactly(failing);
        assertThat(second.calls()).as("retried from memory: an idle poll's calls").isLessThanOrEqualTo(2);
        assertThat(scan.cursor().failed()).extracting(FailedLead::attempts).containsExactly(2);

        List<String> fresh = server.insert(3).stream().map(Lead::getId).toList();
        ScanDriver.Poll third = ScanDriver.poll(scan, server);
        List<String> expected = new ArrayList<>();
        expected.add(failing);
        expected.addAll(fresh);
        assertThat(third.deliveredIds()).containsExactlyElementsOf(expected);
        assertThat(scan.cursor().created()).isEqualTo(server.leads().get(232).getCreatedat());
        assertThat(scan.cursor().failed()).isEmpty();

        ScanDriver.Poll idle = ScanDriver.poll(scan, server);
        assertThat(idle.emitted()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void whenEveryExchangeFailsThePollStopsEarlyAndLaterDeliversEverythingOnce(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(1_000);
        LeadScan scan = scan(50, Duration.ofMinutes(5));

        ScanDriver.Poll down = ScanDriver.poll(scan, server, e -> true);
        assertThat(down.stats().failed()).isEqualTo(50);
        assertThat(down.calls()).as("no need to read 20 pages of leads that would fail too").isLessThanOrEqualTo(3);
        assertThat(scan.cursor().created()).isEqualTo(server.leads().get(0).getCreatedat());

        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            delivered.addAll(ScanDriver.poll(scan, server).deliveredIds());
        }
        assertThat(delivered).containsExactlyElementsOf(server.ids());
    }

    private static List<String> createdBefore(FakeLeadServer server, java.time.Instant instant) {
        return server.leads().stream().filter(l -> l.getCreatedat().isBefore(instant)).map(l -> l.getId()).toList();
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void aScanAbandonedMidwayKeepsTheCursorAndTheNextPollLosesNothing(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(480);
        LeadScan scan = scan(40, Duration.ofMinutes(5));
        List<String> delivered = new ArrayList<>();

        server.failOnCall(6);
        ScanDriver.Poll broken = ScanDriver.poll(scan, server);
        assertThat(broken.abandoned()).isTrue();
        assertThat(broken.deliveredIds()).isNotEmpty();
        // a checkpoint: everything created before it was delivered, and the next poll resumes there
        if (order == Order.NEWEST_FIRST) {
            assertThat(scan.cursor().resume()).isNotNegative();
        } else {
            assertThat(scan.cursor().offset()).isNotNegative();
        }
        assertThat(broken.deliveredIds()).containsAll(createdBefore(server, scan.cursor().created()));
        delivered.addAll(broken.deliveredIds());

        ScanDriver.Poll resumed = ScanDriver.poll(scan, server);
        delivered.addAll(resumed.deliveredIds());
        assertThat(delivered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(server.ids());

        // and during an incremental poll
        server.insert(95);
        server.failOnCall(server.calls() + 2);
        ScanDriver.Poll brokenIncremental = ScanDriver.poll(scan, server);
        assertThat(brokenIncremental.abandoned()).isTrue();
        delivered.addAll(brokenIncremental.deliveredIds());
        assertThat(delivered).as("the cursor (or checkpoint) passes nothing undelivered")
                .containsAll(createdBefore(server, scan.cursor().created()));
        delivered.addAll(ScanDriver.poll(scan, server).deliveredIds());
        assertThat(delivered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(server.ids());
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void equalTimestampsAcrossPageEdgesAreNeitherSkippedNorDoubled(Order order) {
        for (Duration lookback : new Duration[] { Duration.ZERO, Duration.ofMinutes(5) }) {
            FakeLeadServer server = new FakeLeadServer(order);
            server.insert(45);
            server.insertSameTime(37); // 37 leads with one createdat, spanning several 10-lead pages
            LeadScan scan = scan(10, lookback);
            List<String> delivered = new ArrayList<>(ScanDriver.poll(scan, server).createdIds());
            assertThat(delivered).as("backfill, lookback " + lookback).containsExactlyElementsOf(server.ids());

            List<String> sameInstant = server.insertSameTime(13).stream().map(Lead::getId).toList();
            ScanDriver.Poll poll = ScanDriver.poll(scan, server);
            assertThat(poll.createdIds()).as("lookback " + lookback).containsExactlyElementsOf(sameInstant);

            server.advance(Duration.ofSeconds(1));
            List<String> later = server.insertSameTime(4).stream().map(Lead::getId).toList();
            assertThat(ScanDriver.poll(scan, server).createdIds()).containsExactlyElementsOf(later);
            assertThat(ScanDriver.poll(scan, server).emitted()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void eachPollPutsLeadsBackInCreationOrderAndCountsThem(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(64);
        ScanDriver.Poll poll = ScanDriver.poll(scan(8, Duration.ofMinutes(5)), server);
        assertThat(new HashSet<>(poll.createdIds())).hasSize(64);
        assertThat(poll.stats().emitted()).isEqualTo(64);
        assertThat(poll.stats().succeeded()).isEqualTo(64);
        assertThat(poll.stats().pagesRead()).isEqualTo(poll.calls());
        assertThat(poll.stats().calls()).isEqualTo(poll.calls());
        assertThat(poll.stats().complete()).isTrue();
    }

    /**
     * Ties returned in a new order on every request (MongoDB under skip/limit, the simulator's {@code shuffleTies}):
     * a group across page edges is read whole, in the backfill and in an incremental poll, oldest first, and an idle poll
     * is still one call (issue 17).
     */
    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void tiesReturnedInANewOrderOnEveryRequestAreReadWholeAcrossPageEdges(Order order) {
        FakeLeadServer server = new FakeLeadServer(order).shuffleTies(new java.util.Random(17));
        server.insert(10);
        server.insertSameTime(45); // a bulk import: 45 leads at one instant over five 10-lead pages
        server.advance(Duration.ofSeconds(1));
        server.insert(10);
        LeadScan scan = scan(10, Duration.ofMinutes(5));
        ScanDriver.Poll backfill = ScanDriver.poll(scan, server);
        assertThat(backfill.createdIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(server.ids());
        assertOldestFirst(backfill);
        assertThat(backfill.stats().strategy()).contains("-tie-reread");

        server.advance(Duration.ofSeconds(1));
        List<String> bulk = server.insertSameTime(25).stream().map(Lead::getId).toList();
        ScanDriver.Poll next = ScanDriver.poll(scan, server);
        assertThat(next.createdIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(bulk);
        server.advance(Duration.ofSeconds(1));
        List<String> one = server.insert(1).stream().map(Lead::getId).toList();
        assertThat(ScanDriver.poll(scan, server).createdIds()).isEqualTo(one);
        assertThat(ScanDriver.poll(scan, server).calls()).as("idle, the shuffled group right below the cursor")
                .isLessThanOrEqualTo(order == Order.NEWEST_FIRST ? 1 : 2);
    }

    private static void assertOldestFirst(ScanDriver.Poll poll) {
        for (int i = 1; i < poll.emitted().size(); i++) {
            assertThat(poll.emitted().get(i).lead().getCreatedat())
                    .isAfterOrEqualTo(poll.emitted().get(i - 1).lead().getCreatedat());
        }
    }
}
