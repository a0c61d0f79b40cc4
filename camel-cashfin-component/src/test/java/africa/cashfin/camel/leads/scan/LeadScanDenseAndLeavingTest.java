package africa.cashfin.camel.leads.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;

/** Dense lists (idle polls stop at the cursor), late leads below the cursor, leads leaving the list mid-poll. */
class LeadScanDenseAndLeavingTest {

    private static LeadScan scan(int limit, Duration lookback) {
        return new LeadScan(ScanSettings.defaults().withLimit(limit).withLookback(lookback),
                            new InMemorySeenLeadStore(1_000_000), new InMemoryScanStateStore());
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void idlePollsCostOneCallWhateverTheLookbackHolds(Order order) {
        FakeLeadServer server = new FakeLeadServer(order).step(Duration.ofSeconds(1));
        server.insert(5_000); // 300 leads inside the 5-minute lookback
        LeadScan scan = scan(100, Duration.ofMinutes(5));
        ScanDriver.poll(scan, server);
        for (int i = 0; i < LeadScan.WINDOW_CHECK_EVERY - 1; i++) {
            ScanDriver.Poll idle = ScanDriver.poll(scan, server);
            assertThat(idle.calls()).as("idle poll %d", i).isEqualTo(1);
        }
        ScanDriver.Poll check = ScanDriver.poll(scan, server);
        assertThat(check.stats().strategy()).as("the periodic window check").contains("window-check");
        assertThat(check.calls()).isGreaterThan(1);
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void aLateLeadBelowTheCursorIsFoundByTheTotals(Order order) {
        FakeLeadServer server = new FakeLeadServer(order).step(Duration.ofSeconds(1));
        server.insert(5_000);
        LeadScan scan = scan(100, Duration.ofMinutes(5));
        ScanDriver.poll(scan, server);
        Lead late = server.insertLate(server.leads().get(4_990).getCreatedat().plusMillis(1));
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);
        assertThat(poll.createdIds()).containsExactly(late.getId());
        assertThat(poll.stats().strategy()).contains("late-check");
        // oldest first, the cursor's page and the list's end may straddle a page edge
        assertThat(ScanDriver.poll(scan, server).calls()).isLessThanOrEqualTo(order == Order.NEWEST_FIRST ? 1 : 2);
    }

    /**
     * Two old leads leave (worked by sales, far below the cursor) while one lead arrives late just below the cursor:
     * the total fell by one and no lead was found above the cursor, so growth minus found says nothing arrived, yet one
     * did.
     */
    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void leadsLeavingBelowTheCursorDoNotHideALateLead(Order order) {
        FakeLeadServer server = new FakeLeadServer(order).step(Duration.ofSeconds(1));
        server.insert(5_000);
        LeadScan scan = scan(100, Duration.ofMinutes(5));
        ScanDriver.poll(scan, server);
        server.deleteOldest(2);
        Lead late = server.insertLate(server.leads().get(4_980).getCreatedat().plusMillis(1));
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);
        assertThat(poll.createdIds()).containsExactly(late.getId());
        assertThat(poll.stats().strategy()).contains("late-check");
    }

    /**
     * Newest first, the newest lead leaves (above the read position); oldest first, the oldest (below it, already
     * delivered): either way the unread leads move up a place between two page reads.
     */
    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void leadsLeavingTheListBetweenPageReadsCostNoOtherLead(Order order) {
        FakeLeadServer server = new FakeLeadServer(order).step(Duration.ofSeconds(1));
        server.insert(100);
        // a buffer of 10 pages, as the Camel consumer has: the 50 new leads are read forward and kept
        LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(20).withLookback(Duration.ofSeconds(10))
                .withMaxBufferedLeads(200), new InMemorySeenLeadStore(1_000_000), new InMemoryScanStateStore());
        ScanDriver.poll(scan, server);
        List<String> fresh = server.insert(50).stream().map(Lead::getId).toList();
        int leaving = order == Order.NEWEST_FIRST ? 4 : 2; // oldest first, the poll jumps near the end: fewer reads
        int[] left = { 0 };
        int start = server.calls();
        server.beforeEachRead(s -> {
            if (s.calls() > start + 1 && left[0] < leaving) { // one lead leaves before each read after the first
                if (order == Order.NEWEST_FIRST) {
                    s.deleteNewest();
                } else {
                    s.deleteOldest(1);
                }
                left[0]++;
            }
        });
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);
        assertThat(left[0]).isEqualTo(leaving);
        assertThat(poll.createdIds()).containsExactlyElementsOf(fresh);
        assertThat(poll.stats().strategy()).contains("reread");
    }

    @Test
    void oldestFirstBackfillWhileLeadsLeaveMissesNone() {
        FakeLeadServer server = new FakeLeadServer(Order.OLDEST_FIRST).step(Duration.ofSeconds(1));
        List<String> all = server.insert(200).stream().map(Lead::getId).toList();
        LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(20), new InMemorySeenLeadStore(1_000_000),
                new InMemoryScanStateStore());
        int[] left = { 0 };
        server.beforeEachRead(s -> {
            if (s.calls() > 2 && left[0] < 5) { // the oldest lead (already delivered) leaves before each read
                s.deleteOldest(1);
                left[0]++;
            }
        });
        ScanDriver.Poll poll = ScanDriver.poll(scan, server);
        assertThat(left[0]).isEqualTo(5);
        assertThat(poll.createdIds()).containsExactlyElementsOf(all);
    }
}
