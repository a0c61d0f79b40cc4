package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.Lead;
/**
 * The {@code cashfin-leads} dev console through Camel's console API, as {@code camel get} / the HTTP console call it:
 * per endpoint the calls, the consumer's cursor, last poll and last error; per secret the limiter's state. JSON and
 * text; neither shows the secret.
 */
class DevConsoleTest extends SimulatorContextSupport {

    @Test
    void showsEndpointsConsumerAndLimiterInJsonAndTextWithoutTheSecret() throws Exception {
        cashfin.insertLeads(List.of(Map.of("name", "Ada"), Map.of("name", "Bad Lead"), Map.of("name", "Grace")));
        newContext();
        componentConfiguration().setPlan("starter");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").to("cashfin-leads:create?clientSecret=RAW(" + cashfin.secret() + ")");
                from("direct:form").to("cashfin-leads:create?budgetReserve=0.2&budgetShare=web-form");
                from("cashfin-leads:list?delay=200&initialDelay=0").routeId("poll-leads").process(e -> {
                    if (e.getMessage().getBody(Lead.class).getName().startsWith("Bad")) {
                        throw new IllegalStateException("CRM rejected the lead");
                    }
                });
            }
        });
        context.start();
        context.createProducerTemplate().sendBody("direct:create", new Lead().setName("Jane"));

        DevConsoleRegistry registry = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
        DevConsole console = registry.resolveById("cashfin-leads");
        assertThat(console).as("found by its id, from the component jar").isNotNull();
        assertThat(console.supportMediaType(DevConsole.MediaType.JSON)).isTrue();
        assertThat(console.supportMediaType(DevConsole.MediaType.TEXT)).isTrue();

        // the lead counters and the last error move while a poll runs, lastPoll is written when the poll ends: wait
        // for one reading that has all the consumer state asserted below (a reading during the first poll has the
        // counters but no lastPoll yet)
        AtomicReference<JsonObject> reading = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
            JsonObject consumer = consumerOf(json);
            assertThat(consumer.getLong("leadsEmitted")).isGreaterThanOrEqualTo(3L); // Ada, Grace, Jane
            assertThat(consumer.getLong("leadsFailed")).isGreaterThanOrEqualTo(1L);
            assertThat(consumer.getString("lastError")).contains("CRM rejected the lead");
            assertThat(consumer.get("lastPoll")).as("the figures of a poll that ended").isNotNull();
            reading.set(json);
        });

        JsonObject json = reading.get();
        JsonObject consumer = consumerOf(json);
        assertThat(consumer.getString("routeId")).isEqualTo("poll-leads");
        assertThat(consumer.getString("cursor")).isNotBlank();
        JsonObject lastPoll = (JsonObject) consumer.get("lastPoll");
        assertThat(lastPoll.getString("strategy")).isNotBlank();
        assertThat(lastPoll.getInteger("calls")).isGreaterThanOrEqualTo(1);
        assertThat(lastPoll.getInteger("pages")).isGreaterThanOrEqualTo(1);

        JsonArray endpoints = (JsonArray) json.get("endpoints");
        JsonObject create = endpoints.stream().map(JsonObject.class::cast)
                .filter(e -> "create".equals(e.getString("operation"))).findFirst().orElseThrow();
        JsonObject calls = (JsonObject) create.get("calls");
        assertThat(calls.getLong("2xx")).as("the create and the polls: one client").isGreaterThanOrEqualTo(2L);
        assertThat(create.getString("secret")).startsWith("secret#");

        JsonArray limiters = (JsonArray) json.get("limiters");
        assertThat(limiters).hasSize(1);
        JsonObject limiter = (JsonObject) limiters.get(0);
        assertThat(limiter.getString("secret")).isEqualTo(create.getString("secret"));
        assertThat(limiter.getLong("pacePercent")).isEqualTo(100L);
        assertThat(limiter.getLong("sentLastMinute")).isGreaterThanOrEqualTo(2L);
        assertThat(limiter.getLong("rateLimited")).isZero();
        assertThat(limiter.getString("limits")).contains("300");

        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertThat(create.getString("uri")).contains("clientSecret=xxxxxx");
        assertThat(text).contains("Endpoint: cashfin-leads://create").contains("Consumer of route poll-leads")
                .contains("Last poll at").contains("strategy").contains("Rate limiter of secret#")
                .contains("Last error: ").contains("CRM rejected the lead")
                .contains("Budget share: 'web-form' reserve 0.2, pool 0.800 of the budget: available")
                .contains("Budget share: pool only, pool 0.800 of the budget: "); // the 200 ms polls may wait for the pool
        assertThat(((JsonObject) create.get("budgetShare")).getDouble("pool")).isEqualTo(0.8);

        assertThat(json.toJson()).doesNotContain(cashfin.secret());
        assertThat(text).doesNotContain(cashfin.secret());
    }

    private static JsonObject consumerOf(JsonObject json) {
        return ((JsonArray) json.get("endpoints")).stream().map(JsonObject.class::cast)
                .filter(e -> e.get("consumer") != null).map(e -> (JsonObject) e.get("consumer"))
                .findFirst().orElseThrow();
    }
}
