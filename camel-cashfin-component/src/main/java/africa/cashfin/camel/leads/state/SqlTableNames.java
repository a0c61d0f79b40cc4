package africa.cashfin.camel.leads.state;

import java.util.regex.Pattern;

/** The table names the component's SQL stores accept: they are put into SQL text, so only plain names pass. */
public final class SqlTableNames {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private SqlTableNames() {
    }

    /**
     * @param  owner                    the store, for the message (e.g. {@code JdbcStateRepository})
     * @param  tableName                letters, digits and {@code _}, optionally {@code schema.table}
     * @throws IllegalArgumentException when the name is anything else
     */
    public static void check(String owner, String tableName) {
        if (!PLAIN.matcher(tableName).matches()) {
            throw new IllegalArgumentException(owner + " tableName '" + tableName
                                               + "' is not a plain SQL name: use letters, digits and _ (schema.table)");
        }
    }
}
