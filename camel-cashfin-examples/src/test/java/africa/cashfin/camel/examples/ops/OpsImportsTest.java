package africa.cashfin.camel.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.csv.ImportBoard;
import africa.cashfin.camel.examples.csv.ImportProgress;
import africa.cashfin.camel.examples.csv.ImportProgressStore;
import africa.cashfin.camel.leads.state.JdbcStateRepository;

/**
 * The imports section over HTTP, as the page's script and an attacker's page use it: a dropped file is listed with
 * its counts and download links, the links serve the file's own report and failed rows and nothing else (ids, not
 * paths); the upload puts a file into the inbox only with the page's CSRF token, and only a file the inbox would take.
 */
class OpsImportsTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.deduplicate-by", "none");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aDroppedFileIsListedWithItsCountsAndItsOwnFilesDownloadByIdOnly() throws Exception {
        APP.drop("Full Name,Email\r\nAmina Otieno,amina@example.com\r\n,nameless@example.com\r\n"
                .getBytes(StandardCharsets.UTF_8), "two-rows.csv");
        JsonNode file = await().atMost(Duration.ofSeconds(30)).until(() -> listed("two-rows.csv"),
                f -> f != null && "done".equals(f.path("state").asText()));
        // its report files are its downloads, not files of their own
        assertThat(listed("two-rows.report.csv")).isNull();
        assertThat(listed("two-rows.errors.csv")).isNull();
        assertThat(file.path("created").asLong()).isEqualTo(1);
        assertThat(file.path("failed").asLong()).isEqualTo(1);
        assertThat(file.path("rowsText").asText()).isEqualTo("2 rows");
        String id = ImportBoard.id("two-rows.csv");
        assertThat(file.path("reportUrl").asText()).isEqualTo("/ops/imports/" + id + "/report");
        assertThat(file.path("failedUrl").asText()).isEqualTo("/ops/imports/" + id + "/failed");

        HttpResponse<String> failed = get(file.path("failedUrl").asText(), Map.of());
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.headers().firstValue("Content-Disposition").orElseThrow()).contains(
                "attachment; filename=\"two-rows.errors.csv\"");
        assertThat(failed.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(failed.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(failed.body()).startsWith("Full Name,Email,error").contains(",nameless@example.com,")
                .doesNotContain("amina@example.com");
        assertThat(get(file.path("reportUrl").asText(), Map.of()).body()).contains("created");

        // the page as served, without its script: the file's row with its figures and links already filled in
        String page = get("/ops", Map.of()).body();
        String section = page.substring(page.indexOf("<section id=\"imports\""), page.indexOf("</section>",
                page.indexOf("<section id=\"imports\"")));
        assertThat(section).contains(">two-rows.csv</strong>").contains(">2 rows</span>")
                .contains("href=\"/ops/imports/" + id + "/failed\"");

        // nothing but a listed file's own report files, whatever the request names
        for (String path : new String[] {"/ops/imports/0123456789abcdef/report", "/ops/imports/" + id + "/source",
                "/ops/imports/..%2F..%2F..%2Fetc%2Fpasswd/report", "/ops/imports/" + id.toUpperCase() + "/report"}) {
            HttpResponse<String> r = get(path, Map.of());
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).doesNotContain("root:").doesNotContain("amina");
        }
    }

    @Test
    void aFileParkedBeforeARestartShowsWhereItStoppedAndUntilWhen() throws Exception {
        // as an earlier run left it: the file in parked/, its progress in the app's database
        Path parked = Files.createDirectories(Path.of(APP.setting("cashfin.csv.reports-dir")).resolve("parked"));
        Files.writeString(parked.resolve("next-day.csv"), "Full Name,Email\r\nA B,a@example.com\r\n");
        JdbcStateRepository state = new JdbcStateRepository(APP.app().dataSource());
        state.start();
        Instant until = Instant.parse("2099-01-16T00:00:00Z");
        new ImportProgressStore(state).save("next-day.csv", new ImportProgress("ab12", 980, 970, 2, 8,
                Instant.parse("2099-01-15T09:00:00Z"), until, false));

        JsonNode file = await().atMost(Duration.ofSeconds(10)).until(() -> listed("next-day.csv"),
                f -> f != null);
        assertThat(file.path("state").asText()).isEqualTo("parked");
        assertThat(file.path("parkedText").asText()).isEqualTo(
                "parked until 2099-01-16 00:00 UTC (the call budget's next day)");
        assertThat(file.path("rowsText").asText()).isEqualTo("980 rows so far");
        assertThat(file.path("created").asLong()).isEqualTo(970);
        assertThat(file.path("failed").asLong()).isEqualTo(8);
    }

    @Test
    void theUploadTakesAFileOnlyWithThePagesCsrfToken() throws Exception {
        HttpResponse<String> page = get("/ops", Map.of());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String token = cookie.substring(cookie.indexOf('=') + 1);
        assertThat(page.body()).contains("<meta name=\"ops-csrf\" content=\"" + token + "\">");
        byte[] csv = "Full Name,Email\r\nKofi Mensah,kofi@example.com\r\n".getBytes(StandardCharsets.UTF_8);

        // another site's page: the browser sends the cookie (were it not SameSite) but the page cannot read the token
        assertThat(upload("cross.csv", csv, Map.of("Cookie", cookie)).statusCode()).isEqualTo(403);
        assertThat(upload("cross.csv", csv, Map.of("Cookie", cookie, OpsCsrf.HEADER, "x".repeat(43))).statusCode())
                .isEqualTo(403);
        assertThat(upload("cross.csv", csv, Map.of(OpsCsrf.HEADER, token)).statusCode()).isEqualTo(403);
        HttpResponse<String> crossSite = upload("cross.csv", csv, Map.of("Cookie", cookie, OpsCsrf.HEADER, token,
                "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("from another site");
        assertThat(inboxAndBeyond("cross.csv")).isFalse();

        HttpResponse<String> taken = upload("uploaded.csv", csv, Map.of("Cookie", cookie, OpsCsrf.HEADER, token,
                "Sec-Fetch-Site", "same-origin"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        assertThat(taken.body()).startsWith("Taken: uploaded.csv is in the inbox");
        await().atMost(Duration.ofSeconds(30)).until(() -> listed("uploaded.csv"),
                f -> f != null && "done".equals(f.path("state").asText()) && f.path("created").asLong() == 1);
        assertThat(APP.leadsFrom("csv")).extracting(l -> l.get("email")).contains("kofi@example.com");
    }

    @Test
    void theUploadTakesOnlyWhatTheInboxTakes() throws Exception {
        String cookie = get("/ops", Map.of()).headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Map<String, String> ok = Map.of("Cookie", cookie, OpsCsrf.HEADER, cookie.substring(cookie.indexOf('=') + 1));
        byte[] csv = "Full Name,Email\r\nX Y,x@example.com\r\n".getBytes(StandardCharsets.UTF_8);

        for (String name : new String[] {"../escape.csv", "..%2Fescape.csv", "sub/dir.csv", ".hidden.csv",
                "program.exe", "leads.csv.part", ""}) {
            HttpResponse<String> r = upload(name, csv, ok);
            assertThat(r.statusCode()).as(name).isEqualTo(400);
            assertThat(r.body()).as(name).contains("not a name the inbox reads");
        }
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0};
        HttpResponse<String> xls = upload("old.xls", ole2, ok);
        assertThat(xls.statusCode()).isEqualTo(422);
        assertThat(xls.body()).contains("Excel 97-2003 workbook (.xls)");
        assertThat(upload("empty.csv", new byte[0], ok).statusCode()).isEqualTo(400);
        try (Stream<java.nio.file.Path> left = Files.list(APP.inbox())) {
            assertThat(left).isEmpty(); // nothing written, no temporary file left behind
        }
        assertThat(Files.exists(APP.work().resolve("escape.csv"))).isFalse();
    }

    private JsonNode listed(String name) throws Exception {
        JsonNode data = new ObjectMapper().readTree(get("/ops/data", Map.of()).body());
        for (JsonNode f : data.path("imports").path("files")) {
            if (name.equals(f.path("name").asText())) {
                return f;
            }
        }
        return null;
    }

    private boolean inboxAndBeyond(String name) throws Exception {
        try (Stream<java.nio.file.Path> all = Files.walk(APP.work())) {
            return all.anyMatch(p -> p.getFileName().toString().equals(name));
        }
    }

    private HttpResponse<String> upload(String name, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/ops/upload?name="
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(APP.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
