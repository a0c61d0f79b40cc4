package africa.cashfin.camel.examples.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.app.LogLines;

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

    /** Finding 12: a newline in a form field reached the log as it was and forged a log line of its own. */
    @Test
    void aNewlineInAFieldCannotForgeALogLine() throws Exception {
        try (LogLines log = new LogLines(Level.INFO)) {
            assertThat(post("name=Mallory&email=mallory%40example.test&phone=12%0D%0AERROR+CashfinExamplesApp+-+forged"
                            + "&message=hi&website_url=", "X-Forwarded-For", "198.51.100.70").statusCode())
                    .isEqualTo(200);

            assertThat(log.lines()).anyMatch(l -> l.contains("forged"));
            assertThat(log.lines()).noneMatch(l -> l.contains("\n") || l.contains("\r"));
        }
    }

    /**
     * Finding 12: a chunked body over the limit was answered 400 instead of the documented 413 (Vert.x's form decoder
     * gave up before the body limit was reached; {@code FormServerLimits}).
     */
    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
        int limit = Integer.parseInt(APP.setting("cashfin.form.max-body-size"));
        try (LogLines logs = new LogLines(Level.WARN);
             Socket s = new Socket("127.0.0.1", Integer.parseInt(APP.setting("camel.server.port")))) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            byte[] chunk = "a".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            try {
                out.write(("POST " + APP.setting("cashfin.form.path") + " HTTP/1.1\r\nHost: localhost\r\n"
                           + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
                           + "X-Forwarded-For: 198.51.100.71\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                for (int sent = 0; sent <= limit + chunk.length; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            StringBuilder answer = new StringBuilder();
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    answer.append(line).append('\n');
                }
            } catch (IOException closed) {
                // the server closes the connection after its answer
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 413")
                    .contains("The request is larger than " + limit + " bytes, the most this form accepts.");
            // the rest of the body, decoded after the answer, does not put a stack trace into the log
            assertThat(logs.lines()).noneMatch(l -> l.contains(" THROWN ") || l.contains("Unhandled exception"));
        }
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
