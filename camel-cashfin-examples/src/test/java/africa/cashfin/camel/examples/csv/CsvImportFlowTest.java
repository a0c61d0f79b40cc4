package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;
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
        Path done = APP.inbox().resolve(".done");

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
        Path done = APP.inbox().resolve(".done");

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
        Path done = APP.inbox().resolve(".done");

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

        await().atMost(WAIT).until(() -> Files.exists(APP.inbox().resolve(".done").resolve("mapped.csv")));
        assertThat(APP.cashfin().leads()).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("name", "Tendai Moyo").containsEntry("request", "Kofi at the Accra expo"));
    }

    @Test
    void fileThatIsNotUtf8GoesToErrorWithTheReason() throws IOException {
        byte[] latin1 = "Name,Company\r\nJosé Müller,Café Ltd\r\n".getBytes(StandardCharsets.ISO_8859_1);
        APP.drop(latin1, "latin1.csv");
        Path error = APP.inbox().resolve(".error");

        await().atMost(WAIT).until(() -> Files.exists(error.resolve("latin1.csv")));
        await().atMost(WAIT).until(() -> Files.exists(error.resolve("latin1.csv.error.txt")));
        assertThat(Files.readString(error.resolve("latin1.csv.error.txt"))).contains("not UTF-8")
                .contains("CSV UTF-8");
        assertThat(APP.cashfin().createCalls()).isZero();
    }

    private static List<CSVRecord> read(Path file, char delimiter) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).get()
                    .parse(r).getRecords();
        }
    }
}
