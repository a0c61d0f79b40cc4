package africa.cashfin.camel.leads.docs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The property table of docs/kamelets.md ({@code <!-- kamelet properties: START -->}), written from the Kamelet files
 * in the jar: one row per property and default, naming the Kamelets that take it. Their descriptions are the
 * component's ({@code KameletOptionsTest} holds them to the catalog).
 */
final class KameletTable {

    static final String BLOCK = "kamelet properties";
    static final List<String> KAMELETS = List.of("cashfin-leads-source", "cashfin-leads-sink",
            "cashfin-leads-find-or-create-action");

    private KameletTable() {
    }

    static String table() {
        Map<String, List<String>> kamelets = new LinkedHashMap<>();
        Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
        Map<String, Boolean> required = new LinkedHashMap<>();
        for (String name : KAMELETS) {
            Map<String, Object> definition = definition(name);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) definition
                    .get("properties");
            @SuppressWarnings("unchecked")
            List<String> req = (List<String>) definition.getOrDefault("required", List.of());
            properties.forEach((property, schema) -> {
                String key = property + "|" + schema.get("default") + "|" + schema.get("enum");
                kamelets.computeIfAbsent(key, k -> new ArrayList<>()).add(shortName(name));
                schemas.putIfAbsent(key, schema);
                required.put(key, req.contains(property));
            });
        }
        StringBuilder t = new StringBuilder("| Property | Kamelets | Type | Default | Description |\n"
                                            + "|---|---|---|---|---|\n");
        kamelets.forEach((key, names) -> {
            Map<String, Object> schema = schemas.get(key);
            String type = String.valueOf(schema.get("type"));
            if (schema.get("enum") instanceof List<?> values) {
                type += ": " + String.join(", ", values.stream().map(v -> "`" + v + "`").toList());
            }
            t.append("| `").append(key, 0, key.indexOf('|')).append("` | ")
                    .append(names.size() == KAMELETS.size() ? "all" : String.join(", ", names)).append(" | ")
                    .append(type).append(" | ")
                    .append(schema.containsKey("default") ? "`" + schema.get("default") + "`" : "").append(" | ")
                    .append(String.valueOf(schema.get("description")).replace("|", "\\|"))
                    .append(required.get(key) ? " Required." : "").append(" |\n");
        });
        return t.toString();
    }

    private static String shortName(String kamelet) {
        return kamelet.replace("cashfin-leads-", "").replace("find-or-create-", "");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> definition(String name) {
        try (InputStream in = KameletTable.class.getClassLoader()
                .getResourceAsStream("kamelets/" + name + ".kamelet.yaml")) {
            if (in == null) {
                throw new IllegalStateException("kamelets/" + name + ".kamelet.yaml is not on the test class path");
            }
            Map<String, Object> kamelet = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromInputStream(in);
            return (Map<String, Object>) ((Map<String, Object>) kamelet.get("spec")).get("definition");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
