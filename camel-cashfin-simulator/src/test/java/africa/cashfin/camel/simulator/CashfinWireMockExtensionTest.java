package africa.cashfin.camel.simulator;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator loaded into a plain WireMockServer by class name, exactly as WireMock's standalone runner does for
 * {@code --extensions africa.cashfin.camel.simulator.CashfinWireMockExtension}; configured by system properties.
 */
class CashfinWireMockExtensionTest {

    private static final String SECRET = "cs_test_wiremock_runner_1";

    private WireMockServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private Http startWithProperties(Map<String, String> properties) {
        properties.forEach(System::setProperty);
        try {
            server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                    .extensions("africa.cashfin.camel.simulator.CashfinWireMockExtension"));
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
        server.start();
        return new Http("http://127.0.0.1:" + server.port(), SECRET);
    }

    @Test
    @SuppressWarnings("unchecked")
    void servesCreateListAuthAndAdminWithoutMappingFiles() {
        Http http = startWithProperties(Map.of("cashfin.secrets", "cs_other," + SECRET, "cashfin.seed", "3"));

        HttpResponse<String> created = http.create("{\"name\":\"Amara Obi\",\"email\":\"amara@example.com\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = (String) ((Map<String, Object>) Http.json(created).get("data")).get("_id");

        HttpResponse<String> listed = http.list("limit=10");
        assertThat(listed.statusCode()).isEqualTo(200);
        List<Map<String, Object>> data = (List<Map<String, Object>>) Http.json(listed).get("data");
        assertThat(data).hasSize(4);
        assertThat(data.get(0)).containsEntry("_id", id).containsEntry("name", "Amara Obi");

        HttpResponse<String> anonymous = Http.send(http.request("/business/lead/list", null).GET());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> wrongSecret = Http.send(http.request("/business/lead/list", "cs_wrong").GET());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);

        Map<String, Object> stats = Http.json(http.adminGet("/stats"));
        assertThat(stats).containsEntry("leads", 4);
        Map<String, Object> list = (Map<String, Object>) ((Map<String, Object>) stats.get("requests")).get("list");
        assertThat(list).containsEntry("ok", 1).containsEntry("total", 3);

        HttpResponse<String> unknown = Http.send(http.request("/business/nope", SECRET).GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown)).containsEntry("error", "Route not found");

        // WireMock's own request journal sees the Cashfin traffic
        assertThat(server.getAllServeEvents()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    @SuppressWarnings("unchecked")
    void stubsSurviveWireMockResetAndAdminSwitchesWork() {
        Http http = startWithProperties(Map.of("cashfin.secrets", SECRET, "cashfin.plan", "free"));
        Map<String, Object> plan = (Map<String, Object>) Http.json(http.adminGet("/switches")).get("plan");
        assertThat(plan).containsEntry("name", "free");

        server.resetAll();
        assertThat(http.create("{\"name\":\"After reset\"}").statusCode()).isEqualTo(201);

        assertThat(http.adminPost("/fail-next", "{\"status\": 503}").statusCode()).isEqualTo(200);
        assertThat(http.list("").statusCode()).isEqualTo(503);
        assertThat(http.list("").statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitModeAndJitterFromProperties() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("cashfin.rateLimitMode", "sliding");
        properties.setProperty("cashfin.latencyJitter", "1-6");
        properties.setProperty("cashfin.jitterSeed", "3");
        CashfinSimulator sim = CashfinWireMockExtension.fromProperties(properties).build();
        assertThat(sim.rateLimitMode()).isEqualTo(RateLimitMode.SLIDING);
        assertThat(sim.switches()).containsEntry("latencyJitter", Map.of("minMillis", 1, "maxMillis", 6, "seed", 3L));
    }

    @Test
    void defaultsMatchTheJavaApi() {
        Http http = startWithProperties(Map.of());
        HttpResponse<String> ok = Http.send(
                http.request("/business/lead/list", CashfinSimulator.DEFAULT_SECRET).GET());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Http.json(http.adminGet("/stats"))).containsEntry("leads", 0);
    }

    @Test
    void badPropertiesGiveAClearError() {
        Properties bad = new Properties();
        bad.setProperty("cashfin.plan", "gold");
        assertThatThrownBy(() -> CashfinWireMockExtension.fromProperties(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cashfin.*")
                .hasMessageContaining("gold");

        Properties blank = new Properties();
        blank.setProperty("cashfin.secrets", "a,,b");
        assertThatThrownBy(() -> CashfinWireMockExtension.fromProperties(blank))
                .hasMessageContaining("cashfin.secrets");
    }
}
