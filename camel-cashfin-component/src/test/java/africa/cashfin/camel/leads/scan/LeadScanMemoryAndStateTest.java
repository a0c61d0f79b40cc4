package africa.cashfin.camel.leads.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;
import africa.cashfin.camel.leads.scan.FakeLeadServer.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The memory bound, the state string, and misuse of the API. */
class LeadScanMemoryAndStateTest {

    @ParameterizedTest
    @EnumSource(value = Order.class, names = { "NEWEST_FIRST", "OLDEST_FIRST" })
    void aLargeBackfillNeverHoldsMoreThanTwoPages(Order order) {
        FakeLeadServer server = new FakeLeadServer(order);
        server.insert(20_000);
        Random random = new Random(42);
        server.beforeEachRead(s -> s.insert(random.nextInt(10)));
        LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(100), new InMemorySeenLeadStore(1_000_000),
                                     new InMemoryScanStateStore());

        ScanDriver.Poll poll = ScanDriver.poll(scan, server);

        assertThat(poll.createdIds()).hasSizeGreaterThanOrEqualTo(20_000).doesNotHaveDuplicates();
        assertThat(poll.maxBufferedAfterAccept()).isLessThanOrEqualTo(100);
        assertThat(poll.stats().peakBuffered()).as("leads held including the page in hand").isLessThanOrEqualTo(200);
    }

    @Test
    void cursorRoundTripsThroughItsStringForm() {
        ScanCursor cursor = new ScanCursor(Instant.parse("2024-01-15T12:00:00.123Z"), Instant.parse("2024-02-01T00:00:00Z"),
                                           4217, ListOrder.OLDEST_FIRST);
        assertThat(cursor.format())
                .isEqualTo("v1;created=2024-01-15T12:00:00.123Z;updated=2024-02-01T00:00:00Z;offset=4217;order=OLDEST_FIRST");
        assertThat(ScanCursor.parse(cursor.format())).isEqualTo(cursor);
        ScanCursor empty = new ScanCursor(null, null, -1, ListOrder.UNKNOWN);
        assertThat(ScanCursor.parse(empty.format())).isEqualTo(empty);
    }

    /**
     * Failed leads are saved with their first failure (to the second), so a restarted consumer reports their true age;
     * a row saved before the first failure was kept (four parts an entry) still reads, with the first failure unknown.
     */
    @Test
    void failedLeadsRoundTripWithTheirFirstFailureAndOldRowsStillRead() {
        FailedLead known = new FailedLead("665f/1", Instant.parse("2024-01-15T12:00:00.123Z"), 3,
                                          Instant.parse("2024-01-15T13:00:00.456789Z"),
                                          Instant.parse("2024-01-15T12:10:05.999Z"));
        FailedLead unknown = new FailedLead("665f2", Instant.parse("2024-01-15T12:01:00Z"), 0, null, null);
        ScanCursor cursor = new ScanCursor(Instant.parse("2024-01-16T00:00:00Z"), null, -1, ListOrder.NEWEST_FIRST, 40,
                                           1, -1, List.of(known, unknown));
        assertThat(cursor.format()).endsWith(";failed=665f%2F1/2024-01-15T12:00:00.123Z/3/2024-01-15T13:00:00.456789Z"
                                             + "/2024-01-15T12:10:05Z,665f2/2024-01-15T12:01:00Z/0//");
        assertThat(ScanCursor.parse(cursor.format()).failed()).containsExactly(
                new FailedLead("665f/1", known.created(), 3, known.nextAttempt(), Instant.parse("2024-01-15T12:10:05Z")),
                unknown);

        ScanCursor old = ScanCursor.parse("v1;created=2024-01-16T00:00:00Z;updated=;offset=-1;order=NEWEST_FIRST"
                                          + ";failed=665f1/2024-01-15T12:00:00.123Z/2/2024-01-15T13:00:00Z");
        assertThat(old.failed()).containsExactly(new FailedLead("665f1", Instant.parse("2024-01-15T12:00:00.123Z"), 2,
                                                                Instant.parse("2024-01-15T13:00:00Z"), null));
        assertThatThrownBy(() -> ScanCursor.parse("v1;created=;updated=;offset=-1;order=NEWEST_FIRST;failed=a/b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not id/createdat/attempts/next");
    }

    @Test
    void anUnreadableCursorSaysWhatToDo() {
        assertThatThrownBy(() -> ScanCursor.parse("v9;created=x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v9;created=x").hasMessageContaining("Remove this entry");
        assertThatThrownBy(() -> ScanCursor.parse("v1;created=yesterday;updated=;offset=1;order=NEWEST_FIRST"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void theCursorIsSavedOnlyByAFinishedScan() {
        FakeLeadServer server = new FakeLeadServer(Order.NEWEST_FIRST);
        server.insert(30);
        InMemoryScanStateStore state = new InMemoryScanStateStore();
        LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(10), new InMemorySeenLeadStore(100), state);
        ScanRun run = scan.start();
        run.accept(server.page(run.nextRequest().page(), 10));
        run.abandon();
        assertThat(state.load()).isNull();
        ScanDriver.poll(scan, server);
        assertThat(state.load()).startsWith("v1;created=" + server.leads().get(29).getCreatedat());
    }

    @Test
    void outcomesMustBeReportedBeforeTheNextPage() {
        FakeLeadServer server = new FakeLeadServer(Order.OLDEST_FIRST);
        server.insert(30);
        LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(10), new InMemorySeenLeadStore(100), null);
        ScanRun run = scan.start();
        var events = run.accept(server.page(run.nextRequest().page(), 10));
        assertThat(events).hasSize(10);
        run.nextRequest();
        assertThatThrownBy(() -> run.accept(new LeadPage(java.util.List.of(), new PageInfo(30, 2, 10, 3))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no reported outcome");
        run.succeeded(events.get(0));
        assertThatThrownBy(() -> run.succeeded(events.get(0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLeadWithoutIdIsSkippedAsMalformedAndTheRunGoesOn() {
        LeadScan scan = new LeadScan(ScanSettings.defaults(), new InMemorySeenLeadStore(100), null);
        ScanRun run = scan.start();
        run.nextRequest();
        LeadPage page = new LeadPage(java.util.List.of(new africa.cashfin.camel.leads.model.Lead()
                .setCreatedat(Instant.EPOCH)), new PageInfo(1, 1, 100, 1));
        assertThat(run.accept(page)).isEmpty();
        assertThat(run.isDone()).isTrue();
        assertThat(run.finish().malformed()).isEqualTo(1);
    }

    @Test
    void settingsRejectBadValuesWithAClearMessage() {
        assertThatThrownBy(() -> ScanSettings.defaults().withLimit(500)).hasMessageContaining("between 1 and 100");
        assertThatThrownBy(() -> ScanSettings.defaults().withLookback(Duration.ofSeconds(-1)))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> StartFrom.parse("yesterday")).hasMessageContaining("'beginning', 'now' or an ISO-8601");
        assertThat(StartFrom.parse("now")).isEqualTo(StartFrom.NOW);
        assertThat(StartFrom.parse("2024-01-15T12:00:00Z").instant()).isEqualTo(Instant.parse("2024-01-15T12:00:00Z"));
        assertThat(StartFrom.parse(null)).isEqualTo(StartFrom.BEGINNING);
    }
}
