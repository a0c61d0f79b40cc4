package africa.cashfin.camel.examples.csv;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import africa.cashfin.camel.examples.common.HeaderNormalizer;

/**
 * What a CSV column can be mapped to: the Cashfin lead fields, plus parts that are combined into one field
 * ({@link #FIRST_NAME} + {@link #LAST_NAME} into {@code name}; {@link #CITY} and {@link #POSTAL_CODE} into
 * {@code address}; {@link #MOBILE} is the phone when there is no phone), and {@link #IGNORE} for columns that are
 * known and deliberately not imported.
 */
public enum LeadField {
    NAME("name"),
    FIRST_NAME("firstname"),
    LAST_NAME("lastname"),
    EMAIL("email"),
    PHONE("phone"),
    MOBILE("mobile"),
    COMPANY("company"),
    JOBTITLE("jobtitle"),
    INDUSTRY("industry"),
    WEBSITE("website"),
    REQUEST("request"),
    BUDGET("budget"),
    COUNTRY("country"),
    STATE("state"),
    ADDRESS("address"),
    CITY("city"),
    POSTAL_CODE("postalcode"),
    SOURCE("source"),
    STATUS("status"),
    IGNORE("ignore");

    private final String key;

    LeadField(String key) {
        this.key = key;
    }

    /** The name used in a user mapping ({@code cashfin.csv.mapping.<column>=<key>}), e.g. {@code jobtitle}. */
    public String key() {
        return key;
    }

    /**
     * The field named {@code text}, compared like headers ({@code "Job Title"}, {@code "jobtitle"} and
     * {@code "JOB_TITLE"} are all {@link #JOBTITLE}).
     */
    public static Optional<LeadField> parse(String text) {
        String n = HeaderNormalizer.normalize(text);
        return Arrays.stream(values()).filter(f -> f.key.equals(n)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String allowedKeys() {
        return Arrays.stream(values()).map(LeadField::key).collect(Collectors.joining(", "));
    }
}
