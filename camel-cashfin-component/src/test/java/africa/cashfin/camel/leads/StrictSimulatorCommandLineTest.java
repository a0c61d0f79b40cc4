package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.ConsumerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.testing.SimulatorProcess;

/**
 * docs/simulator.md, "Try your route against the strict server", as a user does it: the standalone simulator started
 * in its own process with the documented strict-server flags, the section's YAML route
 * (src/test/resources/routes/strict-simulator.camel.yaml) in Camel Main with the settings the banner prints, failures
 * injected over the admin API and leads created over the API while the route runs.
 */
class StrictSimulatorCommandLineTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SimulatorProcess simulator;
    private Main main;

    @AfterEach
    void stop() throws InterruptedException {
        if (main != null) {
            main.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    /** {@code java -jar ...-standalone.jar ARGS}: the same main class, run from the test classpath. */
    private String startSimulator(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                "africa.cashfin.camel.simulator.CashfinSimulatorMain"));
        command.addAll(List.of(args));
        simulator = SimulatorProcess.start(command.toArray(String[]::new));
        return simulator.baseUrl(Duration.ofSeconds(60));
    }

    private static HttpResponse<String> post(String url, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDocumentedRouteGetsEveryLeadOnceFromTheStrictStandaloneSimulator() throws Exception {
        String base = startSimulator("--port", "0", "--seed", "45", "--shuffle-ties", "7", "--late-visibility", "1000",
                "--gateway-error-pages", "--retry-after", "http-date");
        String secret = CashfinSimulator.DEFAULT_SECRET;
        // the failures are queued before the route's first poll, so they meet its first list calls
        String admin = base + "/__cashfin";
        assertThat(post(admin + "/fail-next", "{\"count\":1,\"status\":502,\"endpoint\":\"list\"}", null).statusCode())
                .isEqualTo(200);
        assertThat(post(admin + "/fail-next", "{\"count\":1,\"status\":429,\"endpoint\":\"list\"}", null).statusCode())
                .isEqualTo(200);

        Properties properties = new Properties(); // application.properties, with the banner's values
        properties.setProperty("camel.component.cashfin-leads.base-url", base);
        properties.setProperty("camel.component.cashfin-leads.client-secret", secret);
        properties.setProperty("camel.component.cashfin-leads.plan", "unlimited");
        properties.setProperty("camel.main.routes-include-pattern", "classpath:routes/strict-simulator.camel.yaml");
        main = new Main();
        main.setInitialProperties(properties);
        try (LogCapture logs = new LogCapture()) {
            main.start();
            ConsumerTemplate leads = main.getCamelContext().createConsumerTemplate();
            List<String> ids = new CopyOnWriteArrayList<>();
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                String lead = leads.receiveBody("seda:strict-leads", 200, String.class);
                if (lead != null) {
                    ids.add(json.readTree(lead).path("_id").asText());
                }
                return ids.size() >= 45;
            });
            for (int i = 0; i < 2; i++) {
                assertThat(post(base + "/business/lead/create", "{\"name\":\"Late Lead " + i + "\"}", secret).statusCode())
                        .isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                String lead = leads.receiveBody("seda:strict-leads", 200, String.class);
                if (lead != null) {
                    ids.add(json.readTree(lead).path("_id").asText());
                }
                return ids.size() >= 47;
            });
            assertThat(leads.receiveBody("seda:strict-leads", 1500, String.class)).as("nothing twice").isNull();
            assertThat(ids).doesNotHaveDuplicates().hasSize(47);
            assertThat(logs.all()).contains("HTTP 502").doesNotContain("<!DOCTYPE");
            // the component never logs the secret; Camel Main's own DEBUG dump of its properties is another matter
            assertThat(logs.levelledLines())
                    .filteredOn(l -> l.split(" ", 3)[1].startsWith("africa.cashfin") || !l.startsWith("DEBUG"))
                    .noneMatch(l -> l.contains(secret));
        }
    }
}
