package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Restarts (a new LeadScan over the same stores) and the startFrom options. */
class LeadScanRestartAndStartFromTest {

    private static final ScanSettings SETTINGS = ScanSettings.defaults().withLimit(50);

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void restartWithOnlyAPersistentSeenStoreEmitsNothingTwiceAndMissesNothing(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(420);
        InMemorySeenLeadStore persistentSeen = new InMemorySeenLeadStore(1_000_000);
        ScanDriver.poll(new LeadScan(SETTINGS, persistentSeen, null), server);

        List<String> whileDown = server.insert(6).stream().map(Lead::getId).toList();
        LeadScan restarted = new LeadScan(SETTINGS, persistentSeen, null);
        ScanDriver.Poll poll = ScanDriver.poll(restarted, server);

        assertThat(poll.createdIds()).containsExactlyElementsOf(whileDown);
        assertThat(poll.stats().strategy()).startsWith("verify");
        int pages = (server.size() + 49) / 50;
        assertThat(poll.calls()).as("verification reads every page").isBetween(pages, pages + 1);

        // after that first poll the in-memory cursor makes polls cheap again
        assertThat(ScanDriver.poll(restarted, server).calls()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void restartWithACursorStoreIsAsCheapAsAnIncrementalPoll(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(4_000);
        InMemorySeenLeadStore seen = new InMemorySeenLeadStore(1_000_000);
        InMemoryScanStateStore state = new InMemoryScanStateStore();
        ScanDriver.poll(new LeadScan(SETTINGS, seen, state), server);

        List<String> whileDown = server.insert(12).stream().map(Lead::getId).toList();
        ScanDriver.Poll poll = ScanDriver.poll(new LeadScan(SETTINGS, seen, state), server);

        assertThat(poll.createdIds()).containsExactlyElementsOf(whileDown);
        assertThat(poll.calls()).isLessThanOrEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void startFromNowRecordsExistingLeadsWithoutEmittingThemCheaply(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(1_000);
        InMemorySeenLeadStore seen = new InMemorySeenLeadStore(1_000_000);
        LeadScan scan = new LeadScan(SETTINGS.withStartFrom(StartFrom.NOW), seen, new InMemoryScanStateStore());

        ScanDriver.Poll first = ScanDriver.poll(scan, server);
        assertThat(first.emitted()).isEmpty();
        assertThat(first.calls()).isLessThanOrEqualTo(2); // page 1 (and the last page when oldest first)
        assertThat(first.stats().cursor().created()).isEqualTo(server.leads().get(999).getCreatedat());

        List<String> fresh = server.insert(4).stream().map(Lead::getId).toList();
        assertThat(ScanDriver.poll(scan, server).createdIds()).containsExactlyElementsOf(fresh);
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void startFromNowWithoutCursorStateSurvivesARestart(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(300);
        InMemorySeenLeadStore persistentSeen = new InMemorySeenLeadStore(1_000_000);
        ScanSettings now = SETTINGS.withStartFrom(StartFrom.NOW);
        ScanDriver.Poll first = ScanDriver.poll(new LeadScan(now, persistentSeen, null), server);
        assertThat(first.emitted()).isEmpty();
        assertThat(first.stats().markedSeen()).isEqualTo(300);

        List<String> whileDown = server.insert(5).stream().map(Lead::getId).toList();
        ScanDriver.Poll afterRestart = ScanDriver.poll(new LeadScan(now, persistentSeen, null), server);
        assertThat(afterRestart.createdIds()).containsExactlyElementsOf(whileDown);
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void startFromAnInstantEmitsOnlyLeadsCreatedAtOrAfterIt(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(300);
        Instant from = server.leads().get(200).getCreatedat();
        LeadScan scan = new LeadScan(SETTINGS.withStartFrom(StartFrom.at(from)), new InMemorySeenLeadStore(100_000),
                                     new InMemoryScanStateStore());

        ScanDriver.Poll first = ScanDriver.poll(scan, server);
        assertThat(first.createdIds()).containsExactlyElementsOf(server.ids().subList(200, 300));

        List<String> fresh = server.insert(3).stream().map(Lead::getId).toList();
        assertThat(ScanDriver.poll(scan, server).createdIds()).containsExactlyElementsOf(fresh);
    }

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void startFromIsIgnoredOnceStateExists(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(80);
        InMemorySeenLeadStore seen = new InMemorySeenLeadStore(100_000);
        InMemoryScanStateStore state = new InMemoryScanStateStore();
        ScanDriver.poll(new LeadScan(SETTINGS, seen, state), server);

        List<String> fresh = server.insert(2).stream().map(Lead::getId).toList();
        ScanDriver.Poll poll = ScanDriver.poll(new LeadScan(SETTINGS.withStartFrom(StartFrom.NOW), seen, state), server);
        assertThat(poll.createdIds()).containsExactlyElementsOf(fresh);
    }

    /**
     * maxMessagesPerPoll=150 on a 2,000-lead oldest-first backfill (40 pages of 50): without a checkpoint every poll
     * starts over at page 1, and the backfill costs about 14 polls x up to 40 pages (quadratic); with it each poll
     * jumps to where the last one stopped.
     */
    @Test
    void anOldestFirstBackfillCutByMaxMessagesPerPollResumesAtItsCheckpoint() {
        FakeLeadServer server = new FakeLeadServer(Order.OLDEST_FIRST);
        List<String> all = server.insert(2_000).stream().map(Lead::getId).toList();
        InMemorySeenLeadStore seen = new InMemorySeenLeadStore(1_000_000);
        LeadScan scan = new LeadScan(SETTINGS, seen, new InMemoryScanStateStore());
        java.util.List<String> delivered = new java.util.ArrayList<>();
        int polls = 0;
        int calls = 0;
        ScanDriver.Poll poll;
        do {
            poll = ScanDriver.pollAtMost(scan, server, 150);
            delivered.addAll(poll.deliveredIds());
            calls += poll.calls();
            polls++;
        } while (poll.abandoned() && polls < 100);
        assertThat(delivered).doesNotHaveDuplicates().containsExactlyElementsOf(all);
        assertThat(polls).isEqualTo(14);
        assertThat(calls).as("about 40 pages once plus a jump per poll, not 1 + 3 + 6 + ... pages").isLessThanOrEqualTo(40 + 3 * polls);
        assertThat(ScanDriver.poll(scan, server).calls()).as("idle again").isLessThanOrEqualTo(2);
    }

    /**
     * maxMessagesPerPoll=150 on a burst of 2,000 new leads a second apart (40 pages of 50) on an oldest-first list whose
     * last poll completed: each poll jumps to its cursor, finds the first lead after it where the cursor's counts put
     * it (nothing arrived late below it), and checkpoints with counts as it goes, so the next poll jumps to where it
     * stopped. Without those checkpoints every poll read on from the burst's start: about 300 calls.
     */
    @Test
    void anOldestFirstBurstCutByMaxMessagesPerPollResumesAtItsCheckpoint() {
        FakeLeadServer server = new FakeLeadServer(Order.OLDEST_FIRST);
        server.insert(100);
        InMemorySeenLeadStore seen = new InMemorySeenLeadStore(1_000_000);
        LeadScan scan = new LeadScan(SETTINGS, seen, new InMemoryScanStateStore());
        assertThat(ScanDriver.poll(scan, server).abandoned()).isFalse();
        List<String> burst = server.step(java.time.Duration.ofSeconds(1)).insert(2_000).stream().map(Lead::getId)
                .toList();
        java.util.List<String> delivered = new java.util.ArrayList<>();
        int polls = 0;
        int calls = 0;
        ScanDriver.Poll poll;
        do {
            poll = ScanDriver.pollAtMost(scan, server, 150);
            delivered.addAll(poll.deliveredIds());
            calls += poll.calls();
            polls++;
        } while (poll.abandoned() && polls < 100);
        assertThat(delivered).doesNotHaveDuplicates().containsExactlyElementsOf(burst);
        assertThat(polls).isEqualTo(14);
        assertThat(calls).as("about 40 pages once plus a jump per poll, not 1 + 3 + 6 + ... pages")
                .isLessThanOrEqualTo(40 + 3 * polls);
        assertThat(ScanDriver.poll(scan, server).calls()).as("idle again").isLessThanOrEqualTo(2);
    }

    @Test
    void aNewestFirstBackfillThatDiesMidwayIsResumedByTheNextNodeWithoutWalkingTheHandledPagesAgain() {
        FakeLeadServer server = new FakeLeadServer(Order.NEWEST_FIRST);
        List<String> all = server.insert(1_000).stream().map(Lead::getId).toList(); // 20 pages of 50
        InMemorySeenLeadStore seen = new InMemorySeenLeadStore(1_000_000); // shared by the nodes, like the JDBC ones
        InMemoryScanStateStore state = new InMemoryScanStateStore();
        server.failOnCall(13); // the node stops (a leader change) after about half the backfill
        ScanDriver.Poll first = ScanDriver.poll(new LeadScan(SETTINGS, seen, state), server);
        assertThat(first.abandoned()).isTrue();
        assertThat(first.deliveredIds()).hasSizeGreaterThan(400);

        List<String> meanwhile = server.insert(30).stream().map(Lead::getId).toList();
        ScanDriver.Poll next = ScanDriver.poll(new LeadScan(SETTINGS, seen, state), server); // the next leader
        assertThat(next.stats().strategy()).startsWith("incremental-resume-backward");
        assertThat(next.calls()).as("page 1, the checkpoint's page and the pages above it, not the whole list")
                .isLessThanOrEqualTo(13);
        java.util.List<String> delivered = new java.util.ArrayList<>(first.deliveredIds());
        delivered.addAll(next.deliveredIds());
        java.util.List<String> expected = new java.util.ArrayList<>(all);
        expected.addAll(meanwhile);
        assertThat(delivered).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
        assertThat(ScanDriver.poll(new LeadScan(SETTINGS, seen, state), server).calls()).as("idle again").isEqualTo(1);
    }
}
