package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.examples.app.CashfinExamplesApp;
import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.app.LogLines;
import africa.cashfin.camel.leads.testing.ManualClockTime;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Plan;

/**
 * Flow 1 with a file the day's call budget cannot finish (issue 21, item 3): the real app and its YAML routes
 * (only {@code routes/csv-import.camel.yaml}) against the simulator on the Free plan (1,000 calls a day), the Cashfin
 * client and the simulator on one virtual clock ({@code camel.component.cashfin-leads.time-source}). The file parks
 * when the day's budget is spent, goes on at the server's next day (the test moves the clock there once the file is
 * parked), survives a restart of the app on the same work directory (its database holds the progress), and ends with
 * one report; every row is created once, none fails for the budget.
 */
class ImportSpanningDaysTest {

    private static final Instant START = Instant.parse("2026-01-15T00:00:00Z");
    private static final int ROWS = 5_000;
    /** Rows 1000, 2000, ... have no name: they fail for a reason of their own. */
    private static final int INVALID_EVERY = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path work;

    private final ManualClock clock = new ManualClock(START);
    private CashfinSimulator cashfin;
    private CashfinExamplesApp app;

    @BeforeEach
    void startCashfin() {
        cashfin = CashfinSimulator.builder().plan(Plan.FREE).clock(clock).start();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        cashfin.stop();
    }

