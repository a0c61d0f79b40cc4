package africa.cashfin.camel.leads.tenants;

/**
 * A row of the tenant table that cannot run: names the row, its origin, the field and what to do. Its message never
 * holds a field's value when the field may carry a secret.
 */
public class InvalidTenantRowException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String row;

    public InvalidTenantRowException(String row, String origin, String field, String problem) {
        super("Tenant row '" + row + "' of " + origin + ", field " + field + ": " + problem);
        this.row = row;
    }

    /** The row's tenant id, as written. */
    public String row() {
        return row;
    }
}
