package africa.cashfin.camel.examples.sync;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The database of Flow 4: a {@link DataSource} for a JDBC URL (H2 or PostgreSQL; the driver is picked from the URL)
 * and the table {@code cashfin_leads}, created when absent with SQL that both databases accept.
 * <p>
 * The data source opens a connection per statement, which is plenty for one lead consumer; for a busy database use a
 * pool (e.g. HikariCP) bound under the same name.
 */
public final class LeadDatabase {

    /** The table the sync route upserts into. */
    public static final String TABLE = "cashfin_leads";

    /** The DDL of {@value #TABLE}; portable between H2 and PostgreSQL. */
    public static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "id VARCHAR(64) PRIMARY KEY, "
            + "name VARCHAR(500) NOT NULL, "
            + "email VARCHAR(320), "
            + "phone VARCHAR(64), "
            + "company VARCHAR(500), "
            + "jobtitle VARCHAR(200), "
            + "source VARCHAR(100), "
            + "status VARCHAR(20), "
            + "budget NUMERIC(20, 2), "
            + "country VARCHAR(100), "
            + "created_at TIMESTAMP, "
            + "updated_at TIMESTAMP, "
            + "synced_at TIMESTAMP NOT NULL)";

    private LeadDatabase() {
    }

    /**
     * A data source for {@code url}.
     *
     * @throws IllegalArgumentException when no JDBC driver on the class path accepts the URL
     */
    public static DataSource dataSource(String url, String username, String password) {
        Driver driver = driver(url);
        return new SimpleDriverDataSource(driver, url, blankToNull(username), blankToNull(password));
    }

    /** Creates {@value #TABLE} when it does not exist. */
    public static void createSchema(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(CREATE_TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the table " + TABLE + ": " + e.getMessage()
                    + ". Check cashfin.jdbc.url and that the user may create tables.", e);
        }
    }

    private static Driver driver(String url) {
        String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
        String className = u.startsWith("jdbc:h2:") ? "org.h2.Driver"
                : u.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : null;
        try {
            if (className != null) {
                return (Driver) Class.forName(className, true, LeadDatabase.class.getClassLoader())
                        .getDeclaredConstructor().newInstance();
            }
            return DriverManager.getDriver(url);
        } catch (ReflectiveOperationException | SQLException e) {
            throw new IllegalArgumentException("No JDBC driver for '" + url + "' (cashfin.jdbc.url): use jdbc:h2:..."
                    + " or jdbc:postgresql://host:5432/db, or add the database's driver to the class path", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
