package africa.cashfin.camel.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.simulator.CashfinSimulator;

/**
 * The security review's attack on the dev console (issue 19, finding 1), against the recipe of docs/operations.md as
 * copied (port and users file changed): camel-console is on this module's test classpath, so Camel's {@code send}
 * console exists; the review wrote a file with {@code GET /q/dev/send?endpoint=file:...} and no credentials.
 */
class DevConsoleRecipeAttacksTest {

    @TempDir
    static Path dir;

    private static CashfinSimulator cashfin;
    private static Main main;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheRecipe() throws Exception {
        cashfin = CashfinSimulator.builder().start();
        port = ExamplesApp.freePort();
        main = DevConsoleRecipe.startPolling(cashfin, dir, port, "ops", "console-password");
        // the console answers (with the password) before any attack is judged
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/q/dev/cashfin-leads", "ops:console-password")
                .statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        if (cashfin != null) {
            cashfin.stop();
        }
    }

    @Test
    void anAuthenticatedSendToAFileEndpointWritesNothing() throws Exception {
        Path target = dir.resolve("written-by-send");
        HttpResponse<String> answer = get(sendTo(target), "ops:console-password");

        assertThat(answer.body()).contains("Developer Console not found: send");
        assertThat(target).doesNotExist();
        HttpResponse<String> index = get("/q/dev", "ops:console-password");
        assertThat(index.body()).contains("cashfin-leads").doesNotContain("send", "receive", "browse", "properties");
    }

    @Test
    void aSendWithoutOrWithAWrongPasswordIsRefusedWith401() throws Exception {
        Path target = dir.resolve("written-anonymously");

        assertThat(get(sendTo(target), null).statusCode()).isEqualTo(401);
        assertThat(get(sendTo(target), "ops:guess").statusCode()).isEqualTo(401);
        assertThat(get("/q/dev/cashfin-leads", null).statusCode()).isEqualTo(401);
        assertThat(target).doesNotExist();
    }

    @Test
    void thePortDoesNotAnswerOnTheMachinesOtherAddresses() throws Exception {
        InetAddress external = NetworkInterface.networkInterfaces().filter(DevConsoleRecipeAttacksTest::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst()
                .orElseThrow(() -> new IllegalStateException("This test needs a non-loopback IPv4 address"));

        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(external, port), 2000);
            }
        }).isInstanceOf(ConnectException.class);
        // while on loopback it answers
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            assertThat(s.isConnected()).isTrue();
        }
    }

    private static boolean up(NetworkInterface n) {
        try {
            return n.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    private static String sendTo(Path target) {
        String endpoint = "file:" + target.getParent() + "?fileName=" + target.getFileName();
        return "/q/dev/send?endpoint=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8) + "&body=owned";
    }

    private static HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
