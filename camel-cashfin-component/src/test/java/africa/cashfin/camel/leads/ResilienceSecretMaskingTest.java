package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.producer.BulkCreateResult;
import africa.cashfin.camel.simulator.Endpoint;

/** Retries, look-ups, 429 pauses and bulk failures never put the client secret in a log line or an exception. */
class ResilienceSecretMaskingTest extends SimulatorRouteSupport {

    @Test
    void theSecretIsInNoLogLineAndNoErrorOfTheRetryPaths() throws Exception {
        List<Exchange> exchanges = new ArrayList<>();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (LogCapture logs = new LogCapture()) {
            cashfin.failNext(1, 429, Endpoint.CREATE);
            exchanges.add(send("cashfin-leads:create?plan=unlimited", new Lead().setName("A")));
            cashfin.failNextAfterProcessing(1, 500, Endpoint.CREATE);
            exchanges.add(send("cashfin-leads:create?plan=unlimited&deduplicateBy=email",
                    new Lead().setName("B").setEmail("b@acme.example")));
            cashfin.failNextAfterProcessing(1, Fault.CONNECTION_RESET_BY_PEER, Endpoint.CREATE);
            exchanges.add(send("cashfin-leads:create?plan=unlimited", new Lead().setName("C")));
            cashfin.failNext(2, 429, Endpoint.LIST);
            exchanges.add(send("cashfin-leads:list?plan=unlimited&maxRetries=1", null));
            exchanges.add(send("cashfin-leads:create?plan=unlimited&maxRetries=1&maxRetryWait=1000&baseUrl=http://"
                               + "127.0.0.1:" + closedPort, new Lead().setName("D")));
            Exchange bulk = send("cashfin-leads:create?plan=unlimited",
                    List.of(new Lead().setName("E"), new Lead().setEmail("no-name@acme.example")));
            exchanges.add(bulk);

            // 3 failed calls and the bulk create with a failed item (BulkCreateException by default)
            assertThat(exchanges.stream().filter(e -> e.getException() != null)).hasSize(4);
            assertThat(bulk.getMessage().getBody(BulkCreateResult.class).failed()).isEqualTo(1);
            assertThat(logs.all()).contains("429").doesNotContain(cashfin.secret());
        }
        for (Exchange e : exchanges) {
            if (e.getException() != null) {
                assertThat(stackTrace(e.getException())).doesNotContain(cashfin.secret());
            }
            assertThat(String.valueOf(e.getMessage().getBody())).doesNotContain(cashfin.secret());
            assertThat(String.valueOf(e.getMessage().getHeaders())).doesNotContain(cashfin.secret());
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
