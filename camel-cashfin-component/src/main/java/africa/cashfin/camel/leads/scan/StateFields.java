package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The versioned {@code <version>;name=value;name=value} strings the scan keeps in a state repository
 * ({@link ScanCursor}, {@link SweepState}): one reader for both.
 */
final class StateFields {

    private StateFields() {
    }

    /**
     * The fields of {@code value}, which must start with {@code version;}.
     *
     * @param invalid builds the error from what is wrong (and its cause, or null)
     */
    static Map<String, String> parse(String value, String version,
            BiFunction<String, Exception, IllegalArgumentException> invalid) {
        if (value == null || !value.startsWith(version + ";")) {
            throw invalid.apply("it does not start with '" + version + ";'", null);
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : value.substring(version.length() + 1).split(";", -1)) {
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw invalid.apply("field '" + part + "' is not name=value", null);
            }
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return fields;
    }

    /** An ISO-8601 instant, or null for an empty or missing field. */
    static Instant instant(String text) {
        return text == null || text.isEmpty() ? null : Instant.parse(text);
    }
}
