package africa.cashfin.camel.leads.kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Kamelet files in the jar ({@code classpath:kamelets}) follow the camel-kamelets layout, so Kamelet tooling (Camel
 * K, Kaoto, catalogs) reads them: type label, annotations, a JSON-schema definition with the secret as a password in
 * the credentials group, media types, and dependencies with the version filled in by the build.
 */
class KameletDefinitionTest {

    @ParameterizedTest
    @CsvSource({ "cashfin-leads-source, source", "cashfin-leads-sink, sink",
                 "cashfin-leads-find-or-create-action, action" })
    @SuppressWarnings("unchecked")
    void followsTheCamelKameletsLayout(String name, String type) throws Exception {
        Map<String, Object> kamelet;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("kamelets/" + name + ".kamelet.yaml")) {
            assertThat(in).as("kamelets/" + name + ".kamelet.yaml on the classpath").isNotNull();
            kamelet = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
        assertThat(kamelet).containsEntry("apiVersion", "camel.apache.org/v1").containsEntry("kind", "Kamelet");
        Map<String, Object> metadata = (Map<String, Object>) kamelet.get("metadata");
        assertThat(metadata).containsEntry("name", name);
        assertThat((Map<String, Object>) metadata.get("labels")).containsEntry("camel.apache.org/kamelet.type", type);
        assertThat((Map<String, Object>) metadata.get("annotations"))
                .containsKeys("camel.apache.org/kamelet.support.level", "camel.apache.org/provider",
                        "camel.apache.org/kamelet.group")
                .containsEntry("camel.apache.org/catalog.version", "4.17.0");

        Map<String, Object> spec = (Map<String, Object>) kamelet.get("spec");
        Map<String, Object> definition = (Map<String, Object>) spec.get("definition");
        assertThat(definition).containsKeys("title", "description").containsEntry("type", "object");
        assertThat((List<String>) definition.get("required")).contains("clientSecret");
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) definition.get("properties");
        assertThat(properties.get("clientSecret")).containsEntry("format", "password")
                .containsEntry("x-descriptors",
                        List.of("urn:camel:group:credentials", "urn:alm:descriptor:com.tectonic.ui:password"));
        properties.forEach((property, schema) -> assertThat(schema).as(property).containsKeys("title", "description",
                "type"));

        Map<String, Object> types = (Map<String, Object>) spec.get("types");
        if (!type.equals("sink")) {
            assertThat((Map<String, Object>) types.get("out")).containsEntry("mediaType", "application/json");
        }
        if (!type.equals("source")) {
            assertThat((Map<String, Object>) types.get("in")).containsEntry("mediaType", "application/json");
        }
        assertThat((List<String>) spec.get("dependencies")).contains("camel:kamelet")
                .anySatisfy(d -> assertThat(d).matches("mvn:africa\\.cashfin\\.camel:camel-cashfin-component:\\d[^@]*"));
        assertThat(spec).containsKey("template");
    }
}
