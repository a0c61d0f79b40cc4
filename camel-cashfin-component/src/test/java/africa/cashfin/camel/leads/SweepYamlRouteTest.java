package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The docs' qualified-leads route (docs/component.md, "The view is the contract"), as a user runs it: YAML, the secret
 * from {@code {{env:CASHFIN_CLIENT_SECRET}}} (set by surefire to the simulator's secret), Camel's json data format, the
 * default Free plan. Leads qualified after they were created reach the route once, marked as emitted by the sweep.
 */
class SweepYamlRouteTest extends SimulatorContextSupport {

    private static Map<String, Object> lead(String name, String status, Instant createdat) {
        return Map.of("name", name, "email", name.toLowerCase().replace(' ', '.') + "@example.com", "status", status,
                      "createdat", createdat);
    }

    @Test
    void leadsQualifiedAfterCreationReachTheRouteOnceMarkedAsSweep() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 20; i++) {
            cashfin.addLead(lead("Qualified " + i, "qualified", now.minus(Duration.ofMinutes(40 - 2 * i))));
        }
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            later.add((String) cashfin.addLead(lead("Later " + i, "new", now.minus(Duration.ofMinutes(10)).plusMillis(i)))
                    .get("_id"));
        }
        newContextWithBaseUrlOnly(); // in an application: camel.component.cashfin-leads.base-url
        Properties properties = new Properties();
        properties.setProperty("leads.delay", "300");
        context.getPropertiesComponent().setInitialProperties(properties);
        addRoute("direct:push-to-hubspot", "hubspot", "mock:hubspot");
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/qualified-leads.camel.yaml"));
        context.start();
        MockEndpoint hubspot = context.getEndpoint("mock:hubspot", MockEndpoint.class);

        await().atMost(Duration.ofSeconds(30)).until(() -> hubspot.getReceivedCounter() >= 20);
        later.forEach(id -> cashfin.updateLead(id, "qualified"));
        await().atMost(Duration.ofSeconds(30)).until(() -> hubspot.getReceivedCounter() >= 30);
        long listCalls = cashfin.listCalls();
        await().atMost(Duration.ofSeconds(30)).until(() -> cashfin.listCalls() >= listCalls + 5); // five more polls

        List<String> ids = new ArrayList<>();
        List<String> bySweep = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Exchange e : hubspot.getReceivedExchanges()) {
            String id = (String) json.readValue(e.getMessage().getBody(String.class), Map.class).get("_id");
            ids.add(id);
            if ("sweep".equals(e.getMessage().getHeader("CamelCashfinEmittedBy"))) {
                bySweep.add(id);
            }
        }
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();
        assertThat(bySweep).containsExactlyInAnyOrderElementsOf(later);
    }
}
