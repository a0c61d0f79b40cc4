package africa.cashfin.camel.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.leads.testing.CamelStoppedAfterEach;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The dev console as docs/operations.md enables it: Camel Main with camel-platform-http-main, the recipe's properties as
 * the page has them (port and users file changed), then {@code curl -u ops localhost:<port>/q/dev/cashfin-leads} in
 * text and JSON.
 */
class DevConsoleOverHttpTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    @TempDir
    Path routes;

    @RegisterExtension
    final CamelStoppedAfterEach camel = new CamelStoppedAfterEach();

    @Test
    void theCashfinLeadsConsoleIsServedOnTheManagementPortWithoutTheSecret() throws Exception {
        cashfin.seedLeads(3, 7);
        int port = freePort();
        camel.main(DevConsoleRecipe.startPolling(cashfin, routes, port, "ops", "console-password"));
        await().atMost(Duration.ofSeconds(30)).until(() -> cashfin.listCalls() >= 1);

        HttpClient http = HttpClient.newHttpClient();
        URI console = URI.create("http://127.0.0.1:" + port + "/q/dev/cashfin-leads");
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("ops:console-password".getBytes());
        String[] text = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(console).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Leads: emitted 3");
            text[0] = response.body();
        });
        assertThat(text[0]).contains("Endpoint: cashfin-leads://list", "Operation: list",
                "Consumer of route poll-leads", "Rate limiter of secret#", "perMinute=60")
                .doesNotContain(cashfin.secret());

        HttpResponse<String> json = http.send(HttpRequest.newBuilder(console).header("Authorization", auth).header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).startsWith("{").contains("\"endpoints\"", "\"limiters\"")
                .doesNotContain(cashfin.secret());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
