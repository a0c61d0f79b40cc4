package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.RetryAfterFormat;
import africa.cashfin.camel.simulator.SecretEcho;

/**
 * The harsher error shapes of the simulator's strict side (issue 17), through real routes: a gateway's HTML page
 * instead of Cashfin's JSON, and {@code Retry-After} as an HTTP date from a server whose clock is far from ours (the
 * simulator runs on a manual clock in 2024).
 */
class GatewayPagesAndHttpDatesTest {

    static final Instant SERVER_NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final ManualClock SERVER_CLOCK = new ManualClock(SERVER_NOW);

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(
            CashfinSimulator.builder().clock(SERVER_CLOCK));

    CamelContext context;
    ProducerTemplate template;

    @BeforeEach
    void startCamel() {
        SERVER_CLOCK.set(SERVER_NOW);
        context = SimulatorCamel.startedContext(cashfin);
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        context.stop();
    }

    private Exchange send(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }

    @Test
    void aGatewayPageOnAListIsRetriedAndTheListSucceeds() {
        cashfin.gatewayErrorPages(true).failNext(1, 502, Endpoint.LIST);
        cashfin.insertLeads(2);
        try (LogCapture logs = new LogCapture()) {
            Exchange out = send("cashfin-leads:list?plan=unlimited", null);

            assertThat(out.getException()).isNull();
            assertThat(out.getMessage().getBody(java.util.List.class)).hasSize(2);
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).containsPattern(
                    "Cashfin GET /business/lead/list attempt 1 failed \\(HTTP 502\\); retrying in \\d+\\.\\d\\d s$"));
            assertThat(logs.all()).doesNotContain("<html").doesNotContain("<!DOCTYPE");
        }
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.SERVER_ERROR)).isEqualTo(1);
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.OK)).isEqualTo(1);
    }

    @Test
    void aGatewayPageFailsWithItsTitleNotItsMarkupAndNeverTheSecret() {
        // a gateway in debug mode prints the request's Authorization header into its page
        cashfin.gatewayErrorPages(true).secretEcho(SecretEcho.ERRORS).failNext(1, 502, Endpoint.CREATE);
        try (LogCapture logs = new LogCapture()) {
            Exchange out = send("cashfin-leads:create?plan=unlimited", new Lead().setName("Jane Smith"));

            assertThat(out.getException()).isInstanceOf(CashfinApiException.class);
            CashfinApiException e = (CashfinApiException) out.getException();
            assertThat(e.getStatusCode()).isEqualTo(502);
            assertThat(e.isServerError()).as("a 5xx: retryable for a list, a look-up first for a create").isTrue();
            assertThat(e.getResponseProblem()).isEqualTo("The response is an HTML page, not JSON (Content-Type: "
                    + "text/html; charset=utf-8), titled \"502 Bad Gateway\". A proxy or gateway in front of Cashfin"
                    + " may have answered");
            assertThat(e.getMessage()).startsWith("Cashfin POST /business/lead/create failed with HTTP 502. The response"
                    + " is an HTML page").contains("may or may not have been processed")
                    .doesNotContain("<!").doesNotContain("</").doesNotContain("<html").doesNotContain("<title")
                    .doesNotContain("{").doesNotContain("font-family")
                    .doesNotContain(cashfin.secret()).hasSizeLessThan(700);
            assertThat(logs.all()).doesNotContain(cashfin.secret());
        }
    }

    @Test
    void anHttpDateRetryAfterIsReadAgainstTheAnswersDateNotOurClock() {
        cashfin.retryAfterFormat(RetryAfterFormat.HTTP_DATE).failNext(1, 503, Endpoint.LIST);
        try (LogCapture logs = new LogCapture()) {
            Exchange out = send("cashfin-leads:list?plan=unlimited", null);

            assertThat(out.getException()).isNull();
            // Retry-After: Wed, 01 May 2024 10:00:01 GMT with Date: Wed, 01 May 2024 10:00:00 GMT: one second, although
            // that date lies years before our clock
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l)
                    .endsWith("Cashfin GET /business/lead/list attempt 1 failed (HTTP 503); retrying in 1.00 s"));
        }
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.OK)).isEqualTo(1);
    }

    @Test
    void anHttpDateRetryAfterOnA429PausesAsTheServerAsked() {
        cashfin.retryAfterFormat(RetryAfterFormat.HTTP_DATE).failNext(1, 429, Endpoint.CREATE);
        Exchange failed = send("cashfin-leads:create?plan=unlimited&maxRetries=0", new Lead().setName("Jane Smith"));

        assertThat(failed.getException()).isInstanceOf(CashfinApiException.class);
        CashfinApiException e = (CashfinApiException) failed.getException();
        assertThat(e.getRetryAfter()).contains(java.time.Duration.ofSeconds(1));
        assertThat(e.getMessage()).contains("retry after 1 s");
    }
}
