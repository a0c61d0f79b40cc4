package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.Endpoint;

/** What a user reads in the log when a call is retried: the HTTP method and durations such as {@code 0.38 s}. */
class RetryLogLinesTest extends SimulatorRouteSupport {

    @Test
    void aRetriedListSaysGetAndTheWaitInSeconds() {
        cashfin.failNext(1, 500, Endpoint.LIST);
        try (LogCapture logs = new LogCapture()) {
            Exchange out = send("cashfin-leads:list?plan=unlimited", null);

            assertThat(out.getException()).isNull();
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).containsPattern(
                    "Cashfin GET /business/lead/list attempt 1 failed \\(HTTP 500\\); retrying in \\d+\\.\\d\\d s$"));
            assertThat(logs.all()).doesNotContain("LIST /business").doesNotContainPattern("PT\\d");
        }
    }

    @Test
    void aRetriedCreateSaysPostAndTheServersWait() {
        cashfin.failNext(1, 503, Endpoint.CREATE);
        try (LogCapture logs = new LogCapture()) {
            Exchange out = send("cashfin-leads:create?plan=unlimited", new Lead().setName("Jane"));

            assertThat(out.getException()).isNull();
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l)
                    .endsWith("Cashfin POST /business/lead/create attempt 1 failed (HTTP 503); retrying in 1.00 s"));
            assertThat(logs.all()).doesNotContain("CREATE /business").doesNotContainPattern("PT\\d");
        }
    }
}
