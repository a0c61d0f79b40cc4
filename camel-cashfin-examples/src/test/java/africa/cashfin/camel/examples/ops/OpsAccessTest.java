package africa.cashfin.camel.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * The operations page on the app's defaults (no credentials): served to this machine only. From loopback the shell
 * shows every panel of the registry in order and {@code /ops/data} has one member per panel; a request forwarded by a
 * proxy on this machine that is not trusted, one whose trusted proxy reports another client, and one to the machine's
 * other address are refused with 403, without any of the page.
 */
class OpsAccessTest {

    /** A panel as another flow would bind one. */
    record Panel(String id, String title, int order, String html, Map<String, Object> data) implements OpsPanel {
    }

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.form.trusted-proxies", "10.9.9.9")
            .bind("secondPanel", new Panel("second", "Second <section>", 20, "<p id=\"second-text\">two</p>",
                    Map.of("count", 2)))
            .bind("firstPanel", new Panel("first", "First", 10, "<p data-ops-text=\"count\">?</p>",
                    Map.of("count", 1, "name", "one")));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void fromThisMachineThePageShowsEveryPanelInOrderWithTheSecurityHeaders() throws Exception {
        HttpResponse<String> page = get(APP.baseUrl() + "/ops", Map.of("X-Echo", "made up", "Cookie", "a=b"));

        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("<section id=\"first\"", "<section id=\"second\"", "Second &lt;section&gt;",
                "<p id=\"second-text\">two</p>");
        assertThat(body.indexOf("id=\"first\"")).isLessThan(body.indexOf("id=\"second\""));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors 'none'", "script-src 'nonce-", "default-src 'none'")
                .doesNotContain("unsafe-inline");
        String nonce = csp.replaceAll(".*script-src 'nonce-([^']+)'.*", "$1");
        assertThat(body).contains("<script nonce=\"" + nonce + "\">").doesNotContain("style=\"");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).contains(OpsCsrf.COOKIE + "=",
                "SameSite=Strict", "HttpOnly");
        // the page's own headers and nothing of the request: on every path, refused or not
        assertThat(page.headers().map().keySet()).map(h -> h.toLowerCase(java.util.Locale.ROOT)).allMatch(h ->
                OpsPage.ANSWER_HEADERS.contains(h) || h.equals("content-length") || h.equals("transfer-encoding"));
        for (String path : new String[] {"/ops/data", "/ops/imports/0123456789abcdef/report"}) {
            HttpResponse<String> r = get(APP.baseUrl() + path, Map.of("X-Echo", "made up"));
            assertThat(r.headers().firstValue("X-Echo")).as(path).isEmpty();
            assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("no-store");
        }
        // each page has its own nonce
        String again = get(APP.baseUrl() + "/ops", Map.of()).headers().firstValue("Content-Security-Policy")
                .orElseThrow();
        assertThat(again).isNotEqualTo(csp);
    }

    @Test
    void theDataHasOneMemberPerPanel() throws Exception {
        HttpResponse<String> data = get(APP.baseUrl() + "/ops/data", Map.of());

        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(data.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode json = new ObjectMapper().readTree(data.body());
        assertThat(json.path("first").path("count").asInt()).isEqualTo(1);
        assertThat(json.path("first").path("name").asText()).isEqualTo("one");
        assertThat(json.path("second").path("count").asInt()).isEqualTo(2);
    }

    @Test
    void aRequestForwardedByAnUntrustedProxyOnThisMachineIsRefused() throws Exception {
        for (String path : new String[] {"/ops", "/ops/data"}) {
            HttpResponse<String> r = get(APP.baseUrl() + path, Map.of("X-Forwarded-For", "203.0.113.7",
                    "Authorization", "Basic b3BzOmd1ZXNz"));
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("served to this machine only").doesNotContain("first");
            assertThat(r.headers().firstValue("Authorization")).isEmpty();
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        }
        assertThat(get(APP.baseUrl() + "/ops", Map.of("Forwarded", "for=203.0.113.7")).statusCode()).isEqualTo(403);
        // a client claiming to be local in its own header is not believed either
        assertThat(get(APP.baseUrl() + "/ops", Map.of("X-Forwarded-For", "127.0.0.1")).statusCode()).isEqualTo(403);
    }

    @Test
    void fromTheMachinesOtherAddressThePageIsRefused() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces().filter(OpsAccessTest::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        Assumptions.assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
        String base = "http://" + external.get().getHostAddress() + ":" + APP.setting("camel.server.port");

        HttpResponse<String> r = get(base + "/ops", Map.of());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("<section");
        assertThat(get(base + "/ops/data", Map.of()).statusCode()).isEqualTo(403);
        // the public form is still served there
        assertThat(get(base + APP.setting("cashfin.form.path"), Map.of()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean up(NetworkInterface n) {
        try {
            return n.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }
}
