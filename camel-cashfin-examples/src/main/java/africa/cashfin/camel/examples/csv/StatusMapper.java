package africa.cashfin.camel.examples.csv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import africa.cashfin.camel.examples.common.HeaderNormalizer;
import africa.cashfin.camel.leads.model.LeadStatus;

/**
 * Maps lead status values of other CRMs to Cashfin's five statuses. Values are compared like headers (case, spaces and
 * punctuation ignored: {@code "Working - Contacted"} equals {@code "working contacted"}).
 * <p>
 * Cashfin's own values map to themselves. HubSpot lead statuses: {@code NEW}, {@code OPEN} to new;
 * {@code ATTEMPTED_TO_CONTACT}, {@code IN_PROGRESS}, {@code CONNECTED}, {@code BAD_TIMING} to contacted;
 * {@code OPEN_DEAL} to qualified; {@code UNQUALIFIED} to lost. Salesforce: {@code Open - Not Contacted} to new,
 * {@code Working - Contacted} to contacted, {@code Closed - Converted} to converted, {@code Closed - Not Converted} to
 * lost. Anything else is unknown: the caller leaves the status unset (Cashfin then uses {@code new}) and warns.
 */
public final class StatusMapper {

    private static final Map<String, LeadStatus> VALUES = values();

    private StatusMapper() {
    }

    /** The Cashfin status for {@code value}, or empty when it is blank or unknown. */
    public static Optional<LeadStatus> map(String value) {
        return Optional.ofNullable(VALUES.get(HeaderNormalizer.normalize(value)));
    }

    private static Map<String, LeadStatus> values() {
        Map<String, LeadStatus> m = new LinkedHashMap<>();
        for (LeadStatus s : LeadStatus.values()) {
            m.put(HeaderNormalizer.normalize(s.wireValue()), s);
        }
        put(m, LeadStatus.NEW, "OPEN", "Open - Not Contacted", "Not Contacted", "Unworked");
        put(m, LeadStatus.CONTACTED, "ATTEMPTED_TO_CONTACT", "IN_PROGRESS", "CONNECTED", "BAD_TIMING",
                "Working - Contacted", "Working", "Nurturing", "Attempted");
        put(m, LeadStatus.QUALIFIED, "OPEN_DEAL", "Sales Qualified", "Marketing Qualified");
        put(m, LeadStatus.CONVERTED, "Closed - Converted", "Won", "Closed Won", "Customer");
        put(m, LeadStatus.LOST, "UNQUALIFIED", "Closed - Not Converted", "Disqualified", "Closed Lost", "Junk");
        return Map.copyOf(m);
    }

    private static void put(Map<String, LeadStatus> m, LeadStatus status, String... values) {
        for (String v : values) {
            m.put(HeaderNormalizer.normalize(v), status);
        }
    }
}
