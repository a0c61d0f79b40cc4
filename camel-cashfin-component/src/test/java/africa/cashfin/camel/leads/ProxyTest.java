package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.model.Lead;

/**
 * HTTP proxy options: a create goes through a forward proxy that demands Basic credentials (WireMock as the proxy,
 * forwarding to the simulator), and the proxy password shows nowhere: not in logs, logged URIs, toString() or the
 * exception when the proxy refuses it.
 */
class ProxyTest extends SimulatorRouteSupport {

    static final String PROXY_USER = "esb-user";
    static final String PROXY_PASSWORD = "Pr0xyPassw0rd!Secret";
    static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((PROXY_USER + ":" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().enableBrowserProxying(true).http2PlainDisabled(true))
            .build();

    @BeforeEach
    void proxyDemandsCredentials() {
        // with the right credentials, forward to Cashfin (the simulator); without, or with wrong ones, 407
        proxy.stubFor(any(anyUrl()).atPriority(1).withHeader("Proxy-Authorization", equalTo(BASIC))
                .willReturn(aResponse().proxiedFrom(cashfin.baseUrl())));
        proxy.stubFor(any(anyUrl()).atPriority(5).willReturn(aResponse().withStatus(407)
                .withHeader("Proxy-Authenticate", "Basic realm=\"corporate\"")
                .withHeader("Content-Type", "text/plain")
                .withBody("Proxy authentication required")));
    }

    private String proxiedUri(String password) {
        return "cashfin-leads:create?proxyHost=localhost&proxyPort=" + proxy.getPort()
               + "&proxyUsername=" + PROXY_USER + "&proxyPassword=RAW(" + password + ")";
    }

    @Test
    void createGoesThroughTheProxyWithItsCredentials() throws Exception {
        addRoute("direct:create", "create-via-proxy", proxiedUri(PROXY_PASSWORD));
        String logs;
        Exchange created;
        try (LogCapture capture = new LogCapture()) {
            created = send("direct:create", Map.of("name", "Jane via proxy", "email", "jane@acme.example"));
            logs = capture.all();
        }

        assertThat(created.getException()).isNull();
        assertThat(created.getMessage().getBody(Lead.class).getId()).isNotBlank();
        assertThat(cashfin.leads()).extracting(l -> l.get("name")).containsExactly("Jane via proxy");
        // the proxy saw the create, with the credentials up front (no 407 round trip first)
        proxy.verify(1, postRequestedFor(urlEqualTo("/business/lead/create"))
                .withHeader("Proxy-Authorization", equalTo(BASIC)));
        assertThat(proxy.getAllServeEvents()).hasSize(1);
        assertThat(logs).doesNotContain(PROXY_PASSWORD).doesNotContain(BASIC.substring(6));
    }

    @Test
    void wrongProxyPasswordFailsClearlyAndNeverShowsThePassword() throws Exception {
        String wrong = "Wr0ngPr0xyPassword#42";
        addRoute("direct:create", "create-via-proxy", proxiedUri(wrong));
        String logs;
        Exchange failed;
        try (LogCapture capture = new LogCapture()) {
            failed = send("direct:create", Map.of("name", "Jane"));
            logs = capture.all();
        }

        assertThat(failed.getException()).isInstanceOf(CashfinApiException.class)
                .hasMessageContaining("HTTP 407").hasMessageContaining("proxyUsername and proxyPassword");
        assertThat(cashfin.leads()).as("nothing reached Cashfin").isEmpty();
        for (Throwable t = failed.getException(); t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain(wrong);
        }
        assertThat(logs).doesNotContain(wrong);
    }

    @Test
    void proxyCredentialsAreMaskedInUrisAndToString() throws Exception {
        addRoute("direct:create", "create-via-proxy", proxiedUri(PROXY_PASSWORD));
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof CashfinLeadsEndpoint e) {
                assertThat(e.toString()).doesNotContain(PROXY_PASSWORD).doesNotContain(PROXY_USER)
                        .contains("proxyHost=localhost");
                assertThat(e.getConfiguration().toString()).doesNotContain(PROXY_PASSWORD)
                        .doesNotContain(PROXY_USER).contains("proxy=localhost:" + proxy.getPort());
                assertThat(e.getClient().getSettings().toString()).doesNotContain(PROXY_PASSWORD)
                        .doesNotContain(PROXY_USER);
            }
        }
    }

    @Test
    void proxyIsPartOfTheClientsIdentity() throws Exception {
        addRoute("direct:create", "create-via-proxy", proxiedUri(PROXY_PASSWORD));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:direct").to("cashfin-leads:create");
            }
        });
        assertThat(send("direct:direct", Map.of("name", "Direct")).getException()).isNull();
        assertThat(send("direct:create", Map.of("name", "Proxied")).getException()).isNull();
        assertThat(context.getComponent("cashfin-leads", CashfinLeadsComponent.class).getClientRegistry().size())
                .as("a direct client and a proxied client").isEqualTo(2);
        assertThat(proxy.getAllServeEvents()).as("only the proxied endpoint's call went through the proxy")
                .hasSize(1);
    }

    @Test
    void proxyOptionsAreCheckedAtRouteStart() {
        assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:create?proxyHost=proxy.example.com"))
                .hasStackTraceContaining("proxyPort must be set");
        assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:create?proxyUsername=u&proxyPassword=RAW(p4ss)"))
                .hasStackTraceContaining("proxyHost is not").hasStackTraceContaining("xxxxxx")
                .satisfies(e -> assertThat(e.toString()).doesNotContain("p4ss"));
    }

    @Test
    void plainHttpThroughARemoteProxyIsRefusedBecauseTheProxyWouldReadTheSecret() {
        // a local simulator over http:// is fine directly, but through a proxy on another machine the Authorization
        // header would cross the network in clear
        String local = "cashfin-leads:create?baseUrl=" + cashfin.baseUrl();
        for (String remote : new String[] { "proxy.example.com", "10.0.0.5", "proxy.localhost.example.com" }) {
            assertThatThrownBy(() -> context.getEndpoint(local + "&proxyHost=" + remote + "&proxyPort=3128"))
                    .as(remote)
                    .hasStackTraceContaining("uses http:// through the proxy " + remote)
                    .hasStackTraceContaining("Authorization header in clear text")
                    .hasStackTraceContaining("Use an https:// baseUrl");
        }
        // https through the same proxy is tunnelled (CONNECT): allowed
        assertThat(context.getEndpoint(
                "cashfin-leads:create?baseUrl=https://api.cashfin.africa&proxyHost=proxy.example.com&proxyPort=3128"))
                .isNotNull();
    }

    @Test
    void plainHttpThroughALoopbackProxyStillWorks() throws Exception {
        addRoute("direct:create", "create-via-proxy", "cashfin-leads:create?proxyHost=127.0.0.1&proxyPort=" + proxy.getPort() + "&proxyUsername="
              + PROXY_USER + "&proxyPassword=RAW(" + PROXY_PASSWORD + ")");
        assertThat(send("direct:create", Map.of("name", "Jane via a local proxy")).getException()).isNull();
        assertThat(cashfin.leads()).extracting(l -> l.get("name")).containsExactly("Jane via a local proxy");
    }
}
