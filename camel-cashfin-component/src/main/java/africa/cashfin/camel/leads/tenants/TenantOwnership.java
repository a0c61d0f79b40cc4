// The seam between tenants-data (task G) and tenants-cluster (task H). Both create this file with EXACTLY this
// content (an identical add rebases cleanly):
// camel-cashfin-component/src/main/java/africa/cashfin/camel/leads/tenants/TenantOwnership.java
package africa.cashfin.camel.leads.tenants;

/**
 * Which tenants this JVM runs. The tenant routes ({@code TenantRoutes}) start a tenant's route only while
 * {@link #owns(String)} says so, and re-check every tenant when a listener given to {@link #onChange(Runnable)} runs.
 * One JVM alone owns every tenant ({@link #ALL}); a cluster shares them out among its live members.
 */
public interface TenantOwnership {

    /** The ownership of a JVM that runs every tenant (no cluster). */
    TenantOwnership ALL = new TenantOwnership() {
        @Override
        public boolean owns(String tenantId) {
            return true;
        }

        @Override
        public void onChange(Runnable listener) {
            // never changes
        }
    };

    /** Whether this JVM should run the tenant now. */
    boolean owns(String tenantId);

    /** Runs the listener (on any thread) whenever the set of tenants this JVM owns may have changed. */
    void onChange(Runnable listener);
}
