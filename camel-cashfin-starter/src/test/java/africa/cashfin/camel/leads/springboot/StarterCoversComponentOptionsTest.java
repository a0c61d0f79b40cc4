package africa.cashfin.camel.leads.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every component-level option in the component's generated catalog
 * ({@code camel-cashfin-component/src/generated/resources/META-INF/africa/cashfin/camel/leads/cashfin-leads.json}, in
 * the component jar) has a Spring Boot property in {@link CashfinLeadsComponentConfiguration}, with IDE metadata and a
 * description, and every secret option is masked in the actuator. Options are added to the component by other
 * changes; this test says what to add here.
 */
class StarterCoversComponentOptionsTest {

    private static final String PREFIX = "camel.component.cashfin-leads.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyComponentOptionHasAStarterProperty() throws IOException {
        Map<String, JsonNode> options = componentOptions();
        assertThat(options).as("component options in " + CashfinSecretSanitizingFunction.CATALOG).isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> option : options.entrySet()) {
            if (field(option.getKey()) == null) {
                JsonNode o = option.getValue();
                missing.add("component option '" + option.getKey() + "' (" + o.path("javaType").asText()
                            + ", default " + o.path("defaultValue").asText("none") + ") has no Spring Boot property:"
                            + " add a javadoc'd field `" + option.getKey() + "` (" + starterType(o) + ") with getter"
                            + " and setter to CashfinLeadsComponentConfiguration, so that " + PREFIX
                            + kebab(option.getKey()) + " works; javadoc: \"" + o.path("description").asText() + "\"");
            }
        }
        assertThat(missing).as("the starter is behind the component").isEmpty();
    }

    @Test
    void starterDefaultsAreTheComponentDefaults() throws Exception {
        CashfinLeadsComponentConfiguration starter = new CashfinLeadsComponentConfiguration();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> option : componentOptions().entrySet()) {
            Field f = field(option.getKey());
            JsonNode expected = option.getValue().get("defaultValue");
            if (f == null || expected == null) {
                continue;
            }
            f.setAccessible(true);
            Object value = f.get(starter);
            String actual = value instanceof java.time.Duration d ? String.valueOf(d.toMillis()) : String.valueOf(value);
            if (!actual.equals(expected.asText())) {
                wrong.add(option.getKey() + ": the starter's default is " + actual + " but the component's is "
                          + expected.asText() + "; set the field's initial value to the component's default");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyStarterPropertyIsAComponentOption() throws IOException {
        Set<String> options = componentOptions().keySet();
        List<String> stale = new ArrayList<>();
        for (Field f : CashfinLeadsComponentConfiguration.class.getDeclaredFields()) {
            if (!f.getName().equals("enabled") && !options.contains(f.getName())) {
                stale.add(PREFIX + kebab(f.getName()) + " (field " + f.getName() + ") is no component option any"
                          + " more: remove it from CashfinLeadsComponentConfiguration");
            }
        }
        assertThat(stale).isEmpty();
    }

    @Test
    void ideMetadataDescribesEveryProperty() throws IOException {
        Map<String, String> described = ideDescriptions();
        List<String> missing = new ArrayList<>();
        for (String option : componentOptions().keySet()) {
            String key = PREFIX + kebab(option);
            if (described.getOrDefault(key, "").isBlank()) {
                missing.add(key + " has no description in spring-configuration-metadata.json: javadoc the field "
                            + option + " in CashfinLeadsComponentConfiguration");
            }
        }
        assertThat(missing).isEmpty();
        assertThat(described).containsKey(PREFIX + "enabled");
    }

    @Test
    void starterDescriptionsAreTheComponentsDescriptions() throws IOException {
        Map<String, String> described = ideDescriptions();
        List<String> drifted = new ArrayList<>();
        for (Map.Entry<String, JsonNode> option : componentOptions().entrySet()) {
            String expected = starterDescription(option.getValue());
            String actual = described.get(PREFIX + kebab(option.getKey()));
            if (actual != null && !actual.equals(expected)) {
                drifted.add(option.getKey() + ": the starter says \"" + actual + "\" but the component (its @UriParam"
                            + " text, the source) says \"" + expected + "\": make the javadoc of the field "
                            + option.getKey() + " in CashfinLeadsComponentConfiguration the component's text");
            }
        }
        assertThat(drifted).isEmpty();
    }

    @Test
    void starterTypesAreTheComponentsTypes() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> option : componentOptions().entrySet()) {
            Field f = field(option.getKey());
            if (f != null && !f.getGenericType().getTypeName().replace(" ", "")
                    .equals(starterJavaType(option.getValue()).replace(" ", ""))) {
                wrong.add(option.getKey() + " is a " + f.getGenericType().getTypeName() + " in the starter, but the"
                          + " component's " + option.getValue().path("type").asText() + " option needs "
                          + starterType(option.getValue()));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everySecretOptionIsMasked() throws IOException {
        CashfinSecretSanitizingFunction sanitizer = new CashfinSecretSanitizingFunction();
        for (Map.Entry<String, JsonNode> option : componentOptions().entrySet()) {
            if (option.getValue().path("secret").asBoolean()) {
                for (String key : List.of(PREFIX + kebab(option.getKey()), option.getKey(),
                        "CAMEL_COMPONENT_CASHFINLEADS_" + kebab(option.getKey()).replace("-", "").toUpperCase())) {
                    assertThat(sanitizer.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(null,
                            key, "value-of-" + key)).getValue()).as(key).isEqualTo("******");
                }
            }
        }
        assertThat(sanitizer.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(null,
                PREFIX + "plan", "starter")).getValue()).isEqualTo("starter");
    }

    /** The descriptions spring-boot-configuration-processor wrote from the fields' javadoc, by property name. */
    private static Map<String, String> ideDescriptions() throws IOException {
        Map<String, String> described = new HashMap<>();
        for (URL url : Collections.list(StarterCoversComponentOptionsTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode p : JSON.readTree(in).path("properties")) {
                    described.put(p.path("name").asText(), p.path("description").asText(""));
                }
            }
        }
        return described;
    }

    /**
     * The starter's description of an option: the component's, plus the starter's own notes on how to give a bean
     * and that it masks a secret in the actuator.
     */
    private static String starterDescription(JsonNode option) {
        String text = option.path("description").asText();
        if ("object".equals(option.path("type").asText())) {
            text += " The option is a " + option.path("javaType").asText() + " type: give a bean reference such as"
                    + " #bean:myBean.";
        }
        if (option.path("secret").asBoolean()) {
            text += " Secret: masked (******) in the actuator's env and configprops endpoints by this starter.";
        }
        return text;
    }

    /** The Java type of the starter's field for an option (see {@link #starterType}). */
    private static String starterJavaType(JsonNode option) {
        return switch (option.path("type").asText()) {
            case "string", "enum" -> "java.lang.String";
            case "boolean" -> "java.lang.Boolean";
            case "integer" -> "java.lang.Integer";
            case "number" -> "java.lang.Double";
            case "duration" -> "java.time.Duration";
            default -> option.path("javaType").asText();
        };
    }

    private static Map<String, JsonNode> componentOptions() throws IOException {
        try (InputStream in = StarterCoversComponentOptionsTest.class.getClassLoader()
                .getResourceAsStream(CashfinSecretSanitizingFunction.CATALOG)) {
            assertThat(in).as(CashfinSecretSanitizingFunction.CATALOG + " on the classpath").isNotNull();
            Map<String, JsonNode> options = new LinkedHashMap<>();
            JSON.readTree(in).path("componentProperties").properties()
                    .forEach(e -> options.put(e.getKey(), e.getValue()));
            return options;
        }
    }

    private static Field field(String name) {
        try {
            return CashfinLeadsComponentConfiguration.class.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static String starterType(JsonNode option) {
        String type = starterJavaType(option).replace("java.lang.", "");
        return switch (option.path("type").asText()) {
            case "string", "enum", "boolean", "integer", "number" -> type;
            case "duration" -> type + " with @DurationUnit(ChronoUnit.MILLIS)";
            default -> type + ", bound from #bean:name by CashfinLeadsComponentConverter";
        };
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
