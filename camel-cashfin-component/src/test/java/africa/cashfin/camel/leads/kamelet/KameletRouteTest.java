package africa.cashfin.camel.leads.kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The Kamelets shipped in the component jar ({@code classpath:kamelets}), used as a user would:
 * {@code kamelet:cashfin-leads-source} of one account into {@code kamelet:cashfin-leads-sink} of another, and the
 * find-or-create action.
 */
class KameletRouteTest {

    /** A secret with URI-special characters: the Kamelets must pass it through unchanged. */
    static final String TARGET_SECRET = "cs_target+account&x=1%2";

    @RegisterExtension
    static CashfinSimulatorExtension source = new CashfinSimulatorExtension();

    @RegisterExtension
    static CashfinSimulatorExtension target = new CashfinSimulatorExtension(
            CashfinSimulator.builder().secrets(TARGET_SECRET));

    /** A forward proxy (WireMock) that passes requests on to the target simulator only with these credentials. */
    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().enableBrowserProxying(true).http2PlainDisabled(true)).build();

    static final String PROXY_PASSWORD = "Pr0xy+Pass&word=1!";

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(RouteBuilder routes) throws Exception {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("source.secret", source.secret());
        context.getPropertiesComponent().addInitialProperty("target.secret", TARGET_SECRET);
        context.addRoutes(routes);
        context.start();
    }

    @Test
    void sourceToSinkCopiesEveryNewLeadOnce() throws Exception {
        source.insertLeads(List.of(
                Map.of("name", "Amina Okafor", "email", "amina@example.com", "status", "qualified"),
                Map.of("name", "Kwame Mensah", "email", "kwame@example.com", "phone", "+233201234567")));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:cashfin-leads-source?clientSecret=RAW({{source.secret}})&baseUrl=" + source.baseUrl()
                     + "&plan=unlimited&delay=200")
                        .to("kamelet:cashfin-leads-sink?clientSecret=RAW({{target.secret}})&baseUrl=" + target.baseUrl()
                            + "&plan=unlimited&deduplicateBy=email");
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> target.leadCount() == 2);
        source.addLead(Map.of("name", "Thandiwe Dlamini", "email", "thandi@example.com", "company", "Ubuntu Ltd"));
        await().atMost(Duration.ofSeconds(30)).until(() -> target.leadCount() == 3);
        // several more polls: nothing is copied twice
        long listCalls = source.listCalls();
        await().atMost(Duration.ofSeconds(30)).until(() -> source.listCalls() >= listCalls + 3);

        assertThat(target.leads()).hasSize(3)
                .extracting(l -> l.get("name"), l -> l.get("email"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Amina Okafor", "amina@example.com"),
                        org.assertj.core.groups.Tuple.tuple("Kwame Mensah", "kwame@example.com"),
                        org.assertj.core.groups.Tuple.tuple("Thandiwe Dlamini", "thandi@example.com"));
        assertThat(target.leads()).filteredOn(l -> "Amina Okafor".equals(l.get("name")))
                .extracting(l -> l.get("status")).containsExactly("qualified");
        assertThat(target.leads()).filteredOn(l -> "Thandiwe Dlamini".equals(l.get("name")))
                .extracting(l -> l.get("company")).containsExactly("Ubuntu Ltd");
    }

    @Test
    void sourceEmitsEachLeadAsJsonWithTheConsumerHeaders() throws Exception {
        Map<String, Object> lead = source.addLead(Map.of("name", "Amina Okafor", "email", "amina@example.com"));
        List<org.apache.camel.Message> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:cashfin-leads-source?clientSecret=RAW({{source.secret}})&baseUrl=" + source.baseUrl()
                     + "&plan=unlimited&delay=200")
                        .process(e -> received.add(e.getMessage().copy()));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());

        org.apache.camel.Message message = received.get(0);
        assertThat(message.getHeader("CamelCashfinLeadId")).isEqualTo(lead.get("_id"));
        assertThat(message.getHeader("CamelCashfinEventType")).isEqualTo("created");
        String json = message.getBody(String.class);
        assertThat(json).contains("\"_id\":\"" + lead.get("_id") + "\"", "\"name\":\"Amina Okafor\"",
                "\"createdat\":\"" + lead.get("createdat") + "\"");
    }

    @Test
    void findOrCreateActionFindsTheExistingLeadAndCreatesANewOne() throws Exception {
        Map<String, Object> existing = target.addLead(Map.of("name", "Amina Okafor", "email", "amina@example.com"));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lead")
                        .to("kamelet:cashfin-leads-find-or-create-action?clientSecret=RAW({{target.secret}})&baseUrl="
                            + target.baseUrl() + "&plan=unlimited")
                        .unmarshal().json()
                        .setHeader("leadId", simple("${body[_id]}"));
            }
        });
        var template = context.createProducerTemplate();

        var found = template.request("direct:lead",
                e -> e.getMessage().setBody("{\"name\": \"Amina O.\", \"email\": \"amina@example.com\"}"));
        assertThat(found.getException()).isNull();
        assertThat(found.getMessage().getHeader("CamelCashfinLeadCreated", Boolean.class)).isFalse();
        assertThat(found.getMessage().getHeader("leadId")).isEqualTo(existing.get("_id"));
        assertThat(found.getMessage().getBody(Map.class)).containsEntry("name", "Amina Okafor");

        var created = template.request("direct:lead",
                e -> e.getMessage().setBody("{\"name\": \"Kwame Mensah\", \"email\": \"kwame@example.com\"}"));
        assertThat(created.getException()).isNull();
        assertThat(created.getMessage().getHeader("CamelCashfinLeadCreated", Boolean.class)).isTrue();
        assertThat(created.getMessage().getBody(Map.class)).containsKey("_id")
                .containsEntry("email", "kwame@example.com");
        assertThat(target.leadCount()).isEqualTo(2);
    }

    @Test
    void withoutAProxyTheKameletsPassNoProxyOptions() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lead").to("kamelet:cashfin-leads-sink?clientSecret=RAW({{target.secret}})&baseUrl="
                                       + target.baseUrl() + "&plan=unlimited");
                from("direct:find").to("kamelet:cashfin-leads-find-or-create-action?clientSecret=RAW({{target.secret}})"
                                       + "&baseUrl=" + target.baseUrl() + "&plan=unlimited");
                from("kamelet:cashfin-leads-source?clientSecret=RAW({{source.secret}})&baseUrl=" + source.baseUrl()
                     + "&plan=unlimited&delay=200")
                        .to("mock:copied");
            }
        });
        context.createProducerTemplate().sendBody("direct:lead", "{\"name\": \"Jane\", \"email\": \"jane@acme.example\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> target.leadCount() == 1);

        List<africa.cashfin.camel.leads.CashfinLeadsEndpoint> cashfin = context.getEndpoints().stream()
                .filter(africa.cashfin.camel.leads.CashfinLeadsEndpoint.class::isInstance)
                .map(africa.cashfin.camel.leads.CashfinLeadsEndpoint.class::cast).toList();
        assertThat(cashfin).as("the source, sink and action endpoints").hasSize(3);
        assertThat(cashfin).allSatisfy(endpoint -> {
            assertThat(endpoint.getEndpointUri()).as("the endpoint URI, as shown in logs").doesNotContain("proxy");
            assertThat(endpoint.getConfiguration().getProxyHost()).isNull();
            assertThat(endpoint.getConfiguration().getProxyPort()).isNull();
            assertThat(endpoint.getConfiguration().getProxyUsername()).isNull();
            assertThat(endpoint.getConfiguration().getProxyPassword()).isNull();
        });
    }

    @Test
    void sinkAndSourceGoThroughAnHttpProxyWithCredentials() throws Exception {
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString(("esb-user:" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));
        proxy.stubFor(any(anyUrl()).atPriority(1).withHeader("Proxy-Authorization", equalTo(basic))
                .willReturn(aResponse().proxiedFrom(target.baseUrl())));
        proxy.stubFor(any(anyUrl()).atPriority(5).willReturn(aResponse().withStatus(407)
                .withHeader("Proxy-Authenticate", "Basic realm=\"corporate\"")));
        context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("target.secret", TARGET_SECRET);
        context.getPropertiesComponent().addInitialProperty("proxy.password", PROXY_PASSWORD);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lead").to("kamelet:cashfin-leads-sink?clientSecret=RAW({{target.secret}})&baseUrl="
                                       + target.baseUrl() + "&plan=unlimited&proxyHost=localhost&proxyPort="
                                       + proxy.getPort() + "&proxyUsername=esb-user"
                                       + "&proxyPassword=RAW({{proxy.password}})");
                from("kamelet:cashfin-leads-source?clientSecret=RAW({{target.secret}})&baseUrl=" + target.baseUrl()
                     + "&plan=unlimited&delay=200&proxyHost=localhost&proxyPort=" + proxy.getPort()
                     + "&proxyUsername=esb-user&proxyPassword=RAW({{proxy.password}})")
                        .to("mock:copied");
            }
        });
        List<String> levelledLogs;
        try (africa.cashfin.camel.leads.LogCapture capture = new africa.cashfin.camel.leads.LogCapture()) {
            context.start();
            context.createProducerTemplate().sendBody("direct:lead",
                    "{\"name\": \"Jane via proxy\", \"email\": \"jane@acme.example\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> target.leadCount() == 1);
            long proxiedLists = proxy.findAll(anyRequestedFor(anyUrl())).stream()
                    .filter(r -> r.getUrl().contains("/leads") && r.getMethod().getName().equals("GET")).count();
            await().atMost(Duration.ofSeconds(30)).until(() -> proxy.findAll(anyRequestedFor(anyUrl())).stream()
                    .filter(r -> r.getMethod().getName().equals("GET")).count() > proxiedLists);
            levelledLogs = capture.levelledLines();
        }
        assertThat(target.leads()).singleElement().satisfies(l -> assertThat(l).containsEntry("name", "Jane via proxy"));
        assertThat(proxy.findAll(anyRequestedFor(anyUrl()))).as("the create and the source's polls went through the proxy")
                .anySatisfy(r -> assertThat(r.getMethod().getName()).isEqualTo("POST"))
                .anySatisfy(r -> assertThat(r.getMethod().getName()).isEqualTo("GET"))
                .allSatisfy(r -> assertThat(r.getHeader("Proxy-Authorization")).isEqualTo(basic));
        // our loggers at any level, everyone's at INFO and above (Camel's own property resolution prints resolved
        // Kamelet properties at DEBUG: docs/kamelets.md says to keep org.apache.camel.component.properties at INFO)
        assertThat(levelledLogs).filteredOn(l -> l.split(" ", 3)[1].startsWith("africa.cashfin")
                                                 || !l.startsWith("DEBUG") && !l.startsWith("TRACE"))
                .noneSatisfy(l -> assertThat(l).contains("Pr0xy"));
        assertThat(context.getEndpoints()).extracting(Object::toString)
                .allSatisfy(uri -> assertThat(uri).doesNotContain("Pr0xy"));
    }
}
