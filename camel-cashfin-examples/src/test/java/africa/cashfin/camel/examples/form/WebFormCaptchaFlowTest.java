package africa.cashfin.camel.examples.form;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * Flow 2's CAPTCHA, verified on the server, through the real app: Cloudflare Turnstile and hCaptcha, each against a
 * WireMock stand-in of its siteverify API (form-encoded {@code secret}, {@code response}, {@code remoteip}; JSON
 * {@code {"success": ...}} back).
 */
class WebFormCaptchaFlowTest {

    static final WireMockServer SITEVERIFY = started();

    @RegisterExtension
    static final ExamplesApp TURNSTILE = new ExamplesApp().with("cashfin.form.captcha.provider", "turnstile")
            .with("cashfin.form.captcha.site-key", "0x4AAAAAAA-site").with("cashfin.form.captcha.secret", "ts-secret")
            .with("cashfin.form.captcha.verify-url", SITEVERIFY.baseUrl() + "/turnstile/v0/siteverify");

    @RegisterExtension
    static final ExamplesApp HCAPTCHA = new ExamplesApp().with("cashfin.form.captcha.provider", "hcaptcha")
            .with("cashfin.form.captcha.site-key", "10000000-site").with("cashfin.form.captcha.secret", "hc-secret")
            .with("cashfin.form.captcha.verify-url", SITEVERIFY.baseUrl() + "/hcaptcha/siteverify");

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .http2PlainDisabled(true));
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        SITEVERIFY.stop();
    }

    @BeforeEach
    void answers() {
        SITEVERIFY.resetAll();
        for (String path : new String[] {"/turnstile/v0/siteverify", "/hcaptcha/siteverify"}) {
            SITEVERIFY.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type",
                    "application/json").withBody("{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}")));
            SITEVERIFY.stubFor(post(urlPathEqualTo(path)).withRequestBody(containing("response=good-token"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                            "{\"success\":true,\"challenge_ts\":\"2026-11-29T12:00:00Z\",\"hostname\":\"localhost\"}")));
        }
        TURNSTILE.cashfin().reset();
        HCAPTCHA.cashfin().reset();
    }

    @Test
    void theTurnstileWidgetIsOnThePageAndASolvedTokenIsVerifiedBeforeTheLeadIsAccepted() throws Exception {
        assertThat(page(TURNSTILE)).contains("challenges.cloudflare.com/turnstile/v0/api.js")
                .contains("class=\"field cf-turnstile\" data-sitekey=\"0x4AAAAAAA-site\"");

        HttpResponse<String> answer = submit(TURNSTILE, "cf-turnstile-response", "good-token", "amina");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Thank you");
        SITEVERIFY.verify(1, postRequestedFor(urlPathEqualTo("/turnstile/v0/siteverify"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("secret=ts-secret")).withRequestBody(containing("response=good-token"))
                .withRequestBody(containing("remoteip=127.0.0.1")));
        await().atMost(WAIT).until(() -> TURNSTILE.cashfin().leadCount() == 1);
    }

    @Test
    void aTurnstileTokenSiteverifyRejectsShowsTheFormAgainAndCreatesNothing() throws Exception {
        HttpResponse<String> answer = submit(TURNSTILE, "cf-turnstile-response", "forged", "bot");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("not a robot").contains("value=\"Visitor bot\"");
        assertThat(TURNSTILE.app().formQueue().pending()).isZero();
        assertThat(TURNSTILE.cashfin().createCalls()).isZero();
    }

    @Test
    void aSubmissionWithoutTokenIsRefusedWithoutCallingSiteverify() throws Exception {
        HttpResponse<String> answer = submit(TURNSTILE, "other", "x", "script");

        assertThat(answer.statusCode()).isEqualTo(422);
        SITEVERIFY.verify(0, postRequestedFor(urlPathEqualTo("/turnstile/v0/siteverify")));
        assertThat(TURNSTILE.app().formQueue().pending()).isZero();
    }

    @Test
    void hcaptchaIsVerifiedTheSameWay() throws Exception {
        assertThat(page(HCAPTCHA)).contains("js.hcaptcha.com/1/api.js")
                .contains("class=\"field h-captcha\" data-sitekey=\"10000000-site\"");

        assertThat(submit(HCAPTCHA, "h-captcha-response", "forged", "bot").statusCode()).isEqualTo(422);
        assertThat(submit(HCAPTCHA, "h-captcha-response", "good-token", "kofi").statusCode()).isEqualTo(200);

        SITEVERIFY.verify(2, postRequestedFor(urlPathEqualTo("/hcaptcha/siteverify"))
                .withRequestBody(containing("secret=hc-secret")));
        await().atMost(WAIT).until(() -> HCAPTCHA.cashfin().leadCount() == 1);
        assertThat(HCAPTCHA.cashfin().leads().get(0)).containsEntry("email", "kofi@captcha.example");
    }

    @Test
    void siteverifyDownRefusesTheSubmissionAndKeepsTheInput() throws Exception {
        SITEVERIFY.stubFor(post(urlPathEqualTo("/hcaptcha/siteverify")).willReturn(aResponse().withStatus(500)));

        HttpResponse<String> answer = submit(HCAPTCHA, "h-captcha-response", "good-token", "patient");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("value=\"Visitor patient\"");
        assertThat(HCAPTCHA.app().formQueue().pending()).isZero();
        SITEVERIFY.verify(1, postRequestedFor(urlPathEqualTo("/hcaptcha/siteverify"))
                .withRequestBody(containing("response=good-token")));
    }

    private String page(ExamplesApp app) throws Exception {
        return http.send(HttpRequest.newBuilder(form(app)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> submit(ExamplesApp app, String tokenField, String token, String who)
            throws Exception {
        String body = "name=Visitor+" + who + "&email=" + who + "%40captcha.example&website_url=&" + tokenField + "="
                      + token;
        return http.send(HttpRequest.newBuilder(form(app)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI form(ExamplesApp app) {
        return URI.create(app.baseUrl() + app.setting("cashfin.form.path"));
    }
}
