package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportReportTest {

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<String> progress = new ArrayList<>();

    private static Map<String, String> row(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static List<CSVRecord> parse(Path file, char delimiter) throws IOException {
        try (CSVParser p = CSVParser.parse(file, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get())) {
            return p.getRecords();
        }
    }

    @Test
    void writesOneReportLinePerRowAndTheFailedRowsWithTheirError() throws IOException {
        ImportReport report = new ImportReport(dir, "leads.csv", ',', 0, progress::add, clock);
        report.created(1, "64b7f0c2a1b2c3d4e5f60718", "");
        report.duplicate(2, "64b7f0c2a1b2c3d4e5f60719", null);
        report.failed(3, row("Name", "", "Email", "x@example.com", "Notes", "line1\nline2, \"quoted\""),
                "name: the name is missing");
        report.created(4, "64b7f0c2a1b2c3d4e5f6071a", "phone: '12' is not a valid phone number; kept as given");
        clock.now = clock.now.plusSeconds(41);
        ImportSummary s = report.finish();

        assertThat(s).isEqualTo(new ImportSummary(4, 2, 1, 1, Duration.ofSeconds(41)));
        assertThat(report.reportFile()).hasFileName("leads.report.csv");
        List<CSVRecord> lines = parse(report.reportFile(), ',');
        assertThat(lines).extracting(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3)).containsExactly(
                "row|outcome|lead_id|message",
                "1|created|64b7f0c2a1b2c3d4e5f60718|",
                "2|duplicate|64b7f0c2a1b2c3d4e5f60719|",
                "3|failed||name: the name is missing",
                "4|created|64b7f0c2a1b2c3d4e5f6071a|phone: '12' is not a valid phone number; kept as given");

        assertThat(report.errorsFile()).hasFileName("leads.errors.csv");
        List<CSVRecord> errors = parse(report.errorsFile(), ',');
        assertThat(errors.get(0).toList()).containsExactly("Name", "Email", "Notes", "error");
        assertThat(errors.get(1).toList()).containsExactly("", "x@example.com", "line1\nline2, \"quoted\"",
                "name: the name is missing");
        assertThat(errors).hasSize(2);
    }

    @Test
    void errorsFileKeepsValuesExactlySoItCanBeDroppedAgain() throws IOException {
        ImportReport report = new ImportReport(dir, "in/leads.CSV", ';', 0, progress::add, clock);
        report.failed(1, row("Name", "=Amina", "Budget", "lots"), "budget: 'lots' is not an amount");
        report.finish();
        assertThat(report.errorsFile()).hasFileName("leads.errors.csv");
        List<CSVRecord> errors = parse(report.errorsFile(), ';');
        assertThat(errors.get(1).toList()).containsExactly("=Amina", "lots", "budget: 'lots' is not an amount");
        String text = Files.readString(report.reportFile());
        assertThat(text).contains("1;failed;;budget: 'lots' is not an amount\r\n");
    }

    @Test
    void reportCellsAreFormulaEscaped() throws IOException {
        ImportReport report = new ImportReport(dir, "x.csv", ',', 0, progress::add, clock);
        report.failed(1, row("Email", "=cmd"), "=HYPERLINK(\"evil\")");
        report.finish();
        assertThat(parse(report.reportFile(), ',').get(1).get(3)).isEqualTo("'=HYPERLINK(\"evil\")");
    }

    @Test
    void reDroppedErrorsFileDoesNotDoubleTheErrorColumn() throws IOException {
        ImportReport report = new ImportReport(dir, "leads.errors.csv", ',', 0, progress::add, clock);
        report.failed(1, row("Name", "", "error", "old error"), "name: still missing");
        report.finish();
        assertThat(report.errorsFile()).hasFileName("leads.errors.errors.csv");
        List<CSVRecord> errors = parse(report.errorsFile(), ',');
        assertThat(errors.get(0).toList()).containsExactly("Name", "error");
        assertThat(errors.get(1).toList()).containsExactly("", "name: still missing");
    }

    @Test
    void noErrorsFileWhenNothingFailed() {
        ImportReport report = new ImportReport(dir, "ok.csv", ',', 0, progress::add, clock);
        report.created(1, "id1", null);
        report.finish();
        assertThat(report.errorsFile()).doesNotExist();
        assertThat(report.reportFile()).exists();
    }

    @Test
    void progressEveryNRows() {
        ImportReport report = new ImportReport(dir, "big.csv", ',', 2, progress::add, clock);
        report.created(1, "a", null);
        assertThat(progress).isEmpty();
        clock.now = clock.now.plusSeconds(3);
        report.failed(2, row("Name", ""), "name: missing");
        report.duplicate(3, "b", null);
        report.created(4, "c", null);
        report.finish();
        assertThat(progress).containsExactly(
                "big.csv: 2 rows so far (1 created, 0 duplicates, 1 failed) in 3 s, 0.7 rows/s",
                "big.csv: 4 rows so far (2 created, 1 duplicate, 1 failed) in 3 s, 1.3 rows/s");
    }

    @Test
    void aRateOfAboutOneRowASecondIsNeverOneRows() {
        assertThat(new ImportSummary(3, 3, 0, 0, Duration.ofMillis(2_900)).rate()).isEqualTo("1.0 rows/s");
        assertThat(new ImportSummary(25, 25, 0, 0, Duration.ofSeconds(1)).rate()).isEqualTo("25 rows/s");
        assertThat(new ImportSummary(2, 2, 0, 0, Duration.ofSeconds(3)).rate()).isEqualTo("0.7 rows/s");
    }

    @Test
    void progressWithKnownRowCountSaysRateAndTimeLeft() {
        ImportReport report = new ImportReport(dir, "million.csv", ',', 500_000, progress::add, clock);
        report.expectRows(1_000_000);
        for (int i = 1; i <= 500_000; i++) {
            if (i == 500_000) {
                clock.now = clock.now.plusSeconds(200);
            }
            report.created(i, "id" + i, null);
        }
        report.finish();
        assertThat(progress).containsExactly("million.csv: 500,000 of about 1,000,000 rows (500,000 created,"
                                             + " 0 duplicates, 0 failed) in 3 min 20 s, 2,500 rows/s, about 3 min 20 s left");
    }

    @Test
    void firstLineIsRowZeroSayingHowTheFileWasRead() throws IOException {
        ImportReport report = new ImportReport(dir, "fb.csv", '\t', 0, progress::add, clock);
        report.header("UTF-16LE with BOM, tab-separated");
        report.created(1, "a", null);
        report.finish();
        assertThat(Files.readAllLines(dir.resolve("fb.report.csv"))).containsExactly("row\toutcome\tlead_id\tmessage",
                "0\theader\t\tUTF-16LE with BOM, tab-separated", "1\tcreated\ta\t");
        assertThat(report.current().rows()).isEqualTo(1);
    }

    @Test
    void finishIsIdempotentAndRecordingAfterItFails() {
        ImportReport report = new ImportReport(dir, "x.csv", ',', 0, progress::add, clock);
        report.created(1, "a", null);
        ImportSummary first = report.finish();
        clock.now = clock.now.plusSeconds(100);
        assertThat(report.finish()).isSameAs(first);
        assertThatThrownBy(() -> report.created(2, "b", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("x.report.csv");
    }

    @Test
    void reportFileThatCannotBeWrittenNamesThePath() throws IOException {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> new ImportReport(notADir, "x.csv", ',', 0, progress::add, clock))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("x.report.csv");
    }

    @Test
    void summaryLineReadsLikeASentence() {
        assertThat(new ImportSummary(1000, 980, 15, 5, Duration.ofMillis(41_200)).line())
                .isEqualTo("980 created, 15 duplicates, 5 failed of 1,000 rows in 41 s");
        assertThat(new ImportSummary(1, 0, 1, 0, Duration.ofMillis(300)).line())
                .isEqualTo("0 created, 1 duplicate, 0 failed of 1 row in 0 s");
        assertThat(new ImportSummary(12345, 12345, 0, 0, Duration.ofSeconds(125)).line())
                .isEqualTo("12,345 created, 0 duplicates, 0 failed of 12,345 rows in 2 min 5 s");
        // an import that parked across days
        assertThat(new ImportSummary(5000, 4995, 0, 5, Duration.ofDays(5).plusMinutes(17)).line())
                .isEqualTo("4,995 created, 0 duplicates, 5 failed of 5,000 rows in 5 d 0 h 17 min");
        assertThat(ImportSummary.duration(Duration.ofMinutes(200))).isEqualTo("3 h 20 min");
        assertThat(new ImportSummary(2, 1, 0, 1, Duration.ZERO).allImported()).isFalse();
        assertThat(new ImportSummary(2, 2, 0, 0, Duration.ZERO).allImported()).isTrue();
    }
}
