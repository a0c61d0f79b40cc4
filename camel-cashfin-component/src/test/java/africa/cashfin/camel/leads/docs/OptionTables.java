package africa.cashfin.camel.leads.docs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The option tables of the docs, written from the component's JSON (written by camel-component-maven-plugin from the
 * {@code @UriParam} annotations): name, type (with the allowed values), default, group and description.
 * <p>
 * Two kinds of block: {@code <!-- endpoint options (t1, t2, ...): START -->} lists the endpoint options named by the
 * tokens, a token being an option name or a group ({@code ratelimit} takes {@code ratelimit (advanced)} too); an
 * option named by a token of its own goes to that block only, the others to the block naming their group. And
 * {@code <!-- component options: START -->} lists the options that exist on the component only.
 */
final class OptionTables {

    static final String CATALOG = "/META-INF/africa/cashfin/camel/leads/cashfin-leads.json";

    private static final Pattern ENDPOINT_BLOCK = Pattern.compile("endpoint options \\(([^)]*)\\)");
    private static final String COMPONENT_BLOCK = "component options";

    private final Map<String, JsonNode> endpointOptions = new LinkedHashMap<>();
    private final Map<String, JsonNode> componentOptions = new LinkedHashMap<>();

    OptionTables() throws IOException {
        try (InputStream in = OptionTables.class.getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException(CATALOG + " is not on the test class path: build the component first");
            }
            JsonNode model = new ObjectMapper().readTree(in);
            model.path("properties").properties().forEach(e -> endpointOptions.put(e.getKey(), e.getValue()));
            model.path("componentProperties").properties().forEach(e -> componentOptions.put(e.getKey(), e.getValue()));
        }
    }

    Map<String, JsonNode> endpointOptions() {
        return endpointOptions;
    }

    Map<String, JsonNode> componentOptions() {
        return componentOptions;
    }

    /** Whether a block name is one of the option tables. */
    static boolean isOptionBlock(String block) {
        return COMPONENT_BLOCK.equals(block) || ENDPOINT_BLOCK.matcher(block).matches();
    }

    /**
     * The options each block of a page lists.
     *
     * @param blocks the option blocks of the page (other blocks are ignored)
     */
    Map<String, List<String>> assign(List<String> blocks) {
        Map<String, List<String>> tokens = new LinkedHashMap<>();
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String block : blocks) {
            Matcher m = ENDPOINT_BLOCK.matcher(block);
            if (m.matches()) {
                tokens.put(block, Arrays.stream(m.group(1).split(",")).map(String::trim).toList());
                result.put(block, new ArrayList<>());
            } else if (COMPONENT_BLOCK.equals(block)) {
                result.put(block, new ArrayList<>(componentOptions.keySet().stream()
                        .filter(name -> !endpointOptions.containsKey(name)).toList()));
            }
        }
        for (Map.Entry<String, JsonNode> option : endpointOptions.entrySet()) {
            String name = option.getKey();
            String group = group(option.getValue());
            String byName = null;
            String byGroup = null;
            for (Map.Entry<String, List<String>> block : tokens.entrySet()) {
                if (block.getValue().contains(name) && byName == null) {
                    byName = block.getKey();
                }
                if (block.getValue().contains(group) && byGroup == null) {
                    byGroup = block.getKey();
                }
            }
            String block = byName != null ? byName : byGroup;
            if (block != null) {
                result.get(block).add(name);
            }
        }
        return result;
    }

    /** The text of a block: the table of the options {@link #assign} gives it. */
    String table(List<String> options) {
        StringBuilder t = new StringBuilder("| Option | Type | Default | Group | Description |\n|---|---|---|---|---|\n");
        for (String name : options) {
            JsonNode o = endpointOptions.containsKey(name) ? endpointOptions.get(name) : componentOptions.get(name);
            String where = !componentOptions.containsKey(name) ? " (endpoint only)"
                    : !endpointOptions.containsKey(name) ? " (component only)" : "";
            t.append("| `").append(name).append('`').append(where)
                    .append(" | ").append(type(o))
                    .append(" | ").append(defaultValue(o))
                    .append(" | ").append(o.path("group").asText())
                    .append(" | ").append(cell(o.path("description").asText()) + (o.path("required").asBoolean()
                            ? " Required." : ""))
                    .append(" |\n");
        }
        return t.toString();
    }

    private static String group(JsonNode option) {
        if ("path".equals(option.path("kind").asText())) {
            return "path";
        }
        return option.path("group").asText().replace(" (advanced)", "");
    }

    private static String type(JsonNode o) {
        String type = o.path("type").asText();
        if (o.has("enum")) {
            List<String> values = new ArrayList<>();
            o.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
            return type + ": " + String.join(", ", values);
        }
        if ("object".equals(type)) {
            return "`" + o.path("javaType").asText().replaceAll("\\b[a-z]\\w*\\.", "") + "` bean";
        }
        return type;
    }

    private static String defaultValue(JsonNode o) {
        if (!o.has("defaultValue")) {
            return "";
        }
        String value = o.get("defaultValue").asText();
        if ("duration".equals(o.path("type").asText()) && value.matches("\\d+")) {
            return "`" + value + "` (" + millis(Long.parseLong(value)) + ")";
        }
        return "`" + value + "`";
    }

    private static String millis(long ms) {
        if (ms >= 3_600_000 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + " h";
        }
        if (ms >= 60_000 && ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        if (ms >= 1_000 && ms % 1_000 == 0) {
            return ms / 1_000 + " s";
        }
        return ms + " ms";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
