package africa.cashfin.camel.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.examples.common.MappedLead;
import africa.cashfin.camel.examples.common.PhoneNormalizer;
import africa.cashfin.camel.examples.files.CsvDialect;
import africa.cashfin.camel.examples.csv.CsvRowMapper;
import africa.cashfin.camel.examples.csv.ImportReport;
import africa.cashfin.camel.examples.csv.ImportSummary;
import africa.cashfin.camel.examples.csv.LeadColumnMapping;
import africa.cashfin.camel.examples.files.CsvDialect;
import africa.cashfin.camel.examples.form.FormSubmission;
import africa.cashfin.camel.examples.form.WebForm;
import africa.cashfin.camel.examples.mail.MailToLead;
import africa.cashfin.camel.leads.model.Lead;

/** The shipped samples go through the beans the way the routes will use them and give the documented results. */
class SamplesTest {

    @TempDir
    Path dir;

    record Row(long number, Map<String, String> values, MappedLead mapped) {
    }

    private static Path sample(String name) throws URISyntaxException {
        return Path.of(SamplesTest.class.getResource("/samples/" + name).toURI());
    }

    /** Reads like camel-csv with useMaps and a captured header record, on the raw file (BOM included). */
    private static List<Row> importRows(String name, String preset) throws Exception {
        Path file = sample(name);
        CsvDialect dialect = CsvDialect.sniff(file);
        List<Row> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, CSVFormat.DEFAULT.builder()
                        .setDelimiter(dialect.delimiter()).setHeader().setSkipHeaderRecord(true).get())) {
            List<String> headers = parser.getHeaderNames();
            CsvRowMapper mapper = new CsvRowMapper(LeadColumnMapping.resolve(headers, preset, Map.of()),
                    new PhoneNormalizer("KE"), "csv");
            assertThat(mapper.mapping().unmappedColumns(headers)).as("every sample column is mapped").isEmpty();
            long n = 0;
            for (CSVRecord r : parser) {
                Map<String, String> values = new LinkedHashMap<>(r.toMap());
                rows.add(new Row(++n, values, mapper.map(values)));
            }
        }
        return rows;
    }

    @Test
    void sampleCsvHasTheDocumentedBadRowsAndNoOthers() throws Exception {
        List<Row> rows = importRows("leads-sample.csv", "auto");
        assertThat(rows).hasSize(25);
        assertThat(rows.stream().filter(r -> !r.mapped().isValid()).map(r -> r.number() + " " + r.mapped()
                .errors().get(0).field())).containsExactly("12 name", "13 email", "14 budget", "25 budget");
        for (Row r : rows) {
            assertThat(r.values().get("Notes").startsWith("BAD ROW")).as("row " + r.number())
                    .isEqualTo(!r.mapped().isValid());
        }
    }

    @Test
    void sampleCsvRowsMapAsDocumented() throws Exception {
        List<Row> rows = importRows("leads-sample.csv", "auto");
        Lead chidi = rows.get(2).mapped().lead();
        assertThat(chidi.getPhone()).isEqualTo("+2348031234567");
        assertThat(chidi.getBudget()).isEqualByComparingTo("25000000");
        assertThat(chidi.getRequest()).isEqualTo("Needs tracking for 40 trucks.\nCall after 2pm WAT.");
        assertThat(chidi.getStatus()).isEqualTo("contacted");
        assertThat(rows.get(4).mapped().lead().getName()).isEqualTo("አበበ ቢቂላ");
        assertThat(rows.get(4).mapped().lead().getPhone()).isEqualTo("+251911234567");
        assertThat(rows.get(5).mapped().lead().getName()).isEqualTo("فاطمة الزهراء");
        assertThat(rows.get(5).mapped().lead().getBudget()).isEqualByComparingTo("50000");
        assertThat(rows.get(7).mapped().lead().getBudget()).isEqualByComparingTo("50000");
        assertThat(rows.get(0).mapped().lead().getSource()).isEqualTo("referral");
        assertThat(rows.get(14).mapped().warningText()).contains("'Hot'");
        assertThat(rows.get(15).mapped().lead().getEmail()).as("row 16 repeats row 1's e-mail")
                .isEqualTo(rows.get(0).mapped().lead().getEmail());
        assertThat(rows.get(23).mapped().lead().getRequest()).startsWith("=HYPERLINK");
        assertThat(rows.stream().filter(r -> r.mapped().isValid()).map(r -> r.mapped().lead().getPhone())
                .filter(p -> p != null && !p.startsWith("+"))).as("only row 9's phone is kept as typed")
                .containsExactly("061 12");
    }

    @Test
    void excelSemicolonFileWithBomReadsLikeTheCommaFile() throws Exception {
        assertThat(CsvDialect.sniff(sample("leads-excel-semicolon-bom.csv"))).isEqualTo(new CsvDialect(';', true));
        List<Row> rows = importRows("leads-excel-semicolon-bom.csv", "auto");
        assertThat(rows).hasSize(4).allSatisfy(r -> assertThat(r.mapped().isValid()).isTrue());
        assertThat(rows.get(0).mapped().lead().getName()).as("first header has the BOM").isEqualTo("Lerato Mokoena");
        assertThat(rows.get(0).mapped().lead().getBudget()).isEqualByComparingTo("250000");
        assertThat(rows.get(0).mapped().lead().getPhone()).isEqualTo("+26650123456");
        assertThat(rows.get(1).mapped().lead().getCompany()).isEqualTo("Soweto Retail; Spaza Group");
        assertThat(rows.get(2).mapped().lead().getBudget()).isEqualByComparingTo("1250000");
        assertThat(rows.get(3).mapped().lead().getBudget()).isEqualByComparingTo(new BigDecimal("3000000.5"));
        assertThat(rows.get(3).mapped().lead().getRequest()).isEqualTo("Multiline\nnote");
    }

    @Test
    void hubSpotExportIsDetectedAndMapped() throws Exception {
        List<Row> rows = importRows("hubspot-export.csv", "auto");
        assertThat(rows).hasSize(3);
        Lead amani = rows.get(0).mapped().lead();
        assertThat(amani.getName()).isEqualTo("Amani Juma");
        assertThat(amani.getSource()).isEqualTo("Organic Search");
        assertThat(amani.getStatus()).isEqualTo("new");
        assertThat(amani.getPhone()).isEqualTo("+255777123456");
        assertThat(rows.get(1).mapped().lead().getStatus()).isEqualTo("contacted");
        assertThat(rows.get(2).mapped().lead().getStatus()).isEqualTo("qualified");
    }

    @Test
    void sampleEmailBecomesALead() throws Exception {
        MimeMessage m;
        try (InputStream in = Files.newInputStream(sample("enquiry.eml"))) {
            m = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        MappedLead r = new MailToLead().fromMessage(m);
        assertThat(r.problems()).isEmpty();
        assertThat(r.lead().getName()).isEqualTo("Wanjiku Muthoni");
        assertThat(r.lead().getEmail()).isEqualTo("wanjiku.muthoni@nakuru-flowers.example");
        assertThat(r.lead().getRequest()).startsWith("Enquiry: payment collection for our flower farm – Nakuru\n\n"
                + "Hello Cashfin team,").contains("M-Pesa").doesNotContain("<p>");
    }

    @Test
    void sampleFormSubmissionsAreValidAndEqual() throws Exception {
        WebForm form = new WebForm();
        FormSubmission urlencoded = form.parse(Files.readString(sample("form-submission.urlencoded")),
                "application/x-www-form-urlencoded");
        FormSubmission json = form.parse(Files.readString(sample("form-submission.json")), "application/json");
        assertThat(urlencoded.errors()).isEmpty();
        assertThat(urlencoded.isValid()).isTrue();
        assertThat(json.lead()).isEqualTo(urlencoded.lead());
        assertThat(json.lead().getCompany()).isEqualTo("Thiès Crafts");
        assertThat(json.lead().getPhone()).isEqualTo("+221771234567");
        assertThat(json.lead().getBudget()).isEqualByComparingTo("2500000");
    }

    @Test
    void reportOfTheSampleShowsTheBadRowsReadyToFix() throws Exception {
        List<Row> rows = importRows("leads-sample.csv", "auto");
        ImportReport report = new ImportReport(dir, "leads-sample.csv", ',', 10, s -> { }, java.time.Clock.systemUTC());
        for (Row r : rows) {
            if (r.mapped().isValid()) {
                report.created(r.number(), "id" + r.number(), r.mapped().warningText());
            } else {
                report.failed(r.number(), r.values(), r.mapped().errorText());
            }
        }
        ImportSummary s = report.finish();
        assertThat(s.line()).startsWith("21 created, 0 duplicates, 4 failed of 25 rows in ");
        List<String> lines = Files.readAllLines(report.errorsFile());
        assertThat(lines.get(0)).isEqualTo("Full Name,E-mail,Phone Number,Company,Job Title,Country,Region,Budget,"
                + "Lead Source,Lead Status,Notes,error");
        List<Row> again = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(report.errorsFile());
                CSVParser p = CSVParser.parse(in, CSVFormat.DEFAULT.builder().setHeader()
                        .setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : p) {
                again.add(new Row(r.getRecordNumber(), r.toMap(), null));
            }
        }
        assertThat(again).extracting(r -> r.values().get("Full Name")).containsExactly("", "Aisha Bello",
                "Thabo Nkosi", "Lindiwe Ndlovu");
        assertThat(again.get(0).values().get("error")).contains("name is missing");
    }
}
