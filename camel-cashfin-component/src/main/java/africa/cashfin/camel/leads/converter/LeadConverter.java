package africa.cashfin.camel.leads.converter;

import java.io.InputStream;
import java.util.Map;

import org.apache.camel.Converter;

import africa.cashfin.camel.leads.api.LeadJson;
import africa.cashfin.camel.leads.model.Lead;

/**
 * Type converters to {@link Lead}, so a route can {@code convertBodyTo(Lead.class)} from a map (e.g. a parsed web form or
 * CSV record) or from JSON text. Blank strings count as absent, {@code status} becomes lower case, keys match the API's
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
}
