package africa.cashfin.camel.leads.tenants;

import java.util.regex.Pattern;

import africa.cashfin.camel.leads.api.limit.SecretFingerprint;

/**
 * What a tenant id may be (a row of the tenant table, the endpoint option {@code tenantId}): it becomes the route id
 * {@code tenant-<id>}, the Micrometer tag {@code tenant}, a JMX attribute and a dev console group. One home for the
 * rule and for the id of an endpoint that sets none.
 */
public final class TenantId {

    /** The rule, as the error messages say it. */
    public static final String RULE = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private TenantId() {
    }

    /** Whether {@code id} is a tenant id. */
    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * The tenant of an endpoint: its {@code tenantId}, else the fingerprint of its client secret
     * ({@code secret#2d0a5fe178cc}, as the tag {@code secret} has it; never the secret), else {@code none}.
     */
    public static String effective(String tenantId, String clientSecret) {
        if (tenantId != null && !tenantId.isBlank()) {
            return tenantId;
        }
        return clientSecret == null || clientSecret.isBlank() ? "none" : SecretFingerprint.of(clientSecret).toString();
    }
}
