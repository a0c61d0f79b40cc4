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
