package africa.cashfin.camel.leads.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;

/** Servers that do not behave as the API docs suggest: a capped {@code limit}. */
class LeadScanServerQuirksTest {

    private static LeadScan scan(int limit) {
        return new LeadScan(ScanSettings.defaults().withLimit(limit).withLookback(Duration.ofMinutes(5)),
                            new InMemorySeenLeadStore(1_000_000), new InMemoryScanStateStore());
    }

    /**
     * Found by {@link ScanModelProperties} (shrunk): a server capped at one lead a page shows no order on page 1, so the
     * probe reads the last page; leads inserted between the two reads (the newest five at one instant) put a newer
     * lead there, and the newest-first list was taken for oldest first. The first pages (the tie group) showed no
     * contradiction before two failed exchanges stopped the run, the wrong order was saved, and lead 1 was never
     * emitted.
     */
    @ParameterizedTest
    @CsvSource({ "NEWEST_FIRST", "OLDEST_FIRST" })
    void insertsBetweenTheTwoReadsOfTheOrderProbeDoNotFoolIt(Order order) {
        FakeLeadServer server = new FakeLeadServer(order).step(Duration.ofSeconds(20)).capLimit(1, false);
        List<String> all = new ArrayList<>(server.insert(4).stream().map(Lead::getId).toList());
        server.beforeEachRead(s -> {
            if (s.calls() == 2) {
                all.addAll(s.insert(12).stream().map(Lead::getId).toList());
                all.addAll(s.insertSameTime(5).stream().map(Lead::getId).toList());
            }
        });
        LeadScan scan = scan(2);
        int[] failures = { 2 };
        List<String> delivered = new ArrayList<>(ScanDriver.poll(scan, server, e -> failures[0]-- > 0).createdIds());
        for (int i = 0; i < 5; i++) {
            delivered.addAll(ScanDriver.poll(scan, server).createdIds());
        }
        assertThat(delivered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }

    /**
     * Found by {@link ScanModelProperties}: the sweep asked for 10 a page from a server that serves 3 without saying
     * so, took page 1 for the bottom (its page count was derived from the request) and ended every pass there; the
     * leads that entered the view below the cursor were never emitted.
     */
    @ParameterizedTest
    @CsvSource({ "NEWEST_FIRST", "OLDEST_FIRST" })
    void theSweepReadsAServerThatCapsTheLimitToTheBottom(Order order) {
        FakeLeadServer server = new FakeLeadServer(order).capLimit(3, false);
        server.insert(30);
        InMemorySeenLeadStore seen = new InMemorySeenLeadStore(1_000_000);
        LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(10), seen, new InMemoryScanStateStore());
        ViewSweep sweep = new ViewSweep(new SweepSettings(0.5, 1_000, 10, null, false), seen, null);
        java.time.Instant now = java.time.Instant.parse("2024-06-01T00:00:00Z");
        assertThat(SweepDriver.poll(scan, sweep, server, now, 1_000_000).deliveredIds()).hasSize(30);
        List<String> entered = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // entered the view an hour below the cursor: the fast path cannot see them
            entered.add(server.insertLate(server.leads().get(3 * i).getCreatedat().plusMillis(1)).getId());
        }
        sweep.sweepNow(now, "test");
        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            delivered.addAll(SweepDriver.poll(scan, sweep, server, now = now.plusSeconds(300), 1_000_000).swept());
        }
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(entered);
    }

    /**
     * The server serves 30 leads a page although 100 were asked: page 1 (30 leads) must not be taken for the end of the
     * list, whether the page info reports the cap or echoes the request.
     */
    @ParameterizedTest
    @CsvSource({ "NEWEST_FIRST, true", "NEWEST_FIRST, false", "OLDEST_FIRST, true", "OLDEST_FIRST, false" })
    void aServerThatCapsTheLimitLosesNoLead(Order order, boolean reportsCap) {
        FakeLeadServer server = new FakeLeadServer(order).step(Duration.ofSeconds(1)).capLimit(30, reportsCap);
        List<String> all = new ArrayList<>(server.insert(250).stream().map(Lead::getId).toList());
        LeadScan scan = scan(100);
        ScanDriver.Poll backfill = ScanDriver.poll(scan, server);
        assertThat(backfill.createdIds()).containsExactlyElementsOf(all);
        assertThat(backfill.calls()).as("one call per served page, plus the probe").isLessThanOrEqualTo(10);

        List<String> fresh = server.insert(70).stream().map(Lead::getId).toList();
        ScanDriver.Poll incremental = ScanDriver.poll(scan, server);
        assertThat(incremental.createdIds()).containsExactlyElementsOf(fresh);
        assertThat(ScanDriver.poll(scan, server).calls()).as("idle").isLessThanOrEqualTo(2);
    }
}
