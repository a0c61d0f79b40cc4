package africa.cashfin.camel.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Field names of the documented Lead object and its timestamp format. */
final class LeadFields {

    /** Optional string fields a create request may carry (besides {@code name}). */
    static final List<String> STRING_INPUTS = List.of("email", "phone", "company", "jobtitle", "industry", "website",
            "request", "country", "state", "address", "source", "status");

    /** Every field of the Lead Object Reference, in the order the simulator renders them. */
    static final List<String> ALL = List.of("_id", "name", "email", "phone", "company", "jobtitle", "industry",
            "website", "request", "budget", "country", "state", "address", "source", "status", "sourceorigin",
            "active", "createdat", "updatedat");

    /** Fields searched by the list {@code search} parameter. */
    static final List<String> SEARCHED = List.of("name", "email", "phone", "company");

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private LeadFields() {
    }

    static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
