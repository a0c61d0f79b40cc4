package africa.cashfin.camel.leads.tenants;

import java.util.regex.Pattern;

/**
 * The client secret field of a tenant row: a reference Camel's properties component resolves at start
 * ({@code {{env:ACME_SECRET}}}, {@code {{vault:cashfin/acme}}}, {@code {{acme.secret}}}), never the secret itself, so
 * the tenant table can be read, copied and logged without leaking one.
 */
final class SecretReference {

    /** The whole value is one placeholder: {@code {{...}}} with no braces inside and no optional marker. */
    private static final Pattern ONE_PLACEHOLDER = Pattern.compile("\\{\\{[^{}?][^{}]*}}");

    private SecretReference() {
    }

    /**
     * Why {@code value} is not a secret reference, or null when it is one. The reason never quotes the value (it may
     * be a secret pasted by mistake).
     */
    static String problem(String value) {
        if (value == null || value.isBlank()) {
            return "missing: give a reference to the tenant's client secret, e.g. {{env:ACME_SECRET}} or"
                   + " {{vault:cashfin/acme}}";
        }
        if (!ONE_PLACEHOLDER.matcher(value.trim()).matches()) {
            return "holds a literal value (not shown), not a reference: the tenant table never holds a secret;"
                   + " put the secret in an environment variable, a vault or a properties file and write its"
                   + " reference, e.g. {{env:ACME_SECRET}}";
        }
        return null;
    }
}
