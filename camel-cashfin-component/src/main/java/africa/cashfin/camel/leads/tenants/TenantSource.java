package africa.cashfin.camel.leads.tenants;

import java.util.List;

/** Where the tenant table is read from: a properties file ({@link TenantFile}) or a database table ({@link TenantTable}). */
public interface TenantSource {

    /** Reads every row now; throws when the table cannot be read at all (the running tenants are then left as they are). */
    List<TenantEntry> read() throws Exception;

    /** Where the rows come from, for log lines: e.g. {@code tenants.properties} or {@code table cashfin_tenants}. */
    @Override
    String toString();
}
