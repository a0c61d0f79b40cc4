package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import africa.cashfin.camel.leads.api.CallListener;
import africa.cashfin.camel.leads.api.CallOutcome;
import africa.cashfin.camel.leads.api.limit.ApiOperation;
import africa.cashfin.camel.leads.metrics.LeadsMetrics;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.Endpoint;

/**
 * An application's own {@link LeadsMetrics} bean (docs/operations.md, "Your own LeadsMetrics"), bound in Camel's
 * registry as a user does: the component tells it of each lead created (a lead {@code deduplicateBy} found is not
 * counted), of every call of the clients it creates (a consumer's poll answered 429 before its route emitted anything)
 * and of each lead emitted; a Micrometer registry bound next to it still records.
 */
class OwnLeadsMetricsTest extends SimulatorContextSupport {

    /** What a user's bean counts: per secret fingerprint, per event. */
    static final class Counting implements LeadsMetrics {
        final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        long get(String key) {
            AtomicLong n = counts.get(key);
            return n == null ? 0 : n.get();
        }

        private void add(String key, long n) {
            counts.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(n);
        }

        @Override
        public CallListener callListener(String secret) {
            return new CallListener() {
                @Override
                public void onCall(ApiOperation operation, CallOutcome outcome, long durationNanos) {
                    add(secret + " " + LeadsMetrics.tag(operation) + " " + outcome.tag(), 1);
                }

                @Override
                public void onLimiterWait(ApiOperation operation, long waitedNanos) {
                }
            };
        }

        @Override
        public void created(String secret, long count) {
            add(secret + " created", count);
        }

        @Override
        public void leads(String routeId, LeadOutcome outcome, long count) {
            add(routeId + " " + outcome.tag(), count);
        }
    }

    @Test
    void theBeanHearsCreatesCallsAndEmittedLeadsFromWhereTheyHappen() throws Exception {
        Counting mine = new Counting();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        newContext().getRegistry().bind("myLeadsMetrics", LeadsMetrics.class, mine);
        context.getRegistry().bind("meterRegistry", registry);
        componentConfiguration().setPlan("unlimited");
        // the consumer's first polls are answered 429: heard before its route has had any exchange
        cashfin.failNext(2, 429, Endpoint.LIST);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").routeId("create").to("cashfin-leads:create?deduplicateBy=email");
                from("cashfin-leads:list?delay=100&initialDelay=0&maxRetries=0").routeId("poll-leads").log("${body}");
            }
        });
        context.start();
        String secret = context.getEndpoint("cashfin-leads:create?deduplicateBy=email", CashfinLeadsEndpoint.class)
                .getClient().getRateLimiter().secret().toString();

        await().atMost(Duration.ofSeconds(30)).until(() -> mine.get(secret + " list 429") == 2);
        assertThat(mine.get("poll-leads emitted")).isZero();

        ProducerTemplate template = context.createProducerTemplate();
        template.sendBody("direct:create", new Lead().setName("Jane Doe").setEmail("jane@example.com"));
        // the same e-mail again: found, not created
        template.sendBody("direct:create", new Lead().setName("Jane Doe").setEmail("jane@example.com"));
        assertThat(mine.get(secret + " created")).isEqualTo(1);
        assertThat(mine.get(secret + " create 2xx")).isEqualTo(1);

        cashfin.insertLeads(List.of(Map.of("name", "Kofi Mensah")));
        await().atMost(Duration.ofSeconds(30)).until(() -> mine.get("poll-leads emitted") >= 2);
        assertThat(secret).startsWith("secret#");
        assertThat(mine.counts.keySet()).allMatch(k -> !k.contains(cashfin.secret()));
        // Micrometer's meters next to it
        assertThat(registry.get("cashfin.leads.calls").tag("operation", "list").tag("outcome", "429").timer().count())
                .isEqualTo(2);
    }

    @Test
    void besideTheBeanTheMetersCarryTheRoutesTenant() throws Exception {
        Counting mine = new Counting();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        newContext().getRegistry().bind("myLeadsMetrics", LeadsMetrics.class, mine);
        context.getRegistry().bind("meterRegistry", registry);
        componentConfiguration().setPlan("unlimited");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").routeId("create").to("cashfin-leads:create?tenantId=acme");
                from("cashfin-leads:list?tenantId=acme&delay=100&initialDelay=0").routeId("acme-leads").log("${body}");
            }
        });
        context.start();
        String secret = context.getEndpoint("cashfin-leads:create?tenantId=acme", CashfinLeadsEndpoint.class)
                .getClient().getRateLimiter().secret().toString();

        context.createProducerTemplate().sendBody("direct:create",
                new Lead().setName("Jane Doe").setEmail("jane@example.com"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mine.get("acme-leads emitted") >= 1);

        // the meters carry the route's tenant, not "none", and the bean hears as without a registry
        assertThat(registry.get("cashfin.leads.calls").tag("tenant", "acme").tag("operation", "create").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get("cashfin.leads.consumer.leads").tag("tenant", "acme").tag("outcome", "emitted")
                .counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("tenant")).isEqualTo("acme"));
        assertThat(mine.get(secret + " created")).isEqualTo(1);
        assertThat(mine.get(secret + " create 2xx")).isEqualTo(1);
        assertThat(mine.get(secret + " list 2xx")).isGreaterThanOrEqualTo(1);
    }
}
