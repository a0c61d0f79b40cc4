package africa.cashfin.camel.leads.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link ClusterTenantOwnership} before it has read any members: a node that does not know the members owns nothing
 * (the tenant routes may ask before the ownership starts, e.g. when Camel Main binds it as a bean). The sharing itself
 * is shown on real cluster services in camel-cashfin-cluster-tests.
 */
class ClusterTenantOwnershipTest {

    @Test
    void anOwnershipThatHasNotStartedOwnsNoTenant() {
        ClusterTenantOwnership ownership = new ClusterTenantOwnership();
        assertThat(ownership.owns("acme")).isFalse();
        assertThat(ownership.members()).isEmpty();
        assertThat(ownership.owner("acme")).isNull();
    }
}
