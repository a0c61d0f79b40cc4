package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-style, over fixed seeds: inserts before page reads, failing list calls (abandoned scans) and failing
 * exchanges, in every order the fake can serve. In the end every lead is delivered exactly once.
 */
class LeadScanRandomFailuresTest {

    private static final long[] SEEDS = { 7, 11, 19, 23, 42, 99, 123, 256, 1000, 4242, 31337, 65537, 99991, 123457,
            777777 };

    @ParameterizedTest
    @EnumSource(Order.class)
    void randomInsertsCallFailuresAndExchangeFailuresLoseNothingAndDuplicateNothing(Order order) {
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            int limit = new int[] { 5, 10, 20 }[random.nextInt(3)];
            FakeLeadServer server = new FakeLeadServer(order).step(Duration.ofSeconds(random.nextInt(3)));
            server.insert(10 + random.nextInt(300));
            int[] noisyReads = { 30 + random.nextInt(60) };
            server.beforeEachRead(s -> {
                if (noisyReads[0] > 0) {
                    noisyReads[0]--;
                    s.insert(random.nextInt(Math.max(1, limit / 4) + 1));
                    if (random.nextInt(15) == 0) {
                        throw new FakeLeadServer.ListCallFailed(s.calls());
                    }
                }
            });
            LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(limit).withLookback(Duration.ofSeconds(2)),
                                         new InMemorySeenLeadStore(1_000_000), new InMemoryScanStateStore());
            String scenario = "seed=" + seed + " order=" + order + " limit=" + limit;
            List<String> delivered = new ArrayList<>();
            for (int polls = 0; polls < 200; polls++) {
                boolean noisy = noisyReads[0] > 0;
                ScanDriver.Poll poll = ScanDriver.poll(scan, server, e -> noisy && random.nextInt(10) == 0);
                delivered.addAll(poll.createdIds());
                if (!noisy && !poll.abandoned() && poll.emitted().isEmpty()) {
                    break;
                }
            }
            Set<String> unique = new HashSet<>(delivered);
            assertThat(delivered).as("no duplicates, " + scenario).hasSameSizeAs(unique);
            assertThat(unique).as("no loss, " + scenario).containsExactlyInAnyOrderElementsOf(server.ids());
        }
    }

    @Test
    void deletesBeforeTheOffsetMakeTheOldestFirstJumpStepBackAndNothingIsLost() {
        FakeLeadServer server = new FakeLeadServer(Order.OLDEST_FIRST);
        server.insert(100);
        LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(10), new InMemorySeenLeadStore(10_000),
                                     new InMemoryScanStateStore());
        ScanDriver.poll(scan, server);
        List<Lead> fresh = server.insert(3);
        String failing = fresh.get(1).getId();
        ScanDriver.Poll first = ScanDriver.poll(scan, server, e -> e.lead().getId().equals(failing));
        assertThat(first.deliveredIds()).containsExactly(fresh.get(0).getId(), fresh.get(2).getId());

        server.deleteOldest(25); // everything moves 25 places up: the saved offset now points past the failed lead
        ScanDriver.Poll second = ScanDriver.poll(scan, server);

        assertThat(second.deliveredIds()).containsExactly(failing);
        assertThat(second.calls()).as("stepped back at least once").isGreaterThan(1);
    }
}
