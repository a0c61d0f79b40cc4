package africa.cashfin.camel.leads.tenants;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What to do to go from the running tenants to the wanted ones: the tenants to add, to replace (their row changed) and
 * to remove. Pure: the tenant routes apply it.
 *
 * @param added   rows of tenants that do not run yet
 * @param changed new rows of running tenants whose row is not the running one
 * @param removed ids of running tenants that are not wanted any more
 */
public record TenantChanges(List<TenantRow> added, List<TenantRow> changed, List<String> removed) {

    /** The changes from {@code running} to {@code wanted}, both by tenant id. */
    public static TenantChanges between(Map<String, TenantRow> running, Map<String, TenantRow> wanted) {
        List<TenantRow> added = new ArrayList<>();
        List<TenantRow> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        wanted.forEach((id, row) -> {
            TenantRow now = running.get(id);
            if (now == null) {
                added.add(row);
            } else if (!now.equals(row)) {
                changed.add(row);
            }
        });
        running.keySet().stream().filter(id -> !wanted.containsKey(id)).forEach(removed::add);
        return new TenantChanges(added, changed, removed);
    }

    /** Whether nothing is to be done. */
    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
