package africa.cashfin.camel.examples.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.CashfinExamplesApp;
import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.simulator.Endpoint;

/**
 * Flow 2 through the real app over HTTP: the form page, urlencoded and JSON posts (queued, then created in the
 * background), errors, honeypot, Cashfin down or refusing, the body size limit, and a restart between the answer and
 * the create.
 */
class WebFormFlowTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp();

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void resetCashfin() {
        APP.cashfin().reset();
    }

    @Test
    void servesTheForm() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(form()).timeout(Duration.ofSeconds(60)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct)
                .startsWith("text/html"));
        assertThat(page.body()).contains("<form").contains("name=\"email\"").contains("name=\"website_url\"");
    }

    @Test
    void urlencodedPostCreatesAWebsiteLeadAndThanks() throws Exception {
        HttpResponse<String> answer = post("application/x-www-form-urlencoded",
                "name=Fatou+Ndiaye&email=fatou%40thies-crafts.example&phone=%2B221+77+123+45+67"
                + "&company=Thi%C3%A8s+Crafts&budget=XOF+2+500+000&message=Invoicing+please&website_url=");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Thank you, Fatou Ndiaye");
        await().atMost(WAIT).until(() -> APP.cashfin().leadCount() == 1);
        assertThat(APP.cashfin().leads()).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("name", "Fatou Ndiaye").containsEntry("email", "fatou@thies-crafts.example")
                .containsEntry("source", "website").containsEntry("company", "Thiès Crafts")
                .containsEntry("phone", "+221771234567"));
    }

    @Test
    void jsonPostCreatesALead() throws Exception {
        HttpResponse<String> answer = post("application/json",
                "{\"name\":\"Kwame Mensah\",\"email\":\"kwame@accra-agro.example\",\"budget\":50000}");

        assertThat(answer.statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> APP.cashfin().leadCount() == 1);
        assertThat(APP.cashfin().leads()).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("name", "Kwame Mensah").containsEntry("source", "website"));
    }

    @Test
    void invalidInputIsShownAgainWithTheErrorsAndNothingIsCreated() throws Exception {
        HttpResponse<String> answer = post("application/x-www-form-urlencoded",
                "name=%3Cb%3EJo%3C%2Fb%3E&email=not-an-address&website_url=");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("role=\"alert\"").contains("Enter an e-mail address")
                .contains("value=\"not-an-address\"").contains("&lt;b&gt;Jo&lt;/b&gt;").doesNotContain("<b>Jo</b>");
        assertThat(APP.cashfin().createCalls()).isZero();
    }

    @Test
    void honeypotAnswersThankYouButCreatesNothing() throws Exception {
        HttpResponse<String> answer = post("application/x-www-form-urlencoded",
                "name=Bot&email=bot%40spam.example&website_url=http%3A%2F%2Fspam.example");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Thank you");
        assertThat(APP.cashfin().createCalls()).isZero();
    }

    @Test
    void theAnswerDoesNotWaitForCashfinAndTheLeadIsCreatedWhenItIsBack() throws Exception {
        APP.cashfin().failNext(6, 503, Endpoint.CREATE);

        HttpResponse<String> answer = post("application/x-www-form-urlencoded",
                "name=Grace+Nakato&email=grace%40kampala-schools.example&message=Fees&website_url=");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Thank you, Grace Nakato");
        await().atMost(WAIT).until(() -> APP.cashfin().leadCount() == 1);
        assertThat(APP.cashfin().leads().get(0)).containsEntry("name", "Grace Nakato");
        await().atMost(WAIT).until(() -> APP.app().formQueue().pending() == 0);
    }

    @Test
    void aLeadCashfinRefusesForGoodIsKeptWithTheReason() throws Exception {
        APP.cashfin().failNext(1, 400, Endpoint.CREATE);

        HttpResponse<String> answer = post("application/x-www-form-urlencoded",
                "name=Amani+Juma&email=amani%40zanzibar-spice.example&website_url=");

        assertThat(answer.statusCode()).isEqualTo(200);
        Path failed = APP.app().formQueue().failedDirectory();
        await().atMost(WAIT).until(() -> Files.isDirectory(failed) && files(failed, ".reason.txt").size() == 1);
        Path reason = files(failed, ".reason.txt").get(0);
        assertThat(Files.readString(reason)).contains("Cashfin refused the lead");
        assertThat(Files.readString(Path.of(reason.toString().replace(".reason.txt", ".json"))))
                .contains("amani@zanzibar-spice.example");
        assertThat(APP.app().formQueue().pending()).isZero();
        assertThat(APP.cashfin().leadCount()).isZero();
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        String message = "x".repeat(Integer.parseInt(APP.setting("cashfin.form.max-body-size")) + 1);

        HttpResponse<String> answer = post("application/x-www-form-urlencoded",
                "name=Big&email=big%40example.com&message=" + message);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).startsWith("The request is larger than " + APP.setting("cashfin.form.max-body-size")
                                             + " bytes, the most this form accepts.");
        assertThat(APP.app().formQueue().pending()).isZero();
        assertThat(APP.cashfin().createCalls()).isZero();
    }

    @Test
    void aSubmissionAnsweredBeforeTheAppStoppedIsCreatedOnceAfterTheRestart() throws Exception {
        Path work = Files.createTempDirectory(APP.work(), "restart-");
        Map<String, String> o = new LinkedHashMap<>();
        o.put("cashfin.work-dir", work.toString());
        o.put("cashfin.base-url", APP.setting("cashfin.base-url"));
        o.put("cashfin.form.captcha.provider", "none");
        o.put("cashfin.client-secret", APP.setting("cashfin.client-secret"));
        o.put("camel.server.port", String.valueOf(ExamplesApp.freePort()));
        // the first run stops before its queue is read: the answer was given, Cashfin was not called yet
        o.put("cashfin.form.queue.initial-delay", "3600000");
        String url;
        try (CashfinExamplesApp first = new CashfinExamplesApp(o).start()) {
            url = "http://localhost:" + first.setting("camel.server.port") + first.setting("cashfin.form.path");
            HttpResponse<String> answer = post(URI.create(url), "application/x-www-form-urlencoded",
                    "name=Thandiwe+Dlamini&email=thandiwe%40durban-tours.example&website_url=");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("Thank you, Thandiwe Dlamini");
            assertThat(first.formQueue().pending()).isEqualTo(1);
        }
        assertThat(APP.cashfin().createCalls()).isZero();

        o.put("camel.server.port", String.valueOf(ExamplesApp.freePort()));
        o.put("cashfin.form.queue.initial-delay", "0");
        try (CashfinExamplesApp second = new CashfinExamplesApp(o).start()) {
            await().atMost(WAIT).until(() -> APP.cashfin().leadCount() == 1 && second.formQueue().pending() == 0);
            assertThat(APP.cashfin().leads()).singleElement().satisfies(l -> assertThat(l)
                    .containsEntry("email", "thandiwe@durban-tours.example").containsEntry("source", "website"));
        }
        assertThat(APP.cashfin().createCalls()).isEqualTo(1);
    }

    private static List<Path> files(Path dir, String suffix) throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private URI form() {
        return URI.create(APP.baseUrl() + APP.setting("cashfin.form.path"));
    }

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        return post(form(), contentType, body);
    }

    private HttpResponse<String> post(URI form, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(form).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
