package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The secret echo switch: error answers that carry the request's Authorization header back. */
class SecretEchoTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    private Http http() {
        return new Http(cashfin.baseUrl(), cashfin.secret());
    }

    @Test
    @SuppressWarnings("unchecked")
    void errorsModePutsTheHeaderIntoTheErrorsMapOfEveryErrorAnswer() {
        cashfin.secretEcho(SecretEcho.ERRORS).failNext(1, 422);

        HttpResponse<String> rejected = http().create("{\"name\":\"A\"}");
        HttpResponse<String> wrongSecret = new Http(cashfin.baseUrl(), "cs_mistyped").list("");
        HttpResponse<String> fine = http().list("");

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat((Map<String, Object>) Http.json(rejected).get("errors"))
                .containsEntry("name", "Simulated validation failure")
                .containsEntry("authorization", "received " + cashfin.secret());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat((Map<String, Object>) Http.json(wrongSecret).get("errors"))
                .containsEntry("authorization", "received cs_mistyped");
        assertThat(Http.json(wrongSecret)).containsEntry("message", "Unauthorized access!");
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(fine.body()).doesNotContain(cashfin.secret());
    }

    @Test
    void malformedModeAnswersErrorsWithTheHeaderAsABareToken() {
        cashfin.secretEcho(SecretEcho.MALFORMED).failNext(1, 429);

        HttpResponse<String> limited = http().list("");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(limited.body()).isEqualTo(
                "{\"success\":false,\"error\":\"Invalid request\",\"received\":" + cashfin.secret() + "}");
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void theAdminApiFlipsItAndResetTurnsItOff() {
        http().adminPost("/secret-echo", "{\"mode\":\"errors\"}");
        assertThat(cashfin.switches()).containsEntry("secretEcho", "errors");
        cashfin.reset();
        assertThat(cashfin.switches()).containsEntry("secretEcho", "off");
        assertThatThrownBy(() -> SecretEcho.parse("loud")).hasMessageContaining("off, errors or malformed");
    }
}
