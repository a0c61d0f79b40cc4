package africa.cashfin.camel.leads.kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.util.TimeUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Kamelet property that feeds an endpoint option says what the option says: its description, type, default and
 * allowed values are the component's (the catalog the build writes from the {@code @UriParam} texts, the source). A
 * Kamelet that drifts fails here, naming the property and the component's text.
 */
class KameletOptionsTest {

    private static final String CATALOG = "/META-INF/africa/cashfin/camel/leads/cashfin-leads.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??(\\w+)}}");

    /**
     * Where a Kamelet deliberately narrows an option, and why: the find-or-create action exists to find before it
     * creates, so it offers only the fields to match by and defaults to email.
     */
    private static final Map<String, String> NARROWED = Map.of(
            "cashfin-leads-find-or-create-action/deduplicateBy", "the action always finds before it creates");

    @ParameterizedTest
    @ValueSource(strings = { "cashfin-leads-source", "cashfin-leads-sink", "cashfin-leads-find-or-create-action" })
    void everyPropertyFeedingAnOptionSaysWhatTheOptionSays(String name) throws Exception {
        JsonNode options = catalog().path("properties");
        Map<String, Object> kamelet = kamelet(name);
        Map<String, Map<String, Object>> properties = properties(kamelet);
        Map<String, String> fed = fedOptions(kamelet);
        assertThat(fed).as(name + " feeds endpoint options from its properties").isNotEmpty();

        List<String> drifts = new ArrayList<>();
        fed.forEach((option, property) -> {
            JsonNode o = options.get(option);
            Map<String, Object> p = properties.get(property);
            String where = name + " property " + property;
            if (o == null) {
                drifts.add(where + " feeds '" + option + "', which is no option of the component");
                return;
            }
            if (!option.equals(property) || p == null) {
                drifts.add(where + " feeds option " + option + ": name the property after the option and define it");
                return;
            }
            String description = o.path("description").asText();
            if (!description.equals(p.get("description"))) {
                drifts.add(where + ": description must be the component's: \"" + description + "\" (was \""
                           + p.get("description") + "\")");
            }
            if (!schemaType(o).equals(p.get("type"))) {
                drifts.add(where + ": type must be " + schemaType(o) + " for the component's "
                           + o.path("type").asText() + " option (was " + p.get("type") + ")");
            }
            boolean narrowed = NARROWED.containsKey(name + "/" + option);
            if (p.containsKey("enum")) {
                List<String> allowed = new ArrayList<>();
                o.path("enum").forEach(v -> allowed.add(v.asText()));
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) p.get("enum");
                List<String> given = values.stream().map(String::valueOf).toList();
                if (narrowed ? !allowed.containsAll(given) : !given.equals(allowed)) {
                    drifts.add(where + ": enum must be the component's " + allowed + " (was " + given + ")");
                }
            }
            if (p.containsKey("default") && !narrowed && !sameDefault(o, String.valueOf(p.get("default")))) {
                drifts.add(where + ": default must be the component's " + o.path("defaultValue").asText("(none)")
                           + " (was " + p.get("default") + ")");
            }
        });
        assertThat(drifts).isEmpty();
    }

    /** The JSON-schema type a Kamelet gives an option of the component's type. */
    private static String schemaType(JsonNode option) {
        return switch (option.path("type").asText()) {
            case "boolean" -> "boolean";
            case "integer" -> "integer";
            case "number" -> "number";
            default -> "string"; // string, enum, duration (5m), object (#bean:name)
        };
    }

    private static boolean sameDefault(JsonNode option, String kameletDefault) {
        if (!option.has("defaultValue")) {
            return false;
        }
        String expected = option.get("defaultValue").asText();
        if ("duration".equals(option.path("type").asText())) {
            return TimeUtils.toMilliSeconds(kameletDefault) == TimeUtils.toMilliSeconds(expected);
        }
        if ("number".equals(option.path("type").asText())) {
            return Double.parseDouble(kameletDefault) == Double.parseDouble(expected);
        }
        return expected.equals(kameletDefault);
    }

    /** Option name to the Kamelet property its endpoint parameter reads ({@code {{name}}}, {@code {{?name}}}). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> fedOptions(Object node) {
        Map<String, String> fed = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> map) {
            Object uri = map.get("uri");
            if (uri instanceof String u && u.startsWith("cashfin-leads:") && map.get("parameters") instanceof Map) {
                ((Map<String, Object>) map.get("parameters")).forEach((option, value) -> {
                    Matcher m = PLACEHOLDER.matcher(String.valueOf(value));
                    fed.put(option, m.find() ? m.group(1) : "(a fixed value)");
                });
            }
            map.values().forEach(v -> fed.putAll(fedOptions(v)));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> fed.putAll(fedOptions(v)));
        }
        return fed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> properties(Map<String, Object> kamelet) {
        Map<String, Object> definition = (Map<String, Object>) ((Map<String, Object>) kamelet.get("spec"))
                .get("definition");
        return (Map<String, Map<String, Object>>) definition.get("properties");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> kamelet(String name) throws Exception {
        try (InputStream in = KameletOptionsTest.class.getClassLoader()
                .getResourceAsStream("kamelets/" + name + ".kamelet.yaml")) {
            assertThat(in).as("kamelets/" + name + ".kamelet.yaml on the classpath").isNotNull();
            return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
    }

    private static JsonNode catalog() throws Exception {
        try (InputStream in = KameletOptionsTest.class.getResourceAsStream(CATALOG)) {
            assertThat(in).as(CATALOG).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
