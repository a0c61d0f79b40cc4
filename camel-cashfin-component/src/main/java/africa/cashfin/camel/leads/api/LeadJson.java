package africa.cashfin.camel.leads.api;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import africa.cashfin.camel.leads.model.ApiTimestamps;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadFields;
import africa.cashfin.camel.leads.model.LeadValidationException;

/**
 * JSON mapping of {@link Lead}s: the shared {@link ObjectMapper}, the create request body (the 14 request fields only),
 * the lead's JSON form as text or a map, and the lenient conversion of maps and JSON text into a lead (blank strings are
 * absent, status lower case, budget from a number or numeric text, keys matched case-insensitively). Field names come
 * from {@link LeadFields}, timestamps are {@link ApiTimestamps}: the same JSON form as Camel's stock
 * {@code marshal().json()} of a lead.
 */
public final class LeadJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // a lead's own timestamps carry their (de)serializers; this covers Instants in maps and extra fields
            .addModule(new SimpleModule("cashfin-api-timestamps")
                    .addSerializer(Instant.class, new ApiTimestamps.Serializer())
                    .addDeserializer(Instant.class, new ApiTimestamps.Deserializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final Set<String> KNOWN_FIELDS = Set.copyOf(LeadFields.ALL);

    private LeadJson() {
    }

    /** The mapper used for every Cashfin JSON: API timestamps, unknown properties kept, decimals exact. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The body of {@code POST /business/lead/create}: only the fields in {@link Lead#REQUEST_FIELDS} that are set, never
     * {@code _id}, timestamps or unknown extra fields.
     */
    public static byte[] toCreateRequest(Lead lead) {
        // written field by field: no tree of the whole lead per request (see docs/performance.md)
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (String field : LeadFields.REQUEST_FIELDS) {
                if (field.equals(LeadFields.BUDGET)) {
                    if (lead.getBudget() != null) {
                        g.writeNumberField(LeadFields.BUDGET, lead.getBudget());
                    }
                } else {
                    text(g, field, lead.textField(field));
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write lead as JSON", e);
        }
        return out.toByteArray();
    }

    private static void text(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /**
     * The lead's JSON form, as the API writes it and as Camel's {@code marshal().json()} writes it: the API's field
     * names, absent fields left out, timestamps as ISO-8601 UTC text, additional fields included.
     */
    public static String toJson(Lead lead) {
        try {
            return MAPPER.writeValueAsString(lead);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write lead " + lead.getId() + " as JSON: " + firstLine(e.getMessage()),
                    e);
        }
    }

    /**
     * The lead's JSON form as a map, in the API's field order: {@code String}, {@code Boolean} and {@code BigDecimal}
     * values, timestamps as ISO-8601 UTC text, additional fields included. A new map each call.
     */
    public static Map<String, Object> toMap(Lead lead) {
        return MAPPER.convertValue(lead, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    /**
     * A lead from a map of field names to values (e.g. a parsed web form or CSV record).
     *
     * @throws LeadValidationException when a value cannot be converted (e.g. a budget that is not a number)
     */
    public static Lead fromMap(Map<?, ?> map) {
        Map<String, Object> clean = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                continue;
            }
            String key = e.getKey().toString().trim();
            String lower = key.toLowerCase(Locale.ROOT);
            if (KNOWN_FIELDS.contains(lower)) {
                key = lower;
            }
            Object value = e.getValue();
            if (value instanceof String s) {
                s = s.trim();
                if (s.isEmpty()) {
                    continue;
                }
                value = s;
            }
            if (value == null) {
                continue;
            }
            if (key.equals(LeadFields.STATUS) && value instanceof String s) {
                value = s.toLowerCase(Locale.ROOT);
            }
            if (key.equals(LeadFields.BUDGET)) {
                value = budget(value, problems);
                if (value == null) {
                    continue;
                }
            }
            clean.put(key, value);
        }
        Lead lead;
        try {
            lead = MAPPER.convertValue(clean, Lead.class);
        } catch (IllegalArgumentException e) {
            problems.put(fieldOf(e), "cannot be converted: " + firstLine(e.getMessage()));
            throw new LeadValidationException(problems);
        }
        if (!problems.isEmpty()) {
            throw new LeadValidationException(problems);
        }
        return lead;
    }

    /**
     * A lead from JSON text: one object with the API's field names.
     *
     * @throws LeadValidationException when the text is not a JSON object or a value cannot be converted
     */
    public static Lead fromJson(String json) {
        return fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    /** @see #fromJson(String) */
    public static Lead fromJson(byte[] json) {
        try {
            return fromMap(readObject(MAPPER.readTree(json)));
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /** @see #fromJson(String); the stream is read fully but not closed. */
    public static Lead fromJson(InputStream json) {
        try {
            return fromMap(readObject(MAPPER.readTree(json)));
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    private static Map<String, Object> readObject(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new LeadValidationException(Map.of("body", "is empty; expected a JSON object such as"
                                                             + " {\"name\": \"Jane Smith\"}"));
        }
        if (!node.isObject()) {
            throw new LeadValidationException(Map.of("body", "is JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                                                             + ", not an object; send one lead as {\"name\": ...}"));
        }
        return MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private static LeadValidationException notJson(IOException e) {
        return new LeadValidationException(Map.of("body", "is not valid JSON: " + firstLine(e.getMessage())));
    }

    private static Object budget(Object value, Map<String, String> problems) {
        if (value instanceof BigDecimal bd) {
            return bd;
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            problems.put(LeadFields.BUDGET, d + " is not a finite number");
            return null;
        }
        if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            problems.put(LeadFields.BUDGET, f + " is not a finite number");
            return null;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        String text = value.toString().trim();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.put(LeadFields.BUDGET, "'" + text + "' is not a number (use digits and an optional decimal point,"
                                   + " e.g. 50000 or 1250.50)");
            return null;
        }
    }

    private static String fieldOf(IllegalArgumentException e) {
        if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException jme && !jme.getPath().isEmpty()) {
            String name = jme.getPath().get(0).getFieldName();
            if (name != null) {
                return name;
            }
        }
        return "lead";
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
