package africa.cashfin.camel.examples.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * The security review's attacks on the web form (issue 19), through the real app over HTTP: X-Forwarded-For on
 * separate header lines (finding 7) and the small leaks of finding 12 (the outcome header that tells a bot the honeypot
 * caught it, an echoed Retry-After, missing CSP / X-Frame-Options / nosniff, HEAD answered 405); a later enquiry for
 * an existing lead dropped (finding 6).
 */
class FormAttacksTest {

    /** Behind a trusted proxy (the test connects from loopback) that appends its own X-Forwarded-For line. */
    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.form.trusted-proxies", "127.0.0.1,::1")
            .with("cashfin.form.limit.per-client", "3");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aClientCannotPickItsAddressWithItsOwnXForwardedForLine() throws Exception {
        // the client writes the first line (a new address each time); the proxy appends a line with the real one
        for (int i = 1; i <= 3; i++) {
            assertThat(post("name=Visitor&email=v" + i + "%40example.test&message=hi&website_url=",
                    "X-Forwarded-For", "10.66.0." + i, "X-Forwarded-For", "198.51.100.77").statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> fourth = post("name=Visitor&email=v4%40example.test&message=hi&website_url=",
                "X-Forwarded-For", "10.66.0.4", "X-Forwarded-For", "198.51.100.77");

        assertThat(fourth.statusCode()).isEqualTo(429);
    }

    @Test
    void clientsBehindTheProxyAreToldApartByTheProxysOwnLine() throws Exception {
        // the same (forged) first line from four different clients: each is its own client, none is limited
        for (int i = 1; i <= 4; i++) {
            assertThat(post("name=Visitor&email=w" + i + "%40example.test&message=hi&website_url=",
                    "X-Forwarded-For", "10.77.0.1", "X-Forwarded-For", "198.51.100.1" + i).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void theAnswerDoesNotTellABotTheHoneypotCaughtItNorEchoARetryAfter() throws Exception {
        HttpResponse<String> bot = post("name=Bot&email=bot%40example.test&message=buy&website_url=http%3A%2F%2Fspam",
                "X-Forwarded-For", "198.51.100.90", "Retry-After", "61484");
        HttpResponse<String> person = post("name=Ann&email=ann%40example.test&message=hello&website_url=",
                "X-Forwarded-For", "198.51.100.91", "Retry-After", "61484");

        assertThat(bot.statusCode()).isEqualTo(person.statusCode()).isEqualTo(200);
        assertThat(bot.headers().map().keySet()).isEqualTo(person.headers().map().keySet());
        for (HttpResponse<String> r : new HttpResponse[] {bot, person}) {
            assertThat(r.headers().firstValue("CashfinFormOutcome")).isEmpty();
            assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        }
    }

    @Test
    void pagesCarryContentSecurityPolicyFrameAndSniffingHeaders() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(formUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> posted = post("name=&email=x&message=&website_url=", "X-Forwarded-For", "198.51.100.92");

        for (HttpResponse<String> r : new HttpResponse[] {page, posted}) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'", "form-action"));
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void headIsAnsweredLikeGetWithoutABody() throws Exception {
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(formUri())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
    }

    /**
     * Finding 6: with {@code deduplicate-by=email} a forged post for someone's address was kept and the genuine enquiry
     * that followed was thanked and dropped ("was already lead ..."). Now the later message is kept for the lead.
     */
    @Test
    void aLaterEnquiryForAnExistingLeadIsKeptNotDropped() throws Exception {
        assertThat(post("name=Forger&email=thandiwe%40genuine.example&message=ignore+me&website_url=",
                "X-Forwarded-For", "198.51.100.60").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> leadsOf("thandiwe@genuine.example") == 1);

        assertThat(post("name=Thandiwe+Dube&email=thandiwe%40genuine.example&phone=%2B254722000111"
                        + "&message=Please+quote+40+standing+desks&website_url=", "X-Forwarded-For", "198.51.100.61")
                .statusCode()).isEqualTo(200);

        Path duplicates = APP.work().resolve("duplicates.csv");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(duplicates)
                && Files.readString(duplicates, StandardCharsets.UTF_8).contains("Please quote 40 standing desks"));
        String leadId = String.valueOf(APP.cashfin().leads().stream()
                .filter(l -> "thandiwe@genuine.example".equals(l.get("email"))).findFirst().orElseThrow().get("_id"));
        assertThat(Files.readAllLines(duplicates, StandardCharsets.UTF_8))
                .filteredOn(l -> l.contains("Please quote 40 standing desks")).singleElement()
                .satisfies(l -> assertThat(l).contains("web-form", leadId, "Thandiwe Dube", "thandiwe@genuine.example",
                        "'+254722000111"));
        assertThat(leadsOf("thandiwe@genuine.example")).isEqualTo(1);
    }

    private static long leadsOf(String email) {
        return APP.cashfin().leads().stream().filter(l -> email.equals(l.get("email"))).count();
    }

    private URI formUri() {
        return URI.create(APP.baseUrl() + APP.setting("cashfin.form.path"));
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(formUri()).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
