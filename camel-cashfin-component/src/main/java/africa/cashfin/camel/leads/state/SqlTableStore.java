package africa.cashfin.camel.leads.state;

import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.support.service.ServiceSupport;

/**
 * What the component's SQL stores ({@link JdbcStateRepository}, {@link PostgresAdmissionLog}) share: the database, a
 * table whose name goes into SQL text (so only plain names pass), and whether to create the table when it is missing.
 * Their bean properties ({@code dataSource}, {@code tableName}, {@code createTableIfNotExists}, bound from YAML,
 * properties or Spring) live here once. A Camel service for the stores that create their table on start
 * ({@link JdbcStateRepository}); a store that creates it on first use ({@link PostgresAdmissionLog}) needs no start.
 */
public abstract class SqlTableStore extends ServiceSupport {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final String storeName;
    private DataSource dataSource;
    private volatile String tableName;
    private boolean createTableIfNotExists = true;

    /**
     * @param storeName        the store, for messages (e.g. {@code JdbcStateRepository})
     * @param defaultTableName the table used unless {@link #setTableName} says otherwise
     * @param dataSource       the database, or null for bean binding (set {@code dataSource} before first use)
     */
    protected SqlTableStore(String storeName, String defaultTableName, DataSource dataSource) {
        this.storeName = storeName;
        this.tableName = defaultTableName;
        this.dataSource = dataSource;
    }

    /**
     * @throws IllegalArgumentException when {@code table} is not letters, digits and {@code _}, optionally
     *                                  {@code schema.table}
     */
    protected final void checkTableName(String table) {
        if (!PLAIN.matcher(table).matches()) {
            throw new IllegalArgumentException(storeName + " tableName '" + table
                                               + "' is not a plain SQL name: use letters, digits and _ (schema.table)");
        }
    }

    /**
     * Called by {@link #setTableName} with a checked new name before the store uses it (e.g. to create it now); does
     * nothing by default.
     */
    protected void tableNameChanging(String newTableName) {
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    /** The database holding the table (a pool such as HikariCP in production). */
    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    /**
     * The table (letters, digits and {@code _}, optionally {@code schema.table}); default the store's
     * {@code DEFAULT_TABLE_NAME}. Checked here; a new name is created (with {@code createTableIfNotExists}) before it
     * is used, also after the first use.
     *
     * @throws IllegalArgumentException when the name is not a plain SQL name
     */
    public void setTableName(String tableName) {
        checkTableName(Objects.requireNonNull(tableName, "tableName"));
        tableNameChanging(tableName);
        this.tableName = tableName;
    }

    public boolean isCreateTableIfNotExists() {
        return createTableIfNotExists;
    }

    /**
     * Create the table (and its index, where the store has one) when it does not exist (default true): on start or on
     * first use, as the store says.
     */
    public void setCreateTableIfNotExists(boolean createTableIfNotExists) {
        this.createTableIfNotExists = createTableIfNotExists;
    }

    @Override
    public String toString() {
        return storeName + "[" + tableName + "]";
    }
}
