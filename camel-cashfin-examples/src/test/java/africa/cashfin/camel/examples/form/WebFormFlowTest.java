package africa.cashfin.camel.examples.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.simulator.Endpoint;

/** Flow 2 through the real app over HTTP: the form page, urlencoded and JSON posts, errors, honeypot, Cashfin down. */
class WebFormFlowTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp();

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
    void cashfinRefusingTheLeadKeepsTheVisitorsInput() throws Exception {
        APP.cashfin().failNext(1, 400, Endpoint.CREATE);

        HttpResponse<String> answer = post("application/x-www-form-urlencoded",
                "name=Grace+Nakato&email=grace%40kampala-schools.example&message=Fees&website_url=");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("could not save your message").contains("value=\"Grace Nakato\"");
        assertThat(APP.cashfin().leadCount()).isZero();
    }

    private URI form() {
        return URI.create(APP.baseUrl() + APP.setting("cashfin.form.path"));
    }

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(form()).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
