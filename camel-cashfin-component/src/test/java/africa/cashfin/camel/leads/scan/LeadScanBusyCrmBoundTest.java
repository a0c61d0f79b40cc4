package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call bound of a poll ({@link ScanRun#callBound()}, docs/consumer-design.md "A list that changes faster than it
 * can be read"): a poll that cannot keep up with a busy CRM ends after {@code 4 x pages + 50} list calls, {@code pages}
 * the list's size when it started, and the next poll goes on from the point it reached; long walks of a quiet list (with
 * and without page info) are not cut. Polls are driven as the consumer drives them: a run that is
 * {@link ScanRun#isOutpaced() outpaced} is abandoned (its checkpoint kept), a run that is done is finished; the
 * consumer's buffer of 10 pages before the backward walk.
 */
class LeadScanBusyCrmBoundTest {

    /** Far above any bound of these lists: a poll still running there does not end. */
    private static final int CUT = 20_000;

    private record Poll(int calls, int sizeAtStart, List<String> delivered, String ended, ScanStatistics stats) {
        @Override
        public String toString() {
            return ended + " after " + calls + " calls, list of " + sizeAtStart + " at its start, " + delivered.size()
                   + " leads emitted: " + stats;
        }
    }

    private static LeadScan scan(int limit) {
        return new LeadScan(ScanSettings.defaults().withLimit(limit).withMaxBufferedLeads(10 * limit),
                            new InMemorySeenLeadStore(1_000_000), new InMemoryScanStateStore());
    }

    /** One poll; {@code arrivals} leads are inserted before each of its list calls (before its first too). */
    private static Poll poll(LeadScan scan, FakeLeadServer server, int arrivals) {
        server.beforeEachRead(s -> s.insert(arrivals));
        int before = server.calls();
        int sizeAtStart = server.size() + arrivals; // the first read sees the list after its arrivals
        List<String> delivered = new ArrayList<>();
        ScanRun run = scan.start();
        while (!run.isDone()) {
            if (run.isOutpaced()) {
                return new Poll(server.calls() - before, sizeAtStart, delivered, "outpaced", run.abandon());
            }
            if (server.calls() - before >= CUT) {
                return new Poll(server.calls() - before, sizeAtStart, delivered, "cut", run.abandon());
            }
            PageRequest request = run.nextRequest();
            for (LeadEvent event : run.accept(server.page(request.page(), request.limit()))) {
                run.succeeded(event);
                delivered.add(event.lead().getId());
            }
        }
        ScanStatistics stats = run.finish();
        server.beforeEachRead(s -> {
        });
        return new Poll(server.calls() - before, sizeAtStart, delivered, "done", stats);
    }

    private static int bound(int size, int limit) {
        return 4 * ((size + limit - 1) / limit) + 50;
    }

    /**
     * {@code limit=3} and two leads arriving before every list call: the walk back to the top handles about
     * {@code limit / 2} leads a call, so no poll can reach the newest leads while the CRM is busy. Each poll ends after at
     * most {@code 4 x pages + 50} calls, {@code pages} the list's size when it started (before the change the bound grew
     * with the pages seen and the poll ran past 20,000 calls); the poll after an abandoned one goes on from the point it
     * reached (it resumes the backward walk from the checkpoint, and emits leads the abandoned poll had not reached);
     * once the CRM calms down every lead is emitted exactly once.
     */
    @Test
    void aPollThatCannotKeepUpWithABusyCrmEndsWithinTheBoundOfTheListItStartedOnAndTheNextGoesOn() {
        // leads a minute apart: the 5-minute lookback window below a cursor holds 5 leads
        FakeLeadServer server = new FakeLeadServer(Order.NEWEST_FIRST).step(Duration.ofMinutes(1));
        server.insert(60);
        LeadScan scan = scan(3);
        Set<String> emitted = new HashSet<>();
        int twice = 0;
        for (String id : poll(scan, server, 0).delivered()) {
            twice += emitted.add(id) ? 0 : 1;
        }
        server.insert(30);
        List<Poll> busy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Poll p = poll(scan, server, 2);
            busy.add(p);
            for (String id : p.delivered()) {
                twice += emitted.add(id) ? 0 : 1;
            }
            assertThat(p.ended()).as("busy poll %d: %s", i + 1, p).isEqualTo("outpaced");
            assertThat(p.calls()).as("busy poll %d", i + 1).isLessThanOrEqualTo(bound(p.sizeAtStart(), 3));
            assertThat(p.stats().complete()).isFalse();
            assertThat(p.stats().strategy()).endsWith("-outpaced");
            assertThat(p.delivered()).as("busy poll %d emits leads", i + 1).isNotEmpty();
        }
        // the polls after the first resume the walk from the checkpoint the one before saved
        assertThat(busy.get(1).stats().strategy()).startsWith("incremental-resume-backward");
        assertThat(busy.get(2).stats().strategy()).startsWith("incremental-resume-backward");
        // and go on past it: each emits leads created after everything the one before emitted
        assertThat(newestIndex(server, busy.get(1).delivered())).isGreaterThan(newestIndex(server, busy.get(0).delivered()));
        assertThat(newestIndex(server, busy.get(2).delivered())).isGreaterThan(newestIndex(server, busy.get(1).delivered()));

        int quietPolls = 0;
        for (Poll p = poll(scan, server, 0); ; p = poll(scan, server, 0)) {
            quietPolls++;
            assertThat(p.ended()).as("quiet poll %d: %s", quietPolls, p).isEqualTo("done");
            for (String id : p.delivered()) {
                twice += emitted.add(id) ? 0 : 1;
            }
            if (p.delivered().isEmpty() || quietPolls > 5) {
                break;
            }
        }
        assertThat(twice).as("leads emitted twice").isZero();
        assertThat(emitted).as("every lead once after the CRM calmed down").containsExactlyInAnyOrderElementsOf(server.ids());
        assertThat(quietPolls).isLessThanOrEqualTo(2);
    }

    /** The position (oldest first) of the newest of {@code ids} in the list. */
    private static int newestIndex(FakeLeadServer server, List<String> ids) {
        List<String> all = server.ids();
        return ids.stream().mapToInt(all::indexOf).max().orElse(-1);
    }

    /**
     * A poll of a busy CRM that keeps up ({@code limit=3}, a lead every second call, below {@code limit / 2} a call) is
     * not cut: it walks its backlog and reaches the newest leads, and the next poll is cheap again.
     */
    @Test
    void aPollThatKeepsUpWithABusyCrmIsNotCut() {
        FakeLeadServer server = new FakeLeadServer(Order.NEWEST_FIRST).step(Duration.ofSeconds(1));
        server.insert(300);
        LeadScan scan = scan(3);
        poll(scan, server, 0);
        server.insert(100);
        int[] reads = { 0 };
        server.beforeEachRead(s -> s.insert(reads[0]++ % 2));
        List<String> delivered = new ArrayList<>();
        ScanRun run = scan.start();
        int calls = 0;
        while (!run.isDone() && !run.isOutpaced() && calls < CUT) {
            PageRequest request = run.nextRequest();
            calls++;
            for (LeadEvent event : run.accept(server.page(request.page(), request.limit()))) {
                run.succeeded(event);
                delivered.add(event.lead().getId());
            }
        }
        assertThat(run.isDone()).as("after %d calls: %s", calls, run.statistics()).isTrue();
        run.finish();
        assertThat(calls).isGreaterThan(100); // a long walk that the old bound did not cut either
        assertThat(delivered).doesNotHaveDuplicates().hasSizeGreaterThan(100);
    }

    /** A first poll of a big quiet list (1,000 pages of 3) walks it whole: about one call a page, far under the bound. */
    @Test
    void aBackfillOfABigListIsNotCut() {
        FakeLeadServer server = new FakeLeadServer(Order.NEWEST_FIRST);
        server.insert(3_000);
        Poll p = poll(scan(3), server, 0);
        assertThat(p.ended()).as("%s", p).isEqualTo("done");
        assertThat(p.calls()).isGreaterThanOrEqualTo(1_000);
        assertThat(p.delivered()).doesNotHaveDuplicates().containsExactlyElementsOf(server.ids());
    }

    /**
     * Without page info (no total, no page count: the strict simulator's {@code pageInfoShape=none}) nothing tells the
     * list's size at the start: the bound counts the pages the walk discovers, so a backfill of 200 pages and an
     * incremental poll over a backlog of 600 leads (10 pages buffered, then the walk back) are not cut at
     * {@code 4 x 1 + 50} calls.
     */
    @Test
    void longWalksOfAListWithoutPageInfoAreNotCut() {
        FakeLeadServer server = new FakeLeadServer(Order.NEWEST_FIRST).withoutPageInfo();
        server.insert(600);
        LeadScan scan = scan(3);
        Poll backfill = poll(scan, server, 0);
        assertThat(backfill.ended()).as("%s", backfill).isEqualTo("done");
        assertThat(backfill.calls()).isGreaterThan(200);
        assertThat(backfill.delivered()).containsExactlyInAnyOrderElementsOf(server.ids());
        List<String> before = server.ids();
        server.insert(600);
        Poll incremental = poll(scan, server, 0);
        assertThat(incremental.ended()).as("%s", incremental).isEqualTo("done");
        assertThat(incremental.calls()).isGreaterThan(200);
        List<String> fresh = new ArrayList<>(server.ids());
        fresh.removeAll(before);
        assertThat(incremental.delivered()).containsExactlyInAnyOrderElementsOf(fresh);
    }

    /** An incremental poll over a big backlog of a quiet list (forward 10 pages, on to the floor, then back) ends. */
    @Test
    void anIncrementalPollOverABigBacklogIsNotCut() {
        FakeLeadServer server = new FakeLeadServer(Order.NEWEST_FIRST);
        server.insert(300);
        LeadScan scan = scan(3);
        poll(scan, server, 0);
        List<String> fresh = server.insert(3_000).stream().map(l -> l.getId()).toList();
        Poll p = poll(scan, server, 0);
        assertThat(p.ended()).as("%s", p).isEqualTo("done");
        assertThat(p.stats().strategy()).contains("then-backward");
        assertThat(p.calls()).isGreaterThan(1_000);
        assertThat(p.delivered()).containsExactlyElementsOf(fresh);
    }
}
