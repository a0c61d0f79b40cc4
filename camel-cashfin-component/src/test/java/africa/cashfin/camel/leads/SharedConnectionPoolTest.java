package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * Many tenants in one JVM (issue 24): the clients of one base URL share one connection pool and one idle-connection
 * eviction thread whatever their secret, and each request still carries its own tenant's secret.
 */
class SharedConnectionPoolTest {

    private static final String SECRET_A = "cs_tenant_a_5f1e0c2b";
    private static final String SECRET_B = "cs_tenant_b_93d7a4e6";

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder()
            .secrets(SECRET_A, SECRET_B).requestJournal(1_000));

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private static Set<Thread> evictionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("idle-connection-evictor")).collect(Collectors.toSet());
    }

    @Test
    void twoSecretsOnOnePooledConnectionEachRequestCarriesItsOwnSecret() throws Exception {
        Set<Thread> evictorsBefore = evictionThreads();
        context = new DefaultCamelContext();
        // as an application sets it once: the base URL; each tenant's route names its secret. One connection in the
        // pool: the two tenants' requests take turns on the same kept-alive connection
        SimulatorCamel.configuration(context).setBaseUrl(cashfin.baseUrl());
        SimulatorCamel.configuration(context).setMaxConnections(1);
        SimulatorCamel.configuration(context).setPlan("unlimited");
        context.start();
        ProducerTemplate template = context.createProducerTemplate();

        for (int i = 0; i < 10; i++) {
            for (String[] tenant : List.of(new String[] { SECRET_A, "tenant-a" }, new String[] { SECRET_B, "tenant-b" })) {
                Exchange exchange = template.send("cashfin-leads:list?clientSecret=" + tenant[0] + "&source="
                                                  + tenant[1], e -> e.getMessage().setBody(null));
                assertThat(exchange.getException()).isNull();
            }
        }

        List<ServeEvent> lists = cashfin.wireMockServer().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().contains("/business/lead/list")).toList();
        assertThat(lists).hasSize(20);
        for (ServeEvent e : lists) {
            String source = e.getRequest().queryParameter("source").firstValue();
            String expected = source.equals("tenant-a") ? SECRET_A : SECRET_B;
            assertThat(e.getRequest().getHeader("Authorization")).as("the secret of the request for %s", source)
                    .isEqualTo(expected);
        }
        Set<Thread> evictors = evictionThreads();
        evictors.removeAll(evictorsBefore);
        assertThat(evictors).as("idle-connection eviction threads the two tenants added").hasSize(1);
    }
}
