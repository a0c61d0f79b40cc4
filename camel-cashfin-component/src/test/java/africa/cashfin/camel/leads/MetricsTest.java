package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import africa.cashfin.camel.leads.metrics.LeadsMetrics;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.Endpoint;

/**
 * Metrics as an operator sees them: a {@code SimpleMeterRegistry} bound in Camel's registry gets the calls by operation
 * and outcome, the limiter wait, the consumer's leads by outcome and its polls; JMX (camel-management on the
 * classpath) shows the same counters as attributes of the endpoint and consumer MBeans. No meter or attribute shows
 * the secret.
 */
class MetricsTest extends SimulatorContextSupport {

    private CamelContext start(MeterRegistry registry, String name) throws Exception {
        newContext().setManagementName(name);
        if (registry != null) {
            context.getRegistry().bind("meterRegistry", registry);
        }
        componentConfiguration().setPlan("unlimited");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").routeId("create").to("cashfin-leads:create");
                from("direct:wrong-secret").to("cashfin-leads:create?clientSecret=cs_NotTheRightOne123&maxRetries=0");
                from("direct:nowhere").to("cashfin-leads:create?baseUrl=http://127.0.0.1:1&maxRetries=0");
                from("cashfin-leads:list?delay=100&initialDelay=0").routeId("poll-leads")
                        .process(e -> {
                            if (e.getMessage().getBody(Lead.class).getName().startsWith("Bad")) {
                                throw new IllegalStateException("no");
                            }
                        });
            }
        });
        context.start();
        return context;
    }

    @Test
    void callsLeadsAndPollsAreMeteredAndShownInJmx() throws Exception {
        cashfin.insertLeads(List.of(Map.of("name", "Good One"), Map.of("name", "Bad One"), Map.of("name", "Good Two")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        start(registry, "cashfin-metrics-test");
        ProducerTemplate template = context.createProducerTemplate();

        // the consumer: two leads delivered, one failing in the route
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(counter(registry, "cashfin.leads.consumer.leads", "outcome", "emitted")).isEqualTo(2);
            assertThat(counter(registry, "cashfin.leads.consumer.leads", "outcome", "failed")).isGreaterThanOrEqualTo(1);
        });
        assertThat(registry.get("cashfin.leads.consumer.poll").tag("routeId", "poll-leads").tag("result", "success")
                .timer().count()).isGreaterThanOrEqualTo(1);

        // create: 2xx; a 5xx retried then 2xx; 401 with a wrong secret; a refused connection
        assertThat(template.send("direct:create", e -> e.getMessage().setBody(new Lead().setName("Jane")))
                .getException()).isNull();
        cashfin.failNext(1, 503, Endpoint.LIST);
        long listedBefore = calls(registry, "list", "2xx");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(calls(registry, "list", "5xx")).isEqualTo(1);
            assertThat(calls(registry, "list", "2xx")).as("the retry, and later polls").isGreaterThan(listedBefore);
        });
        assertThat(template.send("direct:wrong-secret", e -> e.getMessage().setBody(new Lead().setName("Jo")))
                .getException()).hasMessageContaining("HTTP 401");
        assertThat(template.send("direct:nowhere", e -> e.getMessage().setBody(new Lead().setName("Jo")))
                .getException()).hasMessageContaining("could not connect");

        assertThat(calls(registry, "create", "2xx")).isEqualTo(1);
        assertThat(calls(registry, "create", "4xx")).isEqualTo(1);
        assertThat(calls(registry, "create", "transport")).isEqualTo(1);
        Timer waits = registry.get("cashfin.leads.limiter.wait").tag("operation", "create")
                .tag("secret", cashfinSecretTag()).timer();
        assertThat(waits.count()).as("one limiter wait per attempt").isGreaterThanOrEqualTo(2);
        // without a tenantId an endpoint's tenant is its secret's fingerprint (docs/tenants.md), on every meter
        assertThat(waits.getId().getTag("tenant")).isEqualTo(cashfinSecretTag());
        assertThat(registry.get("cashfin.leads.consumer.leads").tag("tenant", cashfinSecretTag())
                .tag("outcome", "emitted").counter().count()).as("Good One, Good Two, then Jane")
                .isGreaterThanOrEqualTo(2);
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("tenant")).as(m.getId().toString())
                .startsWith("secret#"));

        // no meter names or tags the secret
        registry.getMeters().forEach(m -> assertThat(m.getId().toString()).doesNotContain(cashfin.secret())
                .doesNotContain("cs_NotTheRightOne123"));

        // JMX: the same counters as attributes of the consumer and endpoint MBeans
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName consumer = only(server.queryNames(new ObjectName(
                "org.apache.camel:context=cashfin-metrics-test,type=consumers,name=CashfinLeadsConsumer*"), null));
        assertThat((Long) server.getAttribute(consumer, "LeadsEmitted")).as("Good One, Good Two, then Jane")
                .isGreaterThanOrEqualTo(2L);
        assertThat((Long) server.getAttribute(consumer, "LeadsFailed")).isGreaterThanOrEqualTo(1L);
        assertThat((Long) server.getAttribute(consumer, "Polls")).isGreaterThanOrEqualTo(1L);
        assertThat(server.getAttribute(consumer, "LeadsMalformed")).isEqualTo(0L);
        assertThat((String) server.getAttribute(consumer, "LastLeadsError")).contains("IllegalStateException: no");
        ObjectName createEndpoint = only(server.queryNames(new ObjectName(
                "org.apache.camel:context=cashfin-metrics-test,type=endpoints,*"), null).stream()
                .filter(n -> n.getKeyProperty("name").contains("cashfin-leads://create")
                             && !n.getKeyProperty("name").contains("?"))
                .collect(java.util.stream.Collectors.toSet()));
        assertThat((Long) server.getAttribute(createEndpoint, "CallsSucceeded")).isGreaterThanOrEqualTo(3L);
        assertThat(server.getAttribute(createEndpoint, "CallsServerError")).isEqualTo(1L);
        assertThat(server.getAttribute(createEndpoint, "CallsTransportFailed")).isEqualTo(0L);
        assertThat((Long) server.getAttribute(createEndpoint, "LimiterWaitMillis")).isGreaterThanOrEqualTo(0L);
    }

    @Test
    void malformedRecordsAreCountedOnceEach() throws Exception {
        cashfin.malformedRecords(3);
        cashfin.insertLeads(9);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        start(registry, "cashfin-malformed-test");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(counter(registry, "cashfin.leads.consumer.leads", "outcome", "malformed"))
                    .isEqualTo(cashfin.malformedLeadIds().size()).isPositive();
            assertThat(polls(registry)).isPositive();
        });
        // later polls read the same records again: still counted once
        long polls = polls(registry);
        await().atMost(Duration.ofSeconds(30)).until(() -> polls(registry) >= polls + 2);
        assertThat(counter(registry, "cashfin.leads.consumer.leads", "outcome", "malformed"))
                .isEqualTo(cashfin.malformedLeadIds().size());
        ObjectName consumer = only(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(
                "org.apache.camel:context=cashfin-malformed-test,type=consumers,name=CashfinLeadsConsumer*"), null));
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(consumer, "LeadsMalformed"))
                .isEqualTo((long) cashfin.malformedLeadIds().size());
    }

    @Test
    void withoutAMeterRegistryThereAreNoMetricsAndTheComponentWorks() throws Exception {
        start(null, "cashfin-no-metrics-test");
        assertThat(context.getComponent("cashfin-leads", CashfinLeadsComponent.class).metrics())
                .isSameAs(LeadsMetrics.NONE);
        assertThat(context.createProducerTemplate().send("direct:create",
                e -> e.getMessage().setBody(new Lead().setName("Jane"))).getException()).isNull();
    }

    private String cashfinSecretTag() {
        return africa.cashfin.camel.leads.api.limit.SecretFingerprint.of(cashfin.secret()).toString();
    }

    private static double counter(MeterRegistry registry, String name, String tag, String value) {
        Counter c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    private static long calls(MeterRegistry registry, String operation, String outcome) {
        return registry.find("cashfin.leads.calls").tag("operation", operation).tag("outcome", outcome).timers()
                .stream().mapToLong(Timer::count).sum();
    }

    private static long polls(MeterRegistry registry) {
        return registry.find("cashfin.leads.consumer.poll").timers().stream().mapToLong(Timer::count).sum();
    }

    private static ObjectName only(Set<ObjectName> names) {
        assertThat(names).hasSize(1);
        return names.iterator().next();
    }
}
