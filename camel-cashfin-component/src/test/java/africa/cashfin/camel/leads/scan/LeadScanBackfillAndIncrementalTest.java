package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class LeadScanBackfillAndIncrementalTest {

    private static LeadScan scan(int limit) {
        return new LeadScan(ScanSettings.defaults().withLimit(limit), new InMemorySeenLeadStore(1_000_000),
                            new InMemoryScanStateStore());
    }

    @Test
    void backfillNewestFirstWalksBackwardFromTheLastPageAndEmitsOldestFirst() {
        FakeLeadServer server = new FakeLeadServer(Order.NEWEST_FIRST);
        server.insert(1050);

        ScanDriver.Poll poll = ScanDriver.poll(scan(100), server);

        assertThat(poll.createdIds()).containsExactlyElementsOf(server.ids());
        assertThat(poll.calls()).isEqualTo(1 + 11); // probe page 1, then pages 11..1
        assertThat(poll.stats().order()).isEqualTo(ListOrder.NEWEST_FIRST);
        assertThat(poll.stats().cursor().created()).isEqualTo(server.leads().get(1049).getCreatedat());
    }

    @Test
    void backfillOldestFirstWalksForward() {
        FakeLeadServer server = new FakeLeadServer(Order.OLDEST_FIRST);
        server.insert(1050);

        ScanDriver.Poll poll = ScanDriver.poll(scan(100), server);

        assertThat(poll.createdIds()).containsExactlyElementsOf(server.ids());
        assertThat(poll.calls()).isEqualTo(11);
        assertThat(poll.stats().order()).isEqualTo(ListOrder.OLDEST_FIRST);
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void emptyListCostsOneCallAndLaterLeadsAreEmitted(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        LeadScan scan = scan(10);

        ScanDriver.Poll first = ScanDriver.poll(scan, server);
        assertThat(first.calls()).isEqualTo(1);
        assertThat(first.emitted()).isEmpty();

        List<Lead> created = server.insert(25);
        ScanDriver.Poll second = ScanDriver.poll(scan, server);
        assertThat(second.createdIds()).containsExactlyElementsOf(created.stream().map(Lead::getId).toList());
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void incrementalPollEmitsOnlyTheNewLeadsOldestFirst(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(333);
        LeadScan scan = scan(50);
        ScanDriver.poll(scan, server);

        List<String> fresh = server.insert(7).stream().map(Lead::getId).toList();
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);

        assertThat(poll.createdIds()).containsExactlyElementsOf(fresh);
        assertThat(poll.stats().strategy()).startsWith("incremental");
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void idlePollCostsExactlyOneCallWith10kStored(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(10_000);
        LeadScan scan = scan(100);
        ScanDriver.poll(scan, server);

        for (int i = 0; i < 3; i++) {
            ScanDriver.Poll idle = ScanDriver.poll(scan, server);
            assertThat(idle.calls()).isEqualTo(1);
            assertThat(idle.emitted()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void kNewLeadsCostAtMostCeilKOverLimitPlusOneCallsWith10kStored(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(10_000);
        LeadScan scan = scan(100);
        ScanDriver.poll(scan, server);

        for (int k : new int[] { 1, 37, 99, 100, 101, 150, 3, 180 }) {
            List<String> fresh = server.insert(k).stream().map(Lead::getId).toList();
            ScanDriver.Poll poll = ScanDriver.poll(scan, server);
            assertThat(poll.createdIds()).as("k=%d", k).containsExactlyElementsOf(fresh);
            assertThat(poll.calls()).as("calls for k=%d", k).isLessThanOrEqualTo((k + 99) / 100 + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void aBurstLargerThanTheBufferIsEmittedCompletelyWithBoundedMemory(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(2_000);
        LeadScan scan = scan(50);
        ScanDriver.poll(scan, server);

        List<String> fresh = server.insert(777).stream().map(Lead::getId).toList();
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);

        assertThat(poll.createdIds()).containsExactlyElementsOf(fresh);
        assertThat(poll.stats().peakBuffered()).isLessThanOrEqualTo(2 * 50);
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void leadsCreatedSlightlyBeforeTheCursorAreCaughtByTheLookback(Order order) {
        FakeLeadServer server = new FakeLeadServer(order).step(Duration.ofSeconds(10));
        server.insert(120);
        LeadScan scan = scan(20);
        ScanDriver.poll(scan, server);
        // the scan below must still find everything even though polls keep overlapping by the lookback
        List<String> all = new ArrayList<>(server.ids());
        for (int i = 0; i < 5; i++) {
            server.insert(3);
            ScanDriver.Poll poll = ScanDriver.poll(scan, server);
            assertThat(poll.createdIds()).hasSize(3);
        }
        assertThat(server.size()).isEqualTo(all.size() + 15);
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void aLongListWithoutPageInfoIsReadToTheShortPage(Order order) {
        FakeLeadServer server = new FakeLeadServer(order).withoutPageInfo();
        server.insert(8_050);
        LeadScan scan = scan(100);

        ScanDriver.Poll backfill = ScanDriver.poll(scan, server);
        assertThat(backfill.abandoned()).isFalse();
        assertThat(backfill.createdIds()).containsExactlyInAnyOrderElementsOf(server.ids());

        List<String> fresh = server.insert(5).stream().map(Lead::getId).toList();
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);
        assertThat(poll.createdIds()).containsExactlyElementsOf(fresh);
    }
}
