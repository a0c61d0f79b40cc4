package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.api.CashfinClientSettings;
import africa.cashfin.camel.leads.model.Lead;

/**
 * The client secret never shows: not in logged URIs, toString, exception messages and causes, nor in DEBUG logs of a
 * whole route life (start, a failing call handled by the default error handler, stop).
 */
class SecretMaskingTest extends CashfinTestSupport {

    static final String URI_SECRET = "cs_UriSecretXyz987654321";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").routeId("create-lead")
                        .to("cashfin-leads:create?clientSecret=RAW(" + URI_SECRET + ")&baseUrl="
                            + wm.baseUrl());
                from("direct:list").routeId("list-leads")
                        .to("cashfin-leads:list?clientSecret=" + URI_SECRET + "&baseUrl=" + wm.baseUrl());
            }
        };
    }

    @Test
    void endpointUriAndToStringMaskTheSecret() {
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof CashfinLeadsEndpoint e) {
                assertThat(e.toString()).doesNotContain(URI_SECRET).contains("clientSecret=xxxxxx");
                assertThat(e.getConfiguration().toString()).doesNotContain(URI_SECRET);
                assertThat(e.getClient().toString()).doesNotContain(URI_SECRET);
                assertThat(e.getClient().getSettings().toString()).doesNotContain(URI_SECRET);
            }
        }
    }

    @Test
    void noSecretInDebugLogsOrErrorChains() throws Exception {
        wm.stubFor(post("/business/lead/create").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\": false, \"message\": \"Unauthorized access!\"}")));
        // a misbehaving proxy echoing the Authorization header back in its error page
        wm.stubFor(get(urlPathEqualTo("/business/lead/list")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad gateway. Your request had Authorization: " + URI_SECRET + "</body></html>")));
        String logs;
        Exchange created;
        Exchange listed;
        try (LogCapture capture = new LogCapture()) {
            context.getRouteController().stopRoute("create-lead");
            context.getRouteController().startRoute("create-lead");
            created = template.send("direct:create", e -> e.getMessage().setBody(new Lead().setName("Jane")));
            listed = template.send("direct:list", e -> e.getMessage().setBody(null));
            context.getRouteController().stopRoute("list-leads");
            logs = capture.all();
        }
        assertThat(created.getException()).hasMessageContaining("Check the client secret");
        assertThat(listed.getException()).hasMessageContaining("HTTP 502").hasMessageContaining("xxxxxx");
        assertThat(logs).contains("cashfin-leads").contains("HTTP 401").contains("Unauthorized access!");
        // HttpClient's own DEBUG loggers were on too (they print request headers on its default connections)
        assertThat(logs).contains("org.apache.hc.client5");
        assertThat(logs).doesNotContain(URI_SECRET).doesNotContain(SECRET);
        for (Exchange ex : new Exchange[] { created, listed }) {
            for (Throwable t = ex.getException(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(URI_SECRET).doesNotContain(SECRET);
                assertThat(t.toString()).doesNotContain(URI_SECRET);
            }
        }
    }

    @Test
    void settingsToStringMasksTheSecret() {
        CashfinClientSettings s = CashfinClientSettings.builder().clientSecret(URI_SECRET).build();
        assertThat(s.toString()).doesNotContain(URI_SECRET).contains("xxxxxx");
        assertThat(s.getSecretFingerprint()).doesNotContain(URI_SECRET).hasSize(16);
    }
}
