package africa.cashfin.camel.leads.scan;

import africa.cashfin.camel.leads.model.Lead;

/**
 * The keys the scan writes to the {@link SeenLeadStore}: {@code <_id>} once a lead's creation was delivered, and
 * {@code <_id>@<updatedat>} once a version of it was delivered (only when updates are emitted).
 */
public final class SeenKeys {

    private SeenKeys() {
    }

    /** Key of a lead's creation: its {@code _id}. */
    public static String created(Lead lead) {
        return lead.getId();
    }

    /** Key of one version of a lead: {@code _id@updatedat} (ISO-8601), e.g. {@code 65a...@2024-01-15T12:00:00Z}. */
    public static String version(Lead lead) {
        return lead.getId() + "@" + lead.getUpdatedat();
    }
}
