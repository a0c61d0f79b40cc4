package africa.cashfin.camel.leads.scan;

import java.util.HashSet;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** emitUpdates, order detection and the full-scan fallback. */
class LeadScanUpdatesAndOrderTest {

    private static LeadScan scan(ScanSettings settings) {
        return new LeadScan(settings, new InMemorySeenLeadStore(1_000_000), new InMemoryScanStateStore());
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void updatesAreEmittedOncePerUpdatedatValue(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(250);
        LeadScan scan = scan(ScanSettings.defaults().withLimit(50).withEmitUpdates(true));
        ScanDriver.Poll backfill = ScanDriver.poll(scan, server);
        assertThat(backfill.emitted()).hasSize(250).allMatch(e -> e.type() == LeadEventType.CREATED);

        String a = server.ids().get(10);
        String b = server.ids().get(200);
        server.update(a);
        server.update(b);
        server.update(b); // twice between polls: one event for its latest version
        Lead fresh = server.insert();
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);

        assertThat(poll.delivered()).extracting(e -> e.lead().getId(), LeadEvent::type)
                .containsExactlyInAnyOrder(tuple(a, LeadEventType.UPDATED), tuple(b, LeadEventType.UPDATED),
                                           tuple(fresh.getId(), LeadEventType.CREATED));
        int pages = (server.size() + 49) / 50;
        assertThat(poll.calls()).as("updates need every page").isBetween(pages, pages + 1);

        assertThat(ScanDriver.poll(scan, server).emitted()).isEmpty();
        server.update(a);
        assertThat(ScanDriver.poll(scan, server).delivered()).extracting(e -> e.lead().getId(), LeadEvent::type)
                .containsExactly(tuple(a, LeadEventType.UPDATED));
    }

    @Test
    void updatesAreIgnoredUnlessAskedFor() {
        FakeLeadServer server = new FakeLeadServer(Order.NEWEST_FIRST);
        server.insert(120);
        LeadScan scan = scan(ScanSettings.defaults().withLimit(50));
        ScanDriver.poll(scan, server);
        server.update(server.ids().get(119));
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);
        assertThat(poll.emitted()).isEmpty();
        assertThat(poll.calls()).isEqualTo(1);
    }

    @Test
    void aFailedUpdateIsOfferedAgain() {
        FakeLeadServer server = new FakeLeadServer(Order.OLDEST_FIRST);
        server.insert(60);
        LeadScan scan = scan(ScanSettings.defaults().withLimit(25).withEmitUpdates(true));
        ScanDriver.poll(scan, server);
        String id = server.ids().get(5);
        server.update(id);
        ScanDriver.Poll failing = ScanDriver.poll(scan, server, e -> true);
        assertThat(failing.emitted()).extracting(e -> e.lead().getId()).containsExactly(id);
        assertThat(ScanDriver.poll(scan, server).delivered()).extracting(e -> e.lead().getId(), LeadEvent::type)
                .containsExactly(tuple(id, LeadEventType.UPDATED));
    }

    @Test
    void aListInNeitherOrderFallsBackToAFullScanAndAsksForOneWarning() {
        FakeLeadServer server = new FakeLeadServer(Order.SCRAMBLED);
        server.insert(350);
        LeadScan scan = scan(ScanSettings.defaults().withLimit(50));

        ScanDriver.Poll first = ScanDriver.poll(scan, server);
        assertThat(first.createdIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(server.ids());
        assertThat(first.stats().unordered()).isTrue();
        assertThat(first.stats().strategy()).isEqualTo("full-scan");
        assertThat(scan.cursor().order()).isEqualTo(ListOrder.UNORDERED);

        List<String> fresh = server.insert(3).stream().map(Lead::getId).toList();
        ScanDriver.Poll second = ScanDriver.poll(scan, server);
        assertThat(second.createdIds()).containsExactlyInAnyOrderElementsOf(fresh);
        assertThat(second.calls()).isEqualTo((server.size() + 49) / 50);
    }

    @Test
    void aFullScanThatNeverSawAStableTotalDoesNotMoveTheCursor() {
        FakeLeadServer server = new FakeLeadServer(Order.SCRAMBLED);
        server.insert(200);
        int[] noisyReads = { 90 };
        server.beforeEachRead(s -> {
            if (noisyReads[0]-- > 0) {
                s.insert(2); // lands anywhere in the scrambled list, possibly in pages already read
            }
        });
        LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(10).withLookback(java.time.Duration.ZERO),
                                     new InMemorySeenLeadStore(1_000_000), new InMemoryScanStateStore());
        List<String> delivered = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delivered.addAll(ScanDriver.poll(scan, server).createdIds());
        }
        assertThat(delivered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(server.ids());
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void theOrderIsDetectedFromTheData(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(130);
        LeadScan scan = scan(ScanSettings.defaults().withLimit(20));
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);
        assertThat(poll.stats().order()).isEqualTo(ListOrder.valueOf(order.name()));
        assertThat(poll.stats().unordered()).isFalse();
        assertThat(scan.cursor().order()).isEqualTo(ListOrder.valueOf(order.name()));
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void pageOneWithEqualTimestampsIsDisambiguatedByTheLastPage(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(40);
        server.insertSameTime(60); // newest-first: page 1 shows equal timestamps only
        server.insert(1);
        // oldest-first: make page 1 all equal instead
        FakeLeadServer probe = order == Order.OLDEST_FIRST ? oldestFirstWithEqualHead() : server;
        ScanDriver.Poll poll = ScanDriver.poll(scan(ScanSettings.defaults().withLimit(20)), probe);
        assertThat(poll.createdIds()).containsExactlyElementsOf(probe.ids());
        assertThat(poll.stats().order()).isEqualTo(ListOrder.valueOf(order.name()));
    }

    private static FakeLeadServer oldestFirstWithEqualHead() {
        FakeLeadServer server = new FakeLeadServer(Order.OLDEST_FIRST);
        server.insertSameTime(30);
        server.advance(java.time.Duration.ofMinutes(1));
        server.insert(70);
        return server;
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void allLeadsSharingOneTimestampAreStillDeliveredOnce(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insertSameTime(95);
        LeadScan scan = scan(ScanSettings.defaults().withLimit(10));
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);
        assertThat(new HashSet<>(poll.createdIds())).containsExactlyInAnyOrderElementsOf(server.ids());
        assertThat(poll.createdIds()).hasSize(95);
        List<String> more = server.insertSameTime(5).stream().map(Lead::getId).toList();
        assertThat(ScanDriver.poll(scan, server).createdIds()).containsExactlyInAnyOrderElementsOf(more);
    }
}