    @Test
    void aFileOfFiveThousandRowsOnTheFreePlanParksEachDayResumesAfterARestartAndCreatesEveryRowOnce()
            throws Exception {
        try (LogLines logs = new LogLines(Level.INFO)) {
            app = startApp();
            drop(csv(ROWS), "big.csv");
            Path reports = Path.of(app.setting("cashfin.csv.reports-dir"));
            Path parked = reports.resolve("parked").resolve("big.csv");
            Path done = reports.resolve("done").resolve("big.csv");

            int parks = 0;
            List<LocalDate> parkedOn = new ArrayList<>();
            while (true) {
                int before = parks;
                await().atMost(WAIT).until(() -> Files.exists(done) || Files.exists(parked) && parkLines(logs) > before);
                if (Files.exists(done)) {
                    break;
                }
                parks++;
                parkedOn.add(clock.instant().atOffset(ZoneOffset.UTC).toLocalDate());
                if (parks == 1) {
                    // parked until the server's next day: not picked up again before it
                    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                            .until(() -> Files.exists(parked));
                }
                if (parks == 2) {
                    // a restart while parked: a new CamelContext on the same work directory (and database)
                    app.close();
                    app = startApp();
                }
                Instant nextDay = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1)
                        .atStartOfDay().toInstant(ZoneOffset.UTC);
                clock.set(nextDay);
            }

            // every valid row created exactly once, in about five simulated days
            List<Map<String, Object>> leads = cashfin.leads();
            Set<Object> emails = leads.stream().map(l -> l.get("email")).collect(Collectors.toSet());
            int valid = ROWS - ROWS / INVALID_EVERY;
            assertThat(leads).hasSize(valid);
            assertThat(emails).hasSize(valid);
            assertThat(cashfin.createCalls()).isEqualTo(valid);
            assertThat(parks).isEqualTo(5);
            Duration took = Duration.between(START, clock.instant());
            assertThat(took).isGreaterThan(Duration.ofDays(5)).isLessThan(Duration.ofDays(6));

            // one report for the whole file: each row once, only the rows without a name failed
            List<CSVRecord> report = read(reports.resolve("done").resolve("big.report.csv"));
            List<CSVRecord> rows = report.stream().filter(r -> !r.get("row").equals("0")).toList();
            assertThat(rows).hasSize(ROWS);
            assertThat(rows.stream().map(r -> r.get("row")).distinct()).hasSize(ROWS);
            assertThat(rows).filteredOn(r -> r.get("outcome").equals("created")).hasSize(valid);
            assertThat(rows).filteredOn(r -> r.get("outcome").equals("failed"))
                    .allSatisfy(r -> assertThat(Long.parseLong(r.get("row")) % INVALID_EVERY).isZero())
                    .hasSize(ROWS / INVALID_EVERY);
            List<CSVRecord> errors = read(reports.resolve("done").resolve("big.errors.csv"));
            assertThat(errors).hasSize(ROWS / INVALID_EVERY)
                    .allSatisfy(r -> assertThat(r.get("error")).contains("name"));
            assertThat(report).filteredOn(r -> r.get("outcome").equals("note"))
                    .anySatisfy(r -> assertThat(r.get("message")).contains("parked at row").contains("goes on at"));

            // one INFO line per park saying when it goes on and when it should finish; one summary line at the end
            List<String> lines = logs.lines();
            List<String> parkLines = lines.stream().filter(l -> l.startsWith("INFO big.csv: parked at row")).toList();
            assertThat(parkLines).hasSize(5);
            assertThat(parkLines.get(0)).contains("goes on at 2026-01-16T00:00:00Z")
                    .contains("should finish on the server day starting 2026-01-20");
            assertThat(lines).filteredOn(l -> l.startsWith("INFO big.csv: " + String.format("%,d created", valid)))
                    .hasSize(1);
            assertThat(lines).noneMatch(l -> l.contains("allows no call within"));
            assertThat(parkedOn).containsExactly(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 1, 16),
                    LocalDate.of(2026, 1, 17), LocalDate.of(2026, 1, 18), LocalDate.of(2026, 1, 19));
        }
    }

    /**
     * A crash between a create and the save of its outcome: the stored progress says rows 1-3 are done and the run
     * was sending (neither parked nor done), and Cashfin already has row 4's lead. Dropped again, the file goes on
     * after row 3 and looks row 4 up before creating it, even with {@code deduplicate-by=none}: row 4 is reported as
     * a duplicate of the lead the crashed run created, and no lead exists twice.
     */
    @Test
    void aRowCreatedJustBeforeACrashIsLookedUpNotCreatedTwice() throws Exception {
        byte[] file = csv(10);
        Path copy = work.resolve("small-copy.csv");
        Files.write(copy, file);
        List<Map<String, Object>> createdBeforeTheCrash = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            createdBeforeTheCrash.add(Map.of("name", "Lead " + i, "email", "lead" + i + "@example.test",
                    "source", "csv"));
        }
        cashfin.insertLeads(createdBeforeTheCrash);
        app = startApp();
        new ImportProgressStore(new africa.cashfin.camel.leads.state.JdbcStateRepository(app.dataSource()))
                .save("small.csv", ImportProgress.start(CsvImports.sha256(copy), START)
                        .at(3, new ImportSummary(3, 3, 0, 0, Duration.ZERO)));
        try (LogLines logs = new LogLines(Level.INFO)) {
            drop(file, "small.csv");
            Path done = Path.of(app.setting("cashfin.csv.reports-dir")).resolve("done");
            await().atMost(WAIT).until(() -> Files.exists(done.resolve("small.csv")));

            assertThat(cashfin.leads()).hasSize(10);
            assertThat(cashfin.leads().stream().map(l -> l.get("email")).distinct()).hasSize(10);
            List<CSVRecord> report = read(done.resolve("small.report.csv"));
            assertThat(report).filteredOn(r -> r.get("row").equals("4")).singleElement()
                    .satisfies(r -> assertThat(r.get("outcome")).isEqualTo("duplicate"));
            assertThat(report).filteredOn(r -> r.get("outcome").equals("created")).extracting(r -> r.get("row"))
                    .containsExactly("5", "6", "7", "8", "9", "10");
            assertThat(logs.lines()).anyMatch(l -> l.contains("small.csv: import resumed after row 3")
                                                   && l.contains("row 4 is looked up before it is created"));
        }
    }

    /**
     * A progress record that cannot be read (edited by hand, truncated) in {@code CASHFIN_LEADS_STATE}, for a file of
     * 10 rows whose rows 1-3 an earlier run created: dropped into the inbox, the file is not imported from its first
     * row (with {@code deduplicate-by=none} that created rows 1-3 a second time: 13 leads), it stays in the inbox, and
     * one ERROR line (not one per poll) names the file, the record and what to do. Once the record is fixed, the file
     * is taken at the next poll and goes on after row 3: every lead once.
     */
    @Test
    void aDroppedFileWhoseProgressCannotBeReadStaysInTheInboxAndCreatesNoRowTwice() throws Exception {
        app = startApp();
        Path inbox = Path.of(app.setting("cashfin.csv.inbox"));
        unreadableProgressThenFixed(() -> drop(csv(10), "small.csv"), inbox.resolve("small.csv"));
    }

    /** The same in {@code parked/}: the parked file stays there instead of starting over. */
    @Test
    void aParkedFileWhoseProgressCannotBeReadStaysParkedAndCreatesNoRowTwice() throws Exception {
        app = startApp();
        Path parked = Path.of(app.setting("cashfin.csv.reports-dir")).resolve("parked");
        unreadableProgressThenFixed(() -> {
            Files.createDirectories(parked);
            Files.write(parked.resolve(".small.csv.part"), csv(10));
            Files.move(parked.resolve(".small.csv.part"), parked.resolve("small.csv"));
        }, parked.resolve("small.csv"));
    }

    private interface Drop {
        void run() throws IOException;
    }

    private void unreadableProgressThenFixed(Drop drop, Path where) throws Exception {
        List<Map<String, Object>> createdBefore = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            createdBefore.add(Map.of("name", "Lead " + i, "email", "lead" + i + "@example.test", "source", "csv"));
        }
        cashfin.insertLeads(createdBefore);
        Path copy = work.resolve("small-copy.csv");
        Files.write(copy, csv(10));
        String fixed = ImportProgress.start(CsvImports.sha256(copy), START)
                .at(3, new ImportSummary(3, 3, 0, 0, Duration.ZERO)).text();
        String unreadable = fixed.replace(";row=3;", ";row=three;");
        var state = new africa.cashfin.camel.leads.state.JdbcStateRepository(app.dataSource());
        state.setState(ImportProgressStore.KEY_PREFIX + "small.csv", unreadable);
        try (LogLines logs = new LogLines(Level.INFO)) {
            drop.run();
            // several polls (every 200 ms): the file stays, nothing is created, one ERROR line
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(where) && cashfin.leads().size() == 3);
            List<String> errors = logs.lines().stream().filter(l -> l.startsWith("ERROR")).toList();
            assertThat(errors).singleElement().asString()
                    .startsWith("ERROR small.csv: its import progress cannot be read")
                    .contains("key 'csv-import:small.csv' in JdbcStateRepository[CASHFIN_LEADS_STATE]")
                    .contains(unreadable).contains("not imported").contains("stays where it is")
                    .contains("Fix the record").contains("or delete that row")
                    .contains(where.getParent().getFileName().toString());

            // the record fixed: taken at the next poll, goes on after row 3
            state.setState(ImportProgressStore.KEY_PREFIX + "small.csv", fixed);
            Path done = Path.of(app.setting("cashfin.csv.reports-dir")).resolve("done");
            await().atMost(WAIT).until(() -> Files.exists(done.resolve("small.csv")));
            assertThat(where).doesNotExist();
            assertThat(cashfin.leads()).hasSize(10);
            assertThat(cashfin.leads().stream().map(l -> l.get("email")).distinct()).hasSize(10);
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("ERROR")).hasSize(1);
        }
    }

    private static long parkLines(LogLines logs) {
        return logs.lines().stream().filter(l -> l.startsWith("INFO big.csv: parked at row")).count();
    }

    private CashfinExamplesApp startApp() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("cashfin.work-dir", work.toString());
        o.put("camel.server.port", String.valueOf(ExamplesApp.freePort()));
        o.put("camel.main.routes-include-pattern", "classpath:routes/csv-import.camel.yaml");
        o.put("cashfin.base-url", cashfin.baseUrl());
        o.put("cashfin.client-secret", cashfin.secret());
        o.put("cashfin.plan", "free");
        o.put("cashfin.deduplicate-by", "none");
        o.put("cashfin.form.captcha.provider", "none");
        o.put("cashfin.csv.poll-delay", "200");
        o.put("cashfin.csv.min-age", "200");
        o.put("cashfin.csv.progress-every", "0");
        o.put("camel.component.cashfin-leads.time-source", "#virtualTime");
        return new CashfinExamplesApp(o).bind("virtualTime", new ManualClockTime(clock)).start();
    }

    private static byte[] csv(int rows) {
        StringBuilder sb = new StringBuilder("Name,E-mail,Company\n");
        for (int i = 1; i <= rows; i++) {
            sb.append(i % INVALID_EVERY == 0 ? "" : "Lead " + i).append(",lead").append(i)
                    .append("@example.test,Company ").append(i).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void drop(byte[] content, String name) throws IOException {
        Path inbox = Path.of(app.setting("cashfin.csv.inbox"));
        Path tmp = inbox.resolve("." + name + ".part");
        Files.write(tmp, content);
        Files.move(tmp, inbox.resolve(name));
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
