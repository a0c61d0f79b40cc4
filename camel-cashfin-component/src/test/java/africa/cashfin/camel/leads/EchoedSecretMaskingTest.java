package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.SecretEcho;

/**
 * An API (or a gateway in debug mode) that echoes the request's Authorization header back in its error answers: in
 * the {@code errors} map, or as a bare token in a malformed body that the JSON parser quotes in its message. The secret
 * reaches no exception message, no cause, no accessor and no log line.
 */
class EchoedSecretMaskingTest extends SimulatorRouteSupport {

    private static final String OPTIONS = "plan=unlimited&maxRetries=0";
    private static final String MISTYPED = "cs_live_Mistyped0000SecretValue42";

    @Test
    void secretsEchoedInTheErrorsMapAreMasked() {
        cashfin.secretEcho(SecretEcho.ERRORS).failNext(1, 422, Endpoint.CREATE);

        Exchange rejected = send("cashfin-leads:create?" + OPTIONS, new Lead().setName("Jane"));
        Exchange wrongSecret = send("cashfin-leads:list?" + OPTIONS + "&clientSecret=RAW(" + MISTYPED + ")", null);

        CashfinApiException e422 = rejected.getException(CashfinApiException.class);
        assertThat(e422).isNotNull().hasMessageContaining("Field errors").hasMessageContaining("authorization");
        assertThat(e422.getStatusCode()).isEqualTo(422);
        assertThat(e422.getErrors()).containsEntry("authorization", "received xxxxxx")
                .containsEntry("name", "Simulated validation failure");
        CashfinApiException e401 = wrongSecret.getException(CashfinApiException.class);
        assertThat(e401).isNotNull().hasMessageContaining("HTTP 401");
        assertThat(e401.getErrors()).containsEntry("authorization", "received xxxxxx");
        assertNoSecretIn(rejected, wrongSecret);
    }

    @Test
    void secretsEchoedInAMalformedBodyAreMaskedInTheParsersMessageAndTheCause() {
        cashfin.secretEcho(SecretEcho.MALFORMED).failNext(1, 400, Endpoint.LIST).failNext(1, 502, Endpoint.CREATE);

        Exchange listed = send("cashfin-leads:list?" + OPTIONS, null);
        Exchange created = send("cashfin-leads:create?" + OPTIONS, new Lead().setName("Jane"));

        for (Exchange e : List.of(listed, created)) {
            CashfinApiException error = e.getException(CashfinApiException.class);
            assertThat(error).isNotNull().hasMessageContaining("malformed JSON").hasMessageContaining("xxxxxx");
            assertThat(error.getResponseProblem()).contains("xxxxxx");
        }
        assertNoSecretIn(listed, created);
    }

    @Test
    void aConsumerWhosePollsFailOnEchoedSecretsLogsNoSecret() throws Exception {
        cashfin.seedLeads(3, 1);
        cashfin.secretEcho(SecretEcho.MALFORMED).failNext(2, 500, Endpoint.LIST);
        List<String> emitted = new java.util.concurrent.CopyOnWriteArrayList<>();
        String logs;
        try (LogCapture capture = new LogCapture()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("cashfin-leads:list?" + OPTIONS + "&initialDelay=0&delay=100").routeId("echo-poller")
                            .process(e -> emitted.add(e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID,
                                    String.class)));
                }
            });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> emitted.size() == 3);
            context.getRouteController().stopRoute("echo-poller");
            logs = capture.all();
        }
        assertThat(logs).contains("malformed JSON").doesNotContain(cashfin.secret());
    }

    private void assertNoSecretIn(Exchange... exchanges) {
        List<Throwable> chain = new ArrayList<>();
        for (Exchange e : exchanges) {
            for (Throwable t = e.getException(); t != null; t = t.getCause()) {
                chain.add(t);
            }
        }
        assertThat(chain).isNotEmpty();
        for (Throwable t : chain) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            assertThat(w.toString()).doesNotContain(cashfin.secret()).doesNotContain(MISTYPED);
            if (t instanceof CashfinApiException api) {
                assertThat(String.valueOf(api.getErrors())).doesNotContain(cashfin.secret()).doesNotContain(MISTYPED);
                assertThat(String.valueOf(api.getError()) + api.getApiMessage() + api.getResponseProblem())
                        .doesNotContain(cashfin.secret()).doesNotContain(MISTYPED);
            }
        }
    }
}
