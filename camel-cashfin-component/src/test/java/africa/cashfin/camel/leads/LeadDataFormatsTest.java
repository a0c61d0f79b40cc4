package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import africa.cashfin.camel.leads.model.Lead;

/**
 * A lead, consumed, created or listed, goes through Camel's stock data formats the way a user's first sync route
 * writes it: {@code marshal().json()} in Java and {@code marshal: {json: {}}} in YAML, with Camel's default Jackson
 * data format, no {@code ObjectMapper} bean and no Jackson module of ours on the classpath. It comes out in the API's
 * own JSON form and goes back with {@code unmarshal().json(Lead.class)}; {@code convertBodyTo(String.class)} and
 * {@code convertBodyTo(Map.class)} give the same form.
 */
class LeadDataFormatsTest extends SimulatorRouteSupport {

    private static final String UNLIMITED = "plan=unlimited";
    /** Parses the marshalled text in assertions only; never registered with Camel. */
    private static final ObjectMapper PLAIN_JSON = new ObjectMapper();

    private ConsumerTemplate consumer;

    @BeforeEach
    void plainCamel() {
        assertThat(context.getRegistry().findByType(ObjectMapper.class)).isEmpty();
        consumer = context.createConsumerTemplate();
    }

    @AfterEach
    void stopConsumerTemplate() throws Exception {
        consumer.stop();
    }

    @Test
    void theClasspathHasNoJavaTimeModuleToLeanOn() {
        assertThatThrownBy(() -> Class.forName("com.fasterxml.jackson.datatype.jsr310.JavaTimeModule"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void consumedLeadsMarshalWithTheDefaultJsonDataFormatInAJavaRoute() throws Exception {
        List<Map<String, Object>> stored = cashfin.seedLeads(3, 5);
        cashfin.updateLead((String) stored.get(0).get("_id"), "contacted");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?" + UNLIMITED + "&initialDelay=0&delay=200").routeId("leads-to-json")
                        .marshal().json()
                        .to("seda:json");
            }
        });

        List<Map<String, Object>> written = receiveJson("seda:json", 3);

        assertThat(written).hasSize(3);
        for (Map<String, Object> json : written) {
            assertApiForm(json, storedById(json.get("_id")));
        }
    }

    @Test
    void consumedLeadsMarshalInAYamlRoute() throws Exception {
        List<Map<String, Object>> stored = cashfin.seedLeads(2, 9);
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/leads-to-json.camel.yaml"));

        List<Map<String, Object>> written = receiveJson("seda:yaml-json", 2);
        assertThat(written).extracting(m -> m.get("_id"))
                .containsExactlyInAnyOrderElementsOf(stored.stream().map(m -> m.get("_id")).toList());
        for (Map<String, Object> json : written) {
            assertApiForm(json, storedById(json.get("_id")));
        }

        // and back: the YAML route's unmarshal step with unmarshalType Lead
        Lead back = template.requestBody("direct:yaml-json-to-lead", PLAIN_JSON.writeValueAsString(written.get(0)),
                Lead.class);
        assertThat(back.getId()).isEqualTo(written.get(0).get("_id"));
        assertThat(back.getCreatedat()).hasToString((String) written.get(0).get("createdat"));
    }

    @Test
    void createdAndListedLeadsRoundTripThroughTheDefaultJacksonDataFormat() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:round-trip")
                        .marshal().json(JsonLibrary.Jackson)
                        .convertBodyTo(String.class)
                        .setProperty("json", body())
                        .unmarshal().json(Lead.class);
            }
        });
        Lead created = template.requestBody("cashfin-leads:create?" + UNLIMITED,
                Map.of("name", "Kwame Mensah", "email", "kwame@sika.example", "budget", 1250.5, "source", "website"),
                Lead.class);
        cashfin.seedLeads(2, 3);
        List<?> listed = template.requestBody("cashfin-leads:list?" + UNLIMITED + "&limit=10", null, List.class);
        assertThat(listed).hasSize(3);

        List<Lead> all = new ArrayList<>();
        all.add(created);
        listed.forEach(l -> all.add((Lead) l));
        for (Lead lead : all) {
            Exchange out = template.send("direct:round-trip", e -> e.getMessage().setBody(lead));
            assertThat(out.getException()).isNull();
            assertThat(out.getMessage().getBody()).isInstanceOf(Lead.class).isEqualTo(lead);
            assertApiForm(parse(out.getProperty("json", String.class)), storedById(lead.getId()));
        }
    }

    @Test
    void convertBodyToStringAndMapGiveTheApiForm() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:to-string").to("cashfin-leads:create?" + UNLIMITED).convertBodyTo(String.class);
                from("direct:to-map").to("cashfin-leads:create?" + UNLIMITED).convertBodyTo(Map.class);
            }
        });

        String text = template.requestBody("direct:to-string", Map.of("name", "Jane Smith", "company", "Acme"),
                String.class);
        Map<?, ?> map = template.requestBody("direct:to-map", "{\"name\": \"Amina Okafor\", \"budget\": 50000}",
                Map.class);

        Map<String, Object> fromText = parse(text);
        assertApiForm(fromText, storedById(fromText.get("_id")));
        assertThat(map.get("budget")).isInstanceOf(Number.class);
        assertApiForm(new LinkedHashMap<>(cast(map)), storedById(map.get("_id")));
    }

    // ------------------------------------------------------------------ helpers

    /** The lead as the API writes it: its field names and values, timestamps as the API's ISO-8601 UTC text. */
    private static void assertApiForm(Map<String, Object> json, Map<String, Object> stored) {
        assertThat(json).as("a lead in the API's JSON form").containsKeys("_id", "name", "createdat")
                .doesNotContainKeys("id", "createdAt", "lastModified", "additionalFields");
        assertThat(json.get("createdat")).asString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        stored.forEach((field, value) -> {
            if (value == null) {
                assertThat(json).doesNotContainKey(field);
            } else if (value instanceof Number n) {
                assertThat(new java.math.BigDecimal(json.get(field).toString()))
                        .isEqualByComparingTo(new java.math.BigDecimal(n.toString()));
            } else {
                assertThat(json.get(field)).as(field).isEqualTo(value);
            }
        });
        assertThat(json.keySet()).isSubsetOf(stored.keySet());
    }

    private List<Map<String, Object>> receiveJson(String uri, int count) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = consumer.receiveBody(uri, 20_000, String.class);
            assertThat(body).as("lead %s of %s written by the route (see the log for its failure)", i + 1, count)
                    .isNotNull();
            out.add(parse(body));
        }
        return out;
    }

    private Map<String, Object> storedById(Object id) {
        return cashfin.leads().stream().filter(l -> l.get("_id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no stored lead " + id));
    }

    private static Map<String, Object> parse(String json) throws Exception {
        return PLAIN_JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
