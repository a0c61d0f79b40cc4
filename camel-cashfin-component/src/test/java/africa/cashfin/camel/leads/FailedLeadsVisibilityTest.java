package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The failed leads that wait out a retry apart from the cursor (the retry ledger) as an operator sees them: how many,
 * and when the next may be offered again, in JMX (through the MBean server), in Micrometer gauges and in the
 * {@code cashfin-leads} dev console (through Camel's console registry); all back to none once the lead is delivered.
 */
class FailedLeadsVisibilityTest extends SimulatorContextSupport {

    @Test
    void theRetryLedgerIsShownInJmxMetricsAndTheDevConsole() throws Exception {
        cashfin.seedLeads(30, 89, Duration.ofMinutes(1));
        String refused = cashfin.leads().stream()
                .min(Comparator.comparing((Map<String, Object> l) -> (String) l.get("createdat"))).orElseThrow()
                .get("_id").toString();
        AtomicBoolean crmRefuses = new AtomicBoolean(true);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        newContext().setManagementName("cashfin-failed-leads-test");
        context.getRegistry().bind("meterRegistry", registry);
        componentConfiguration().setPlan("unlimited");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?delay=100&initialDelay=0&failedLeadRetryDelay=5s&sweepEnabled=false")
                        .routeId("to-crm")
                        .process(e -> {
                            if (crmRefuses.get() && refused.equals(e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID))) {
                                throw new IllegalStateException("CRM refuses the lead");
                            }
                        })
                        .to("mock:crm");
            }
        });
        Instant started = Instant.now();
        context.start();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName consumer = only(server.queryNames(new ObjectName(
                "org.apache.camel:context=cashfin-failed-leads-test,type=consumers,name=CashfinLeadsConsumer*"), null));
        DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("cashfin-leads");

        // refused once: it waits out its 5 s retry delay in the ledger
        // (JMX and the gauges are set one after the other at the end of a poll: wait for both)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(server.getAttribute(consumer, "FailedLeadsWaiting")).isEqualTo(1);
            assertThat(registry.find("cashfin.leads.consumer.failed.waiting").gauge()).isNotNull();
            assertThat(gauge(registry, "cashfin.leads.consumer.failed.waiting")).isEqualTo(1);
        });
        Instant nextRetry = Instant.parse((String) server.getAttribute(consumer, "NextFailedLeadRetry"));
        assertThat(nextRetry).isAfter(started.plusSeconds(4)).isBefore(Instant.now().plusSeconds(6));
        assertThat(gauge(registry, "cashfin.leads.consumer.failed.next.retry")).isEqualTo(nextRetry.getEpochSecond());
        JsonObject failed = (JsonObject) consumer(console).get("failedLeads");
        assertThat(failed.getInteger("waiting")).isEqualTo(1);
        assertThat(failed.getString("nextRetry")).isEqualTo(nextRetry.toString());
        assertThat((String) console.call(DevConsole.MediaType.TEXT))
                .contains("Failed leads waiting for a retry: 1 (next retry at " + nextRetry + ")");

        // the CRM takes it: the ledger empties, everywhere
        crmRefuses.set(false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(server.getAttribute(consumer, "FailedLeadsWaiting")).isEqualTo(0);
            assertThat(gauge(registry, "cashfin.leads.consumer.failed.waiting")).isZero();
            assertThat(gauge(registry, "cashfin.leads.consumer.failed.next.retry")).isEqualTo(-1);
        });
        assertThat(server.getAttribute(consumer, "NextFailedLeadRetry")).isNull();
        failed = (JsonObject) consumer(console).get("failedLeads");
        assertThat(failed.getInteger("waiting")).isZero();
        assertThat(failed.get("nextRetry")).isNull();
        assertThat((String) console.call(DevConsole.MediaType.TEXT)).contains("Failed leads waiting for a retry: 0\n");
        assertThat(context.getEndpoint("mock:crm", org.apache.camel.component.mock.MockEndpoint.class)
                .getReceivedCounter()).isEqualTo(30);
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).tag("routeId", "to-crm").gauge().value();
    }

    private static JsonObject consumer(DevConsole console) {
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        return ((JsonArray) json.get("endpoints")).stream().map(JsonObject.class::cast)
                .filter(e -> e.get("consumer") != null).map(e -> (JsonObject) e.get("consumer"))
                .findFirst().orElseThrow();
    }

    private static ObjectName only(Set<ObjectName> names) {
        assertThat(names).hasSize(1);
        return names.iterator().next();
    }
}
