package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.Endpoint;

/**
 * What a user reads in the log when a call is retried: one INFO line when calls start failing and one when they work
 * again, with the count; each attempt (HTTP method, durations such as {@code 0.38 s}) at DEBUG.
 */
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

    @Test
    void anOutageIsOneLineWhenItStartsAndOneWhenItEndsWithTheCountsEachAttemptAtDebug() {
        cashfin.failNext(4, 500, Endpoint.LIST);
        try (LogCapture logs = new LogCapture()) {
            Exchange first = send("cashfin-leads:list?plan=unlimited&maxRetries=2", null);
            Exchange second = send("cashfin-leads:list?plan=unlimited&maxRetries=2", null);

            assertThat(first.getException()).as("3 attempts, all failed").isNotNull();
            assertThat(second.getException()).isNull();
            // distinct: the capture sees an event once per logger configuration it passes
            List<String> client = logs.levelledLines().stream().distinct()
                    .filter(l -> l.contains(" " + CashfinClient.class.getName() + " ")).toList();
            assertThat(client.stream().filter(l -> !l.startsWith("DEBUG")).toList()).satisfiesExactly(
                    l -> assertThat(l).startsWith("INFO").contains("Cashfin calls to " + cashfin.baseUrl()
                                                                   + " are failing (HTTP 500); retrying them"),
                    l -> assertThat(l).startsWith("INFO").contains("Cashfin calls to " + cashfin.baseUrl() + " work"
                                                                   + " again after").endsWith(": 3 failed attempts"
                                                                                              + " were retried meanwhile."));
            // each retried attempt at DEBUG (the first call's attempts 1 and 2, the second call's attempt 1)
            assertThat(client).anySatisfy(l -> assertThat(l).startsWith("DEBUG")
                    .contains("Cashfin GET /business/lead/list attempt 2 failed (HTTP 500); retrying in "));
        }
    }
}
