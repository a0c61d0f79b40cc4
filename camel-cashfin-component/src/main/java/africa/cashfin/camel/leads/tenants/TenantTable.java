package africa.cashfin.camel.leads.tenants;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * The tenant table in a database: one row per tenant, the column {@code tenant_id} for its id and one column per field,
 * named in snake case ({@code client_secret}, {@code status}, {@code budget_reserve} become {@code clientSecret},
 * {@code status}, {@code budgetReserve}); NULL columns are left out. Read whole with {@code SELECT *} on each re-read.
 */
public final class TenantTable implements TenantSource {

    /** The column that holds the tenant id. */
    public static final String ID_COLUMN = "tenant_id";

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final DataSource dataSource;
    private final String table;

    public TenantTable(DataSource dataSource, String table) {
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("The tenant table name '" + table + "' is not a plain SQL name: use"
                                               + " letters, digits and _, optionally schema.table");
        }
        this.dataSource = dataSource;
        this.table = table;
    }

    @Override
    public List<TenantEntry> read() throws Exception {
        List<TenantEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = rows.getMetaData();
                while (rows.next()) {
                    String id = null;
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        String column = meta.getColumnLabel(c).toLowerCase(Locale.ROOT);
                        String value = rows.getString(c);
                        if (ID_COLUMN.equals(column)) {
                            id = value == null ? "" : value.trim();
                        } else if (value != null && !value.isBlank()) {
                            fields.put(fieldName(column), value.trim());
                        }
                    }
                    if (id == null) {
                        throw new IllegalStateException("The tenant table " + table + " has no column " + ID_COLUMN);
                    }
                    entries.add(new TenantEntry(id, fields));
                }
            }
        }
        return entries;
    }

    /** {@code budget_reserve} → {@code budgetReserve}. */
    static String fieldName(String column) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "table " + table;
    }
}
