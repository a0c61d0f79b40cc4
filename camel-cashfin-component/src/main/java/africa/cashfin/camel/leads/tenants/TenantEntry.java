package africa.cashfin.camel.leads.tenants;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row of the tenant table as read, before any check: the tenant id and its fields by name (empty values left out).
 *
 * @param id     the tenant id as written
 * @param fields the other fields, e.g. {@code clientSecret}, {@code status}, {@code plan}, {@code template}
 */
public record TenantEntry(String id, Map<String, String> fields) {

    public TenantEntry {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public String toString() {
        return "tenant row " + id;
    }
}
