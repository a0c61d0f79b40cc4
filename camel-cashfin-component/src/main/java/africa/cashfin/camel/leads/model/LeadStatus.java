package africa.cashfin.camel.leads.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The documented pipeline statuses of a lead. Their wire form is the lower-case name. */
public enum LeadStatus {
    /** Newly created lead, not yet contacted (the API's default). */
    NEW,
    /** Initial contact has been made. */
    CONTACTED,
    /** Qualified as a prospect. */
    QUALIFIED,
    /** Converted to a customer. */
    CONVERTED,
    /** Did not convert. */
    LOST;

    /** The value the API sends and expects, e.g. {@code new}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for {@code text} in any case and with surrounding blanks, or empty when it is not one. */
    public static Optional<LeadStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(t)).findFirst();
    }

    /** "new, contacted, qualified, converted, lost": for error messages. */
    public static String allowedValues() {
        return Arrays.stream(values()).map(LeadStatus::wireValue).collect(Collectors.joining(", "));
    }
}
