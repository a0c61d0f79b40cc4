package africa.cashfin.camel.leads.converter;

import java.io.InputStream;
import java.util.Map;

import org.apache.camel.Converter;

import africa.cashfin.camel.leads.api.LeadJson;
import africa.cashfin.camel.leads.model.Lead;

/**
 * Type converters between {@link Lead} and the forms routes carry. To a lead: {@code convertBodyTo(Lead.class)} from a
 * map (e.g. a parsed web form or CSV record) or from JSON text. From a lead: {@code convertBodyTo(String.class)} gives
 * its JSON text and {@code convertBodyTo(Map.class)} its JSON form as a map, both as the API writes a lead (the same as
 * Camel's stock {@code marshal().json()}).
 * <p>
 * To a lead: Blank strings count as absent, {@code status} becomes lower case, keys match the API's
 * field names in any case, and fields Cashfin does not know are kept as additional fields.
 * <p>
 * A value that cannot be converted (e.g. a budget that is not a number) fails with a
 * {@link africa.cashfin.camel.leads.model.LeadValidationException} naming the field.
 */
@Converter(generateLoader = true)
public final class LeadConverter {

    private LeadConverter() {
    }

    /** A lead from a map of field names to values. */
    @Converter
    public static Lead toLead(Map<?, ?> map) {
        return LeadJson.fromMap(map);
    }

    /** A lead from a JSON object text. */
    @Converter
    public static Lead toLead(String json) {
        return LeadJson.fromJson(json);
    }

    /** A lead from UTF-8 JSON bytes. */
    @Converter
    public static Lead toLead(byte[] json) {
        return LeadJson.fromJson(json);
    }

    /** A lead from a UTF-8 JSON stream (read fully). */
    @Converter
    public static Lead toLead(InputStream json) {
        return LeadJson.fromJson(json);
    }

    /** The lead's JSON text, in the API's form (field names, ISO-8601 UTC timestamps with milliseconds). */
    @Converter
    public static String toJson(Lead lead) {
        return LeadJson.toJson(lead);
    }

    /** The lead's JSON form as a map in the API's field order (timestamps as ISO-8601 text, budget a BigDecimal). */
    @Converter
    public static Map<String, Object> toMap(Lead lead) {
        return LeadJson.toMap(lead);
    }
}
