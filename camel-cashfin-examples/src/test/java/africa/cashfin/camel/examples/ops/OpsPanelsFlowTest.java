package africa.cashfin.camel.examples.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.mail.MailDemo;
import africa.cashfin.camel.simulator.Endpoint;

/**
 * The budget, lead-flow and inbound-guards sections of the operations page through the real app against the
 * simulator: leads created through the form (one refused per reason: per-client limit, daily cap, CAPTCHA, size) and
 * the mailbox (per sender, daily cap, size), a 429 from Cashfin, the lead consumer emitting them; the panels' data
 * (what {@code /ops/data} serves) shows each figure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsPanelsFlowTest {

    static final WireMockServer SITEVERIFY = started();

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.form.trusted-proxies", "127.0.0.1,::1")
            .with("cashfin.form.limit.per-client", "2").with("cashfin.form.limit.per-day", "4")
            .with("cashfin.form.max-body-size", "4096").with("cashfin.form.queue.poll-delay", "200")
            .with("cashfin.form.captcha.provider", "turnstile").with("cashfin.form.captcha.site-key", "0x4AAA-site")
            .with("cashfin.form.captcha.secret", "ts-secret").with("cashfin.form.captcha.timeout", "PT30S")
            .with("cashfin.form.captcha.verify-url", SITEVERIFY.baseUrl() + "/siteverify")
            .with("cashfin.mail.limit.per-sender", "1").with("cashfin.mail.limit.per-day", "2")
            .with("cashfin.mail.max-size", String.valueOf(50 * 1024));

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .http2PlainDisabled(true));
        server.start();
        server.stubFor(WireMock.post(urlPathEqualTo("/siteverify")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}")));
        server.stubFor(WireMock.post(urlPathEqualTo("/siteverify")).withRequestBody(containing("response=good-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"success\":true}")));
        return server;
    }

    @AfterAll
    static void stop() {
        SITEVERIFY.stop();
    }

    @Test
    @Order(1)
    void theFormsAndTheMailboxsRefusalsAreCountedByReason() throws Exception {
        // the first create Cashfin answers is a 429: the budget section counts it
        APP.cashfin().failNext(1, 429, Endpoint.CREATE);
        assertThat(form("203.0.113.1", "alice", "good-token")).isEqualTo(200);
        assertThat(form("203.0.113.2", "bob1", "good-token")).isEqualTo(200);
        assertThat(form("203.0.113.2", "bob2", "good-token")).isEqualTo(200);
        assertThat(form("203.0.113.2", "bob3", "good-token")).as("bob's third post in the hour").isEqualTo(429);
        assertThat(form("203.0.113.3", "carol", "bad-token")).as("CAPTCHA not solved").isEqualTo(422);
        assertThat(form("203.0.113.4", "dave", "good-token")).isEqualTo(200);
        assertThat(form("203.0.113.5", "erin", "good-token")).as("the form's 4 of the day are spent").isEqualTo(429);
        assertThat(post("203.0.113.6", "name=Big&email=big%40example.com&message=" + "x".repeat(5000)))
                .as("a body over 4096 bytes").isEqualTo(413);
        // the form's HTTP server answers other paths too (the operations page's upload): a body over its limit there is
        // refused the same way but is no form refusal
        APP.app().camelContext().addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/size-probe?httpMethodRestrict=POST").routeId("size-probe").setBody().constant("ok");
            }
        });
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/size-probe"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).as("a body over 4096 bytes on another path").isEqualTo(413);
        assertThat(other.body()).doesNotContain("form");

        deliver(mail("Flood Er <flood@spam.example>", "Offer 1", "Buy now"));
        deliver(mail("Flood Er <flood@spam.example>", "Offer 2", "Buy now"));
        deliver(mail("Huge Mail <huge@example.com>", "Long story", "x".repeat(60 * 1024)));
        deliver(mail("Kofi Boateng <kofi@kumasi-cocoa.example>", "Cocoa", "Please call me."));
        deliver(mail("Ama Mensah <ama@accra.example>", "Invoices", "Please call me too."));
        await().atMost(WAIT).until(() -> count("cashfin.mail.folder") == 0
                                         && APP.app().mailLeads().counts().today().get("accepted") == 2);

        Map<String, Object> inbound = panel(OpsPanels.INBOUND).data();
        assertThat(inbound.get("form")).isEqualTo(Map.of("accepted", 4L, "perClient", 1L, "dailyCap", 1L,
                "captcha", 1L, "size", 1L));
        assertThat(inbound.get("mailbox")).isEqualTo(Map.of("accepted", 2L, "perClient", 1L, "dailyCap", 1L,
                "size", 1L));
    }

    @Test
    @Order(2)
    void theLeadFlowShowsTheLeadsCreatedAndEmittedThisHourAndTheConsumersLastPoll() {
        // 4 from the form, 2 from the mailbox; the lead consumer (route sync-to-crms) emits each of them
        await().atMost(WAIT).until(() -> APP.cashfin().leadCount() == 6);
        await().atMost(WAIT).until(() -> flow().get("createdToday").equals(6L)
                                         && flow().get("emittedToday").equals(6L));

        Map<String, Object> flow = flow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hours = (List<Map<String, Object>>) flow.get("hours");
        assertThat(hours).hasSize(24);
        assertThat(hours.stream().mapToLong(h -> (Long) h.get("created")).sum()).isEqualTo(6);
        assertThat(hours.stream().mapToLong(h -> (Long) h.get("emitted")).sum()).isEqualTo(6);
        assertThat(hours).as("the busiest hour's bar fills the chart (the test may straddle an hour)")
                .anyMatch(h -> h.get("createdHeight").equals(100L) || h.get("emittedHeight").equals(100L));
        assertThat(hours).allSatisfy(h -> {
            for (String bar : new String[] {"created", "emitted"}) {
                long height = (Long) h.get(bar + "Height");
                assertThat(height > 0).as("a bar shows where there are leads").isEqualTo((Long) h.get(bar) > 0);
                assertThat(h.get(bar + "Y")).as("bars stand on the axis").isEqualTo(100 - height);
            }
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> consumers = (List<Map<String, Object>>) flow.get("consumers");
        assertThat(consumers).singleElement().satisfies(c -> {
            assertThat(c.get("route")).isEqualTo("sync-to-crms");
            assertThat((String) c.get("lastPoll")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(c.get("failedWaiting")).isEqualTo(0);
        });
    }

    @Test
    @Order(3)
    void theBudgetShowsTheSecretsDayItsSharesAndThe429() {
        Map<String, Object> budget = panel(OpsPanels.BUDGET).data();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> secrets = (List<Map<String, Object>>) budget.get("secrets");
        assertThat(secrets).singleElement().satisfies(s -> {
            assertThat((String) s.get("secret")).matches("secret#[0-9a-f]{12}");
            assertThat((Long) s.get("callsUsed")).as("6 creates, the 429, their look-ups and the polls")
                    .isGreaterThanOrEqualTo(7);
            assertThat(s.get("callsBudget")).as("the Starter plan's 10,000 a day, less the 2 %% margin").isEqualTo(9800L);
            assertThat(s.get("rateLimitedToday")).isEqualTo(1L);
            assertThat((String) s.get("endpoints")).contains("cashfin-leads://create").contains("cashfin-leads://list");
            assertThat((String) s.get("dayEnds")).endsWith("T00:00:00Z");
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shares = (List<Map<String, Object>>) budget.get("shares");
        assertThat(shares).extracting(s -> s.get("name")).containsExactly("reserve 'lead-sync'",
                "reserve 'web-form'", "pool");
        assertThat(shares).extracting(s -> s.get("callsPerDay")).containsExactly(2940L, 1960L, 4900L);
        assertThat(shares.get(1).get("callsUsed")).as("the form's creates came from its reserve")
                .isInstanceOfSatisfying(Long.class, used -> assertThat(used).isGreaterThanOrEqualTo(4));
        assertThat(budget.toString()).doesNotContain(APP.cashfin().secret());
    }

    @Test
    @Order(4)
    void thePageShowsTheThreeSectionsAndOpsDataTheirFigures() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/ops"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<section id=\"budget\"", "Call budget", "<section id=\"leadflow\"",
                "Lead flow", "<section id=\"inbound\"", "Inbound guards", "<svg class=\"ops-gauge\"",
                "<svg class=\"ops-chart\"", "data-ops-attr=\"y:hours.23.createdY;height:hours.23.createdHeight\"");
        assertThat(page.body().indexOf("id=\"budget\"")).isLessThan(page.body().indexOf("id=\"leadflow\""));
        assertThat(page.body().indexOf("id=\"leadflow\"")).isLessThan(page.body().indexOf("id=\"inbound\""));

        // without the script: the page as served carries the figures the flow produced
        String shown = page.body().replaceAll("(?s)<template>.*?</template>", "");
        assertThat(shown).contains("<span data-ops-text=\"createdToday\">6</span>",
                "<span data-ops-text=\"emittedToday\">6</span>", "<dd data-ops-text=\"rateLimitedToday\">1</dd>",
                "<span data-ops-text=\"route\">sync-to-crms</span>", "<td data-ops-text=\"form.accepted\">4</td>",
                "<td data-ops-text=\"form.captcha\">1</td>", "<td data-ops-text=\"mailbox.size\">1</td>",
                "<td data-ops-text=\"name\">reserve &#39;lead-sync&#39;</td>");
        assertThat(shown).as("the secret's gauge, labelled").containsPattern(
                "<title data-ops-text=\"usedText\">[1-9][0-9]* of 9,800 calls \\([0-9]+ %\\)</title>");
        assertThat(shown).as("the chart's bars of this hour, drawn").containsPattern(
                "height=\"[1-9][0-9]*\" fill=\"#2563eb\" data-ops-attr=\"y:hours");
        assertThat(shown).contains("<p data-ops-shown=\"none\" hidden>No Cashfin endpoint has called yet.</p>");

        HttpResponse<String> data = http.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/ops/data"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(data.statusCode()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(data.body());
        assertThat(json.path("budget").path("secrets").path(0).path("secret").asText()).matches("secret#[0-9a-f]{12}");
        assertThat(json.path("budget").path("secrets").path(0).path("rateLimitedToday").asLong()).isEqualTo(1);
        assertThat(json.path("budget").path("shares").size()).isEqualTo(3);
        assertThat(json.path("leadflow").path("createdToday").asLong()).isEqualTo(6);
        assertThat(json.path("leadflow").path("consumers").path(0).path("route").asText()).isEqualTo("sync-to-crms");
        assertThat(json.path("inbound").path("form").path("captcha").asLong()).isEqualTo(1);
        assertThat(json.path("inbound").path("mailbox").path("size").asLong()).isEqualTo(1);
        assertThat(page.body() + data.body()).doesNotContain(APP.cashfin().secret());
    }

    private static Map<String, Object> flow() {
        return panel(OpsPanels.LEAD_FLOW).data();
    }

    private static OpsPanel panel(String name) {
        return APP.app().camelContext().getRegistry().lookupByNameAndType(name, OpsPanel.class);
    }

    private int form(String client, String who, String token) throws Exception {
        return post(client, "name=Visitor+" + who + "&email=" + who + "%40form.example&message=hello&website_url="
                            + "&cf-turnstile-response=" + token);
    }

    private int post(String client, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + APP.setting("cashfin.form.path")))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", client).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void deliver(MimeMessage message) throws Exception {
        APP.app().services().greenMail().getUserManager().getUser(APP.setting("cashfin.mail.username"))
                .deliver(message);
    }

    private static MimeMessage mail(String from, String subject, String text) throws Exception {
        MimeMessage m = GreenMailUtil.createTextEmail(APP.setting("cashfin.mail.username"), from, subject, text,
                APP.app().services().greenMail().getImap().getServerSetup());
        m.saveChanges();
        return m;
    }

    private static long count(String key) {
        return MailDemo.folderCount(APP.app().settings(), key);
    }
}
