package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-style: leads are inserted (with equal or increasing timestamps) before every page read while the consumer
 * backfills and polls. Over a fixed list of seeds, every lead must be delivered exactly once, oldest first per poll.
 */
class LeadScanPageShiftTest {

    private static final long[] SEEDS = { 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181,
            6765, 10946, 17711, 28657, 46368, 75025, 121393, 196418, 317811, 514229, 832040, 1346269 };

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void insertsDuringEveryPageReadLoseNothingAndDuplicateNothing(Order order) {
        int shiftedPolls = 0;
        burstWalks = 0;
        for (long seed : SEEDS) {
            shiftedPolls += runScenario(order, seed);
        }
        // the scenarios really did shift pages under the scan (more calls than a still list would need)
        assertThat(shiftedPolls).isPositive();
        if (order == Order.NEWEST_FIRST) {
            assertThat(burstWalks).as("bursts beyond the buffer took the seek-then-backward path").isPositive();
        }
    }

    private static int burstWalks;

    /** @return number of polls that needed more calls than the list had pages (shift compensation happened) */
    private static int runScenario(Order order, long seed) {
        Random random = new Random(seed);
        int limit = new int[] { 5, 7, 10, 25 }[random.nextInt(4)];
        Duration lookback = new Duration[] { Duration.ZERO, Duration.ofSeconds(3), Duration.ofMinutes(5) }[random.nextInt(3)];
        FakeLeadServer server = new FakeLeadServer(order).step(Duration.ofSeconds(1));
        insertRandomly(server, random, 20 + random.nextInt(400));
        int maxPerRead = Math.max(1, limit / 4);
        int[] readsWithInserts = { 20 + random.nextInt(80) };
        server.beforeEachRead(s -> {
            if (readsWithInserts[0] > 0) {
                readsWithInserts[0]--;
                insertRandomly(s, random, random.nextInt(maxPerRead + 1));
            }
        });
        LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(limit).withLookback(lookback),
                                     new InMemorySeenLeadStore(1_000_000), new InMemoryScanStateStore());
        String scenario = "seed=" + seed + " order=" + order + " limit=" + limit + " lookback=" + lookback;

        List<String> delivered = new ArrayList<>();
        int shifted = 0;
        for (int polls = 0; polls < 60; polls++) {
            if (readsWithInserts[0] > 0 && random.nextInt(3) == 0) {
                insertRandomly(server, random, random.nextInt(4 * limit)); // bursts beyond the one-page buffer too
            }
            int pagesBefore = (server.size() + limit - 1) / limit;
            ScanDriver.Poll poll = ScanDriver.poll(scan, server);
            assertThat(poll.abandoned()).as(scenario).isFalse();
            assertOldestFirst(poll, scenario);
            delivered.addAll(poll.createdIds());
            if (poll.stats().strategy().contains("then-backward")) {
                burstWalks++;
            }
            if (poll.calls() > pagesBefore + 1) {
                shifted++;
            }
            if (readsWithInserts[0] == 0 && poll.emitted().isEmpty()) {
                break;
            }
        }
        Set<String> unique = new HashSet<>(delivered);
        assertThat(delivered).as("no duplicates, " + scenario).hasSameSizeAs(unique);
        assertThat(unique).as("no loss, " + scenario).containsExactlyInAnyOrderElementsOf(server.ids());
        return shifted;
    }

    private static void insertRandomly(FakeLeadServer server, Random random, int count) {
        for (int i = 0; i < count; i++) {
            if (random.nextBoolean()) {
                server.insertSameTime(1);
            } else {
                server.insert();
            }
        }
    }

    private static void assertOldestFirst(ScanDriver.Poll poll, String scenario) {
        Instant previous = Instant.MIN;
        for (LeadEvent event : poll.delivered()) {
            assertThat(event.lead().getCreatedat()).as("oldest first, " + scenario).isAfterOrEqualTo(previous);
            previous = event.lead().getCreatedat();
        }
    }
}
