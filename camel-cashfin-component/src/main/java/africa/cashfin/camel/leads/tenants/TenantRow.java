package africa.cashfin.camel.leads.tenants;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tenant as its row in the tenant table says, after checking: its id, the route template its flow runs, and the
 * template's parameters (the row's other fields, {@code clientSecret} being a reference such as
 * {@code {{env:ACME_SECRET}}}, never the secret; plus {@code tenantId}). Two rows are equal when all of these are:
 * a row that is not equal to the running one is a change, and the tenant's route is replaced.
 *
 * @param id         the tenant id (letters, digits, {@code -}, {@code _}, {@code .}; at most 64)
 * @param template   the id of the route template that runs this tenant
 * @param parameters the template parameters, sorted by name; {@code tenantId} among them
 */
public record TenantRow(String id, String template, Map<String, String> parameters) {

    public TenantRow {
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    /** The id of the tenant's route: {@code tenant-} and the tenant id. */
    public String routeId() {
        return "tenant-" + id;
    }

    /** Shows the secret reference, never a secret (a row never holds one). */
    @Override
    public String toString() {
        return "tenant " + id + " (template " + template + ", " + parameters + ")";
    }
}
