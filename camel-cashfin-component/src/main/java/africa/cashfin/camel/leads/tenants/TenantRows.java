package africa.cashfin.camel.leads.tenants;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;

/**
 * The checks of a tenant row before its route is made: the tenant id, a client secret that is a reference and resolves,
 * a route template that is loaded. The endpoint checks the rest (plan, filters, budget) when the route starts.
 */
final class TenantRows {

    /** The field holding the secret reference; also the template parameter and the component option of that name. */
    static final String CLIENT_SECRET = "clientSecret";
    /** The field naming the route template (else the tenant routes' default). */
    static final String TEMPLATE = "template";
    /** The template parameter carrying the tenant id (set from the row's id, never a field). */
    static final String TENANT_ID = "tenantId";

    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private TenantRows() {
    }

    /**
     * The row ready to run, or an {@link InvalidTenantRowException} naming its first bad field.
     *
     * @param origin          where the row was read, for the message
     * @param defaultTemplate the template of a row without a {@code template} field
     */
    static TenantRow check(TenantEntry entry, String origin, String defaultTemplate, CamelContext context)
            throws InvalidTenantRowException {
        String id = entry.id();
        if (!TenantId.isValid(id)) {
            throw new InvalidTenantRowException(String.valueOf(id), origin, "tenant id",
                    "not a valid tenant id: use " + TenantId.RULE
                    + " (it becomes the route id tenant-<id> and the metrics tag tenant)");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : entry.fields().entrySet()) {
            String name = field.getKey();
            if (!FIELD.matcher(name).matches()) {
                throw new InvalidTenantRowException(id, origin, name.isEmpty() ? "(none)" : name,
                        "not a field name: write one field per line, <tenant id>.<field> = value (fields are the route"
                        + " template's parameters: letters and digits)");
            }
            if (TENANT_ID.equals(name)) {
                throw new InvalidTenantRowException(id, origin, name,
                        "set from the row's id: leave it out of the row");
            }
            if (!TEMPLATE.equals(name)) {
                parameters.put(name, field.getValue());
            }
        }
        String secret = entry.fields().get(CLIENT_SECRET);
        String problem = SecretReference.problem(secret);
        if (problem != null) {
            throw new InvalidTenantRowException(id, origin, CLIENT_SECRET, problem);
        }
        String resolved;
        try {
            resolved = context.resolvePropertyPlaceholders(secret.trim());
        } catch (RuntimeException e) {
            resolved = null;
        }
        if (resolved == null || resolved.isBlank()) {
            throw new InvalidTenantRowException(id, origin, CLIENT_SECRET,
                    "the reference " + secret.trim() + " does not resolve to a secret: set it where it points (the"
                    + " environment variable, the vault entry or the property) before the tenant can run");
        }
        String template = entry.fields().getOrDefault(TEMPLATE, defaultTemplate);
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null || model.getRouteTemplateDefinition(template) == null) {
            throw new InvalidTenantRowException(id, origin, TEMPLATE,
                    "no route template '" + template + "' is loaded: load the routeTemplate with that id (e.g. a"
                    + " YAML routeTemplate in camel.main.routes-include-pattern) or name a loaded one");
        }
        parameters.put(TENANT_ID, id);
        return new TenantRow(id, template, parameters);
    }
}
