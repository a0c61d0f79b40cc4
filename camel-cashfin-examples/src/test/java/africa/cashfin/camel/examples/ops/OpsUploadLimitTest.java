package africa.cashfin.camel.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * The upload's own body limit, over HTTP as an operator's browser sends it (basic authentication, the page's CSRF
 * cookie and header): a 1,000-row CSV of about 120 KB, larger than the form's 64 KB body limit, is taken and imported
 * to the end; a file over the upload's limit is refused with 413 and a line naming the setting, and counts as no form
 * refusal; the form still refuses a body over its own 64 KB and counts it; without credentials a body over the form's
 * limit is refused before any of it is held (the upload's limit is only for the page's users).
 */
class OpsUploadLimitTest {

    static final String USER = "ops";
    static final String PASSWORD = "correct horse battery";
    /** The upload's limit in this test: above the 1,000-row file, small enough to send a body over it. */
    static final int UPLOAD_LIMIT = 512 * 1024;
    static final int ROWS = 1_000;

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.plan", "professional")
            .with("cashfin.deduplicate-by", "none").with("cashfin.ops.username", USER)
            .with("cashfin.ops.password", PASSWORD).with(OpsFlow.MAX_UPLOAD_SIZE, String.valueOf(UPLOAD_LIMIT));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aThousandRowUploadLargerThanTheFormsLimitIsImportedToTheEnd() throws Exception {
        byte[] csv = thousandRows();
        assertThat(csv.length).as("larger than the form's body limit").isGreaterThan(
                Integer.parseInt(APP.setting("cashfin.form.max-body-size")));
        HttpResponse<String> taken = upload("thousand.csv", csv, browser());
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        assertThat(taken.body()).startsWith("Taken: thousand.csv is in the inbox");

        // the professional plan's 1,000 calls a minute: about a minute
        JsonNode file = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> listed("thousand.csv"), f -> f != null && "done".equals(f.path("state").asText()));
        assertThat(file.path("rowsText").asText()).isEqualTo("1,000 rows");
        assertThat(file.path("created").asLong()).isEqualTo(ROWS - ROWS / 100);
        assertThat(file.path("failed").asLong()).isEqualTo(ROWS / 100);
        assertThat(APP.leadsFrom("csv")).hasSize(ROWS - ROWS / 100);
    }

    @Test
    void aFileOverTheUploadsLimitIsRefusedAndTheFormKeepsItsOwnLimit() throws Exception {
        Map<String, String> browser = browser();
        long formSizeRefusals = formSizeRefusals();

        HttpResponse<String> tooLarge = upload("too-large.csv", new byte[UPLOAD_LIMIT + 1], browser);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("larger than " + UPLOAD_LIMIT + " bytes")
                .contains(OpsFlow.MAX_UPLOAD_SIZE).contains("inbox folder").doesNotContain("form");
        assertThat(formSizeRefusals()).as("no form refusal").isEqualTo(formSizeRefusals);

        // the form: a body over its 64 KB is refused and counted as the form's
        int formLimit = Integer.parseInt(APP.setting("cashfin.form.max-body-size"));
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(APP.baseUrl()
                + APP.setting("cashfin.form.path"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers
                        .ofString("name=Big&email=big%40example.com&message=" + "x".repeat(formLimit))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(413);
        assertThat(form.body()).contains("the most this form accepts");
        assertThat(formSizeRefusals()).isEqualTo(formSizeRefusals + 1);

        // without the page's credentials or CSRF token the upload path keeps the form's limit: refused before the
        // body is read in full, whatever the upload's limit
        Map<String, String> noCsrf = new LinkedHashMap<>(browser);
        noCsrf.remove(OpsCsrf.HEADER);
        Map<String, String> noCredentials = new LinkedHashMap<>(browser);
        noCredentials.remove("Authorization");
        for (Map<String, String> headers : java.util.List.of(noCsrf, noCredentials)) {
            HttpResponse<String> r = upload("stranger.csv", thousandRows(), headers);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("larger than " + formLimit + " bytes");
        }
        assertThat(formSizeRefusals()).isEqualTo(formSizeRefusals + 1);
    }

    /** The headers an operator's browser sends with the upload: credentials, the page's CSRF cookie and token. */
    private Map<String, String> browser() throws Exception {
        HttpResponse<String> page = get("/ops");
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", basic());
        h.put("Cookie", cookie);
        h.put(OpsCsrf.HEADER, cookie.substring(cookie.indexOf('=') + 1));
        h.put("Sec-Fetch-Site", "same-origin");
        return h;
    }

    private long formSizeRefusals() throws Exception {
        return new ObjectMapper().readTree(get("/ops/data").body()).path("inbound").path("form").path("size")
                .asLong();
    }

    private JsonNode listed(String name) throws Exception {
        for (JsonNode f : new ObjectMapper().readTree(get("/ops/data").body()).path("imports").path("files")) {
            if (name.equals(f.path("name").asText())) {
                return f;
            }
        }
        return null;
    }

    /** 1,000 rows of a typical lead export (about 120 bytes each); every 100th without a name (fails). */
    static byte[] thousandRows() {
        StringBuilder csv = new StringBuilder("Full Name,Email,Phone,Company,Request\r\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(i % 100 == 0 ? "" : "Upload Lead " + i).append(",upload").append(i)
                    .append("@example.com,+254700").append(String.format("%06d", i))
                    .append(",Nairobi Office Supplies Ltd,Please send a quote for 40 standing desks\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> upload(String name, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(APP.baseUrl() + OpsFiles.UPLOAD_PATH + "?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
