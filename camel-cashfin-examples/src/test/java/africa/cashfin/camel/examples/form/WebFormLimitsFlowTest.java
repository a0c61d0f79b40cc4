package africa.cashfin.camel.examples.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * Flow 2's abuse limits through the real app: the per-client limit (by remote address, {@code X-Forwarded-For} only
 * from a trusted proxy) and the form-wide daily cap, each answered with a 429 page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebFormLimitsFlowTest {

    /** Behind a trusted proxy (the test connects from loopback): clients are told apart by X-Forwarded-For. */
    @RegisterExtension
    static final ExamplesApp BEHIND_PROXY = new ExamplesApp().with("cashfin.form.trusted-proxies", "127.0.0.1,::1")
            .with("cashfin.form.limit.per-client", "3").with("cashfin.form.limit.per-day", "8");

    /** No trusted proxy (the default): X-Forwarded-For is the client's own claim and is ignored. */
    @RegisterExtension
    static final ExamplesApp DIRECT = new ExamplesApp().with("cashfin.form.limit.per-client", "2");

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    @Order(1)
    void aClientOverItsLimitGetsA429PageWhileOtherClientsAreServed() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(post(BEHIND_PROXY, "203.0.113.7", "spam" + i).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> fourth = post(BEHIND_PROXY, "203.0.113.7", "spam4");

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("Too many messages").contains("from your address");
        assertThat(fourth.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s))
                .isPositive());
        // another client behind the same proxy is not affected; a spoofed hop left of the client changes nothing
        assertThat(post(BEHIND_PROXY, "198.51.100.20", "someone-else").statusCode()).isEqualTo(200);
        assertThat(post(BEHIND_PROXY, "10.9.9.9, 203.0.113.7", "spoofed-hop").statusCode()).isEqualTo(429);
        await().atMost(WAIT).until(() -> emails(BEHIND_PROXY).containsAll(List.of("spam1@flood.example",
                "spam3@flood.example", "someone-else@flood.example")));
        assertThat(emails(BEHIND_PROXY)).doesNotContain("spam4@flood.example", "spoofed-hop@flood.example");
    }

    /** Runs last: it spends the day's cap that the other test of this app needs. */
    @Test
    @Order(3)
    void theFormWideDailyCapStopsAcceptingSubmissionsFromAnyClient() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 1; i <= 12; i++) {
            HttpResponse<String> r = post(BEHIND_PROXY, "192.0.2." + i, "daily" + i);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && refused == null) {
                refused = r;
            }
        }

        // each client is well within its own limit: only the cap of 8 a day (4 of them spent by the first test) refuses
        assertThat(statuses).contains(429).containsOnly(200, 429);
        assertThat(statuses.subList(statuses.indexOf(429), statuses.size())).containsOnly(429);
        assertThat(refused.body()).contains("cannot take more messages today").contains("value=\"Visitor daily");
        await().atMost(WAIT).until(() -> BEHIND_PROXY.app().formQueue().pending() == 0);
        assertThat(BEHIND_PROXY.cashfin().leadCount()).isLessThanOrEqualTo(8);
    }

    @Test
    @Order(2)
    void xForwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        assertThat(post(DIRECT, "203.0.113.1", "direct1").statusCode()).isEqualTo(200);
        assertThat(post(DIRECT, "203.0.113.2", "direct2").statusCode()).isEqualTo(200);
        // a new X-Forwarded-For does not make a new client: the connection's address counts
        assertThat(post(DIRECT, "203.0.113.3", "direct3").statusCode()).isEqualTo(429);
    }

    private HttpResponse<String> post(ExamplesApp app, String forwardedFor, String who) throws Exception {
        String body = "name=Visitor+" + who + "&email=" + who + "%40flood.example&message=hello&website_url=";
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + app.setting("cashfin.form.path")))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", forwardedFor).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<Object> emails(ExamplesApp app) {
        return app.cashfin().leads().stream().map(l -> l.get("email")).toList();
    }
}
