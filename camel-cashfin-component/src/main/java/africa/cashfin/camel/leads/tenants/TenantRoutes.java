package africa.cashfin.camel.leads.tenants;

import java.nio.file.Path;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.TimeUtils;

/**
 * One route per tenant, from a route template and a tenant table that may change while the application runs
 * (docs/tenants.md). Give it the table, a properties {@link #setFile file} or a database {@link #setDataSource table},
 * and the id of the {@link #setTemplate route template} (e.g. a YAML {@code routeTemplate}); each row of the table is a
 * tenant whose fields are the template's parameters, its {@code clientSecret} a reference such as
 * {@code {{env:ACME_SECRET}}}. The table is read again every {@link #setInterval interval}: new rows start a route
 * ({@code tenant-<id>}), changed rows replace theirs, removed rows stop and remove theirs, without a restart.
 * <p>
 * A {@code RoutesBuilder}: Camel Main and Spring Boot pick it up as a bean
 * ({@code camel.beans.tenants = #class:africa.cashfin.camel.leads.tenants.TenantRoutes}); in Java,
 * {@code context.addRoutes(tenantRoutes)}. Runs a tenant only while {@link #setOwnership ownership} says this JVM
 * owns it (default: every tenant); an ownership that is a Camel {@code Service} (such as
 * {@link ClusterTenantOwnership}) and not yet in the context is added to it once the context has started.
 */
public class TenantRoutes extends RouteBuilder {

    /** The default route template id. */
    public static final String DEFAULT_TEMPLATE = "cashfin-tenant";
    /** The default table name of {@link #setTable}. */
    public static final String DEFAULT_TABLE = "cashfin_tenants";
    /** The default of {@link #setInterval}. */
    public static final String DEFAULT_INTERVAL = "30s";

    private String file;
    private DataSource dataSource;
    private String table = DEFAULT_TABLE;
    private String template = DEFAULT_TEMPLATE;
    private String interval = DEFAULT_INTERVAL;
    private TenantOwnership ownership = TenantOwnership.ALL;
    private volatile TenantReconciler reconciler;

    @Override
    public void configure() throws Exception {
        TenantSource source = source();
        long intervalMillis = TimeUtils.toMilliSeconds(interval);
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("TenantRoutes interval '" + interval + "' must be above 0 (e.g. 30s)");
        }
        reconciler = new TenantReconciler(getContext(), source, template, intervalMillis, ownership);
        getContext().addService(reconciler, true, false);
        getContext().addStartupListener(reconciler);
    }

    private TenantSource source() {
        if ((file == null) == (dataSource == null)) {
            throw new IllegalArgumentException("TenantRoutes needs exactly one tenant table: file (a properties file)"
                                               + " or dataSource (with table, default " + DEFAULT_TABLE + ")");
        }
        return file != null ? new TenantFile(Path.of(file)) : new TenantTable(dataSource, table);
    }

    /** The ids of the tenants whose routes run in this JVM now (empty before the context starts). */
    public Set<String> getRunningTenants() {
        TenantReconciler r = reconciler;
        return r == null ? Set.of() : r.runningTenants();
    }

    /** Reads the tenant table and applies it now, without waiting for the next interval. */
    public void reload() {
        TenantReconciler r = reconciler;
        if (r != null) {
            r.reconcile(true);
        }
    }

    public String getFile() {
        return file;
    }

    /** The tenant table as a properties file ({@code <tenant id>.<field> = value}), read again every interval. */
    public void setFile(String file) {
        this.file = file;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    /** The tenant table in a database: the data source of {@link #setTable}. */
    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTable() {
        return table;
    }

    /** The name of the database tenant table (default {@code cashfin_tenants}); a column {@code tenant_id}. */
    public void setTable(String table) {
        this.table = table;
    }

    public String getTemplate() {
        return template;
    }

    /** The route template of a row without a {@code template} field (default {@code cashfin-tenant}). */
    public void setTemplate(String template) {
        this.template = template;
    }

    public String getInterval() {
        return interval;
    }

    /** How often the table is read again: milliseconds or a duration such as {@code 30s} (default 30s). */
    public void setInterval(String interval) {
        this.interval = interval;
    }

    public TenantOwnership getOwnership() {
        return ownership;
    }

    /**
     * Which tenants this JVM runs (default {@link TenantOwnership#ALL}); a cluster's shares them among its nodes. A
     * {@code Service} not yet in the CamelContext (a bean such as {@code #bean:tenantOwnership}) is added to the
     * context, and so started, once the context has started (its cluster service is running by then); it stops with
     * the context.
     */
    public void setOwnership(TenantOwnership ownership) {
        this.ownership = ownership == null ? TenantOwnership.ALL : ownership;
    }
}
