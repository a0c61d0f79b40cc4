package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.app.LogLines;
import africa.cashfin.camel.examples.files.WorkbookSamples;
import africa.cashfin.camel.simulator.Endpoint;

/** Flow 1 through the real app: files dropped into the inbox, leads in the simulator, files and reports on disk. */
class CsvImportFlowTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.csv.mapping.Referred By", "request");

    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeEach
    void resetCashfin() {
        APP.cashfin().reset();
    }

    @Test
    void sampleFileIsImportedWithItsBadRowsReportedAndTheFileMovedToDone() throws IOException {
        APP.drop("samples/leads-sample.csv", "sample.csv");
        Path done = APP.done();

        await().atMost(WAIT).until(() -> Files.exists(done.resolve("sample.csv")));
        assertThat(APP.inbox().resolve("sample.csv")).doesNotExist();

        List<CSVRecord> report = read(done.resolve("sample.report.csv"), ',');
        assertThat(report).hasSize(25);
        assertThat(report).filteredOn(r -> r.get("outcome").equals("failed")).extracting(r -> r.get("row"))
                .containsExactly("12", "13", "14", "25");
        // row 16 repeats row 1's e-mail: deduplicateBy=email finds the lead instead of creating it twice
        assertThat(report).filteredOn(r -> r.get("outcome").equals("created")).hasSize(20);
        CSVRecord row16 = report.get(15);
        assertThat(row16.get("outcome")).isEqualTo("duplicate");
        assertThat(row16.get("lead_id")).isEqualTo(report.get(0).get("lead_id"));
        assertThat(report.get(13).get("message")).contains("lots of money").contains("50,000");
        // a warning travels with an imported row
        assertThat(report.get(8).get("outcome")).isEqualTo("created");
        assertThat(report.get(8).get("message")).contains("phone");

        assertThat(APP.cashfin().leadCount()).isEqualTo(20);
        Map<String, Object> first = APP.cashfin().leads().stream()
                .filter(l -> "amina.otieno@savannah-solar.example".equals(l.get("email"))).findFirst().orElseThrow();
        assertThat(first).containsEntry("name", "Amina Otieno").containsEntry("phone", "+254722000001")
                .containsEntry("source", "referral");
        assertThat(APP.cashfin().leads()).anySatisfy(l -> assertThat(l.get("name")).isEqualTo("አበበ ቢቂላ"));

        List<CSVRecord> errors = read(done.resolve("sample.errors.csv"), ',');
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0).toMap()).containsEntry("E-mail", "no.name@example.com")
                .containsEntry("Company", "Unnamed Ventures").containsKey("error");
        assertThat(errors.get(0).get("error")).contains("name");
    }

    @Test
    void excelSemicolonFileWithBomIsDetectedAndImported() throws IOException {
        APP.drop("samples/leads-excel-semicolon-bom.csv", "excel.csv");
        Path done = APP.done();

        await().atMost(WAIT).until(() -> Files.exists(done.resolve("excel.csv")));
        List<CSVRecord> report = read(done.resolve("excel.report.csv"), ';');
        assertThat(report).isNotEmpty().allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("created"));
        assertThat(APP.cashfin().leads()).anySatisfy(l -> {
            assertThat(l.get("company")).isEqualTo("Soweto Retail; Spaza Group");
            assertThat(l.get("source")).isEqualTo("csv");
        });
        assertThat(done.resolve("excel.errors.csv")).doesNotExist();
    }

    @Test
    void rowRefusedByCashfinIsReportedAndTheRestOfTheFileImported() throws IOException {
        APP.cashfin().failNext(1, 400, Endpoint.CREATE);
        APP.drop(("Name,Email\r\nFirst Person,first@example.com\r\nSecond Person,second@example.com\r\n")
                .getBytes(StandardCharsets.UTF_8), "refused.csv");
        Path done = APP.done();

        await().atMost(WAIT).until(() -> Files.exists(done.resolve("refused.csv")));
        List<CSVRecord> report = read(done.resolve("refused.report.csv"), ',');
        assertThat(report.get(0).get("outcome")).isEqualTo("failed");
        assertThat(report.get(0).get("message")).contains("HTTP 400");
        assertThat(report.get(1).get("outcome")).isEqualTo("created");
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("name")).containsExactly("Second Person");
        assertThat(read(done.resolve("refused.errors.csv"), ',').get(0).toMap())
                .containsEntry("Name", "First Person").containsEntry("Email", "first@example.com");
    }

    @Test
    void userMappingFromPropertiesMapsAColumnNoAliasKnows() throws IOException {
        APP.drop("Name,Email,Referred By\r\nTendai Moyo,tendai@harare-mining.example,Kofi at the Accra expo\r\n"
                .getBytes(StandardCharsets.UTF_8), "mapped.csv");

        await().atMost(WAIT).until(() -> Files.exists(APP.done().resolve("mapped.csv")));
        assertThat(APP.cashfin().leads()).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("name", "Tendai Moyo").containsEntry("request", "Kofi at the Accra expo"));
    }

    @Test
    void routeStreamsTheFileWithoutCachingItInMemory() {
        // csvImports.begin makes the body a Reader of the whole file: Camel's default stream caching would read it
        // into a String (a million rows at -Xmx256m: OutOfMemoryError, seen in FileDropBenchmark)
        assertThat(APP.app().camelContext().getRoute("csv-import").isStreamCaching()).isFalse();
    }

    @Test
    void facebookLeadAdsDownloadInUtf16WithTabsIsImported() throws IOException {
        APP.drop("drops/facebook-lead-ads-utf16.csv", "fb-leads.csv");
        Path done = APP.done();

        await().atMost(WAIT).until(() -> Files.exists(done.resolve("fb-leads.csv")));
        Path reportFile = done.resolve("fb-leads.report.csv");
        assertThat(howRead(reportFile, '\t')).isEqualTo("UTF-16LE with BOM, tab-separated");
        assertThat(read(reportFile, '\t')).hasSize(4).allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("created"));
        assertThat(APP.cashfin().leads()).hasSize(4).allSatisfy(l -> assertThat(l.get("source")).isEqualTo("facebook"));
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("name")).containsExactlyInAnyOrder("Wanjiru Kamau",
                "Zoë Mensah", "ሰላም ተስፋዬ", "Chidi Okafor-Nwosu");
        assertThat(APP.cashfin().leads()).anySatisfy(l -> assertThat(l).containsEntry("email",
                "chidi@lagos-cold-chain.example").containsEntry("phone", "+2348030000104")
                .containsEntry("company", "Lagos Cold Chain").containsEntry("jobtitle", "Operations, Logistics"));
    }

    @Test
    void windowsExcelCsvInWindows1252KeepsItsAccentedNames() throws IOException {
        APP.drop("drops/excel-windows-1252.csv", "west-africa.csv");
        Path done = APP.done();

        await().atMost(WAIT).until(() -> Files.exists(done.resolve("west-africa.csv")));
        assertThat(howRead(done.resolve("west-africa.report.csv"), ',')).isEqualTo("Windows-1252, comma-separated");
        assertThat(read(done.resolve("west-africa.report.csv"), ',')).extracting(r -> r.get("outcome"))
                .containsOnly("created").hasSize(4);
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("name")).containsExactlyInAnyOrder("Aïssata Traoré",
                "Hélène N'Diaye", "Jean-Baptiste Kaboré", "François Müller");
        Map<String, Object> aissata = APP.cashfin().leads().stream()
                .filter(l -> "Aïssata Traoré".equals(l.get("name"))).findFirst().orElseThrow();
        assertThat(aissata).containsEntry("company", "Sahel Coton SA").containsEntry("request",
                "Interested in the « Pro » plan");
        assertThat(new java.math.BigDecimal(aissata.get("budget").toString())).isEqualByComparingTo("12500");
        assertThat(APP.cashfin().leads()).anySatisfy(l -> assertThat(l).containsEntry("company", "Café Côte d'Ivoire"));
    }

    @Test
    void excelWorkbookIsImportedFromItsFirstSheetWithAHeaderRow() throws IOException {
        APP.drop(WorkbookSamples.leadsWorkbook(), "leads.xlsx");
        Path done = APP.done();

        await().atMost(WAIT).until(() -> Files.exists(done.resolve("leads.xlsx")));
        Path reportFile = done.resolve("leads.xlsx.report.csv");
        assertThat(howRead(reportFile, ',')).isEqualTo("Excel workbook, sheet 'Leads'");
        // the empty sheet row 4 (report row 3) is skipped; rows keep the sheet's numbering
        List<CSVRecord> report = read(reportFile, ',');
        assertThat(report).extracting(r -> r.get("row") + " " + r.get("outcome")).containsExactly("1 created",
                "2 created", "4 created", "5 failed", "6 created");
        assertThat(APP.cashfin().leadCount()).isEqualTo(4);
        assertThat(budgetOf("Amina Otieno")).isEqualByComparingTo("120000");
        assertThat(budgetOf("Kwame Mensah")).isEqualByComparingTo("54000"); // =12*4500
        assertThat(budgetOf("Thandiwe Nkosi")).isEqualByComparingTo("1234.5"); // shown as 1,235
        assertThat(APP.cashfin().leads()).anySatisfy(l -> assertThat(l).containsEntry("name", "Fatima Zahra Benali")
                .containsEntry("phone", "+212600000106").containsEntry("budget", null));
        // the failed row, as displayed, to fix and drop again
        List<CSVRecord> errors = read(done.resolve("leads.xlsx.errors.csv"), ',');
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.toMap())
                .containsEntry("Email", "no.name@example.com").containsEntry("Enquiry Date", "2026-03-18")
                .containsEntry("Full Name", ""));
    }

    /**
     * Issue 20: POI writes "Error formatting cell 'G2' - will use its raw value instead" at INFO for every cell of an
     * xlsx date column in a format it cannot apply (a long date as recent Excel versions write it, with a language
     * tag); under the app's own logging configuration (src/main/resources/log4j2.properties, not the tests' one) none
     * of it reaches the log.
     */
    @Test
    void anExcelDateColumnAddsNoPoiLinesToTheAppsLog() throws Exception {
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        URI testConfiguration = logs.getConfigLocation();
        logs.setConfigLocation(CsvImportFlowTest.class.getResource("/log4j2.properties").toURI());
        try (LogLines lines = new LogLines(Level.INFO)) {
            APP.drop(WorkbookSamples.leadsWorkbook("[$-en-US]mmmm d, yyyy;@"), "dated.xlsx");
            Path done = APP.done();

            await().atMost(WAIT).until(() -> Files.exists(done.resolve("dated.xlsx")));
            await().atMost(WAIT).until(() -> lines.lines().stream().anyMatch(l -> l.startsWith("INFO dated.xlsx: ")
                                                                                && l.contains("report")));
            assertThat(lines.lines()).noneMatch(l -> l.contains("Error formatting cell"));
        } finally {
            logs.setConfigLocation(testConfiguration);
        }
    }

    @Test
    void csvExportWithATitleAboveTheColumnNamesIsImportedFromTheHeaderLine() throws IOException {
        APP.drop(("Leads export, November 2026\r\n\r\nName;Email;Company\r\n"
                  + "Tendai Moyo;tendai@harare-mining.example;Harare Mining\r\n"
                  + "Zoë Mensah;zoe@accra-media.example;Accra Media\r\n").getBytes(StandardCharsets.UTF_8),
                "titled.csv");
        Path done = APP.done();

        await().atMost(WAIT).until(() -> Files.exists(done.resolve("titled.csv")));
        Path reportFile = done.resolve("titled.report.csv");
        assertThat(howRead(reportFile, ';'))
                .isEqualTo("UTF-8, semicolon-separated, 2 title lines above the header skipped");
        assertThat(read(reportFile, ';')).extracting(r -> r.get("row") + " " + r.get("outcome"))
                .containsExactly("1 created", "2 created");
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("name") + " / " + l.get("company"))
                .containsExactlyInAnyOrder("Tendai Moyo / Harare Mining", "Zoë Mensah / Accra Media");
    }

    @Test
    void workbookWithATitleAboveTheColumnNamesIsImportedFromTheHeaderRow() throws IOException {
        APP.drop(WorkbookSamples.titledWorkbook(), "export.xlsx");
        Path done = APP.done();

        await().atMost(WAIT).until(() -> Files.exists(done.resolve("export.xlsx")));
        Path reportFile = done.resolve("export.xlsx.report.csv");
        assertThat(howRead(reportFile, ','))
                .isEqualTo("Excel workbook, sheet 'Export', 2 title rows above the header skipped");
        assertThat(read(reportFile, ',')).extracting(r -> r.get("row") + " " + r.get("outcome"))
                .containsExactly("1 created", "2 created");
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("company"))
                .containsExactlyInAnyOrder("Savannah Solar", "Volta Foods");
    }

    @Test
    void oldXlsWorkbookGoesToErrorSayingToSaveItAsXlsxOrCsv() throws IOException {
        byte[] ole2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0 };
        APP.drop(ole2, "old.xls");
        Path error = APP.failed();

        await().atMost(WAIT).until(() -> Files.exists(error.resolve("old.xls.error.txt")));
        await().atMost(WAIT).until(() -> Files.exists(error.resolve("old.xls")));
        assertThat(Files.readString(error.resolve("old.xls.error.txt"))).contains("Excel 97-2003 workbook (.xls)")
                .contains("'Excel Workbook (.xlsx)' or 'CSV UTF-8'");
        assertThat(APP.cashfin().createCalls()).isZero();
    }

    @Test
    void fileThatIsNoTextEncodingWeReadGoesToErrorWithTheReason() throws IOException {
        byte[] binary = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R',
                          (byte) 0x9D, (byte) 0x81, 0 };
        APP.drop(binary, "picture.csv");
        Path error = APP.failed();

        await().atMost(WAIT).until(() -> Files.exists(error.resolve("picture.csv.error.txt")));
        await().atMost(WAIT).until(() -> Files.exists(error.resolve("picture.csv")));
        assertThat(Files.readString(error.resolve("picture.csv.error.txt")))
                .contains("is not UTF-8, UTF-16 or Windows-1252 text").contains("CSV UTF-8");
        assertThat(APP.cashfin().createCalls()).isZero();
    }

    private static java.math.BigDecimal budgetOf(String name) {
        Object budget = APP.cashfin().leads().stream().filter(l -> name.equals(l.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no lead " + name)).get("budget");
        return new java.math.BigDecimal(String.valueOf(budget));
    }

    /** The records of a report (without its row-0 line, see {@link #howRead}) or errors file. */
    private static List<CSVRecord> read(Path file, char delimiter) throws IOException {
        return readAll(file, delimiter).stream().filter(r -> !r.isMapped("outcome") || !r.get("row").equals("0"))
                .toList();
    }

    /** What a report's first line (row 0, outcome header) says about how the file was read. */
    private static String howRead(Path report, char delimiter) throws IOException {
        CSVRecord first = readAll(report, delimiter).get(0);
        assertThat(first.get("row")).isEqualTo("0");
        assertThat(first.get("outcome")).isEqualTo("header");
        return first.get("message");
    }

    private static List<CSVRecord> readAll(Path file, char delimiter) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).get()
                    .parse(r).getRecords();
        }
    }
}
