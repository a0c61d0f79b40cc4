package africa.cashfin.camel.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.examples.app.CashfinExamplesApp;
import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * The operations page opened to other machines ({@code cashfin.ops.allow-remote=true}) with credentials, as an
 * operator configures it: without them or with wrong ones every path is refused with 401 (the browser is asked for
 * basic authentication), with the user name and password or the token it is served; without any credentials the app
 * does not start.
 */
class OpsCredentialsTest {

    static final String USER = "ops";
    static final String PASSWORD = "correct horse battery";
    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.ops.allow-remote", "true")
            .with("cashfin.ops.username", USER).with("cashfin.ops.password", PASSWORD)
            .with("cashfin.ops.token", TOKEN);

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void withoutOrWithWrongCredentialsEveryPathIsRefusedWith401() throws Exception {
        for (String path : new String[] {"/ops", "/ops/data"}) {
            HttpResponse<String> none = get(path, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains(
                    "Basic realm=\"cashfin-ops\", charset=\"UTF-8\"");
            assertThat(none.body()).doesNotContain("<section").doesNotContain("{");
            assertThat(get(path, basic(USER, "wrong password!")).statusCode()).isEqualTo(401);
            assertThat(get(path, basic("admin", PASSWORD)).statusCode()).isEqualTo(401);
            assertThat(get(path, "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
            assertThat(get(path, "Basic not-base64!").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void withTheUserNameAndPasswordOrTheTokenThePageIsServed() throws Exception {
        HttpResponse<String> page = get("/ops", basic(USER, PASSWORD));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Cashfin operations</h1>").doesNotContain(PASSWORD)
                .doesNotContain(TOKEN);
        assertThat(page.headers().firstValue("Authorization")).isEmpty();
        assertThat(get("/ops/data", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void servedToOtherMachinesWithoutCredentialsTheAppDoesNotStart() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("cashfin.work-dir", work.toString());
        o.put("camel.server.port", String.valueOf(ExamplesApp.freePort()));
        o.put("cashfin.ops.allow-remote", "true");
        assertThatThrownBy(() -> new CashfinExamplesApp(o).start()).hasStackTraceContaining(
                "The operations page (/ops) is set to be served to other machines").hasStackTraceContaining(
                "There is no default password");

        o.put("cashfin.ops.username", USER);
        assertThatThrownBy(() -> new CashfinExamplesApp(o).start()).hasStackTraceContaining(
                "needs both cashfin.ops.username (CASHFIN_OPS_USERNAME) and cashfin.ops.password");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(APP.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
