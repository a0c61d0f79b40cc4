package africa.cashfin.camel.leads.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;

/**
 * A Camel {@link StateRepository} in a SQL table, so that the nodes of a cluster share the consumer's cursor
 * ({@code stateRepository=#bean:leadCursor}). Camel 4.17 ships only in-memory and file state repositories (and
 * camel-sql none), hence this one. Plain JDBC, portable SQL: tested on PostgreSQL and H2.
 *
 * <p>
 * Table (created on start when {@code createTableIfNotExists} is true, the default):
 *
 * <pre>
 * CREATE TABLE IF NOT EXISTS CASHFIN_LEADS_STATE (
 *     state_key   VARCHAR(500) PRIMARY KEY,
 *     state_value VARCHAR(4000) NOT NULL,
 *     updated_at  TIMESTAMP NOT NULL
 * )
 * </pre>
 *
 * One row per key; {@link #setState} updates it, or inserts it the first time. Each call is one short
 * auto-commit statement on a connection borrowed from the {@link DataSource}.
 * <p>
 * Fenced writes ({@link FencedStateRepository}): the leadership epoch of key {@code K} is the row
 * {@code K#leader-epoch}. {@link #claimEpoch} and {@link #setStateIfEpoch} each run in one short transaction that
 * first locks that row ({@code SELECT ... FOR UPDATE}), so a claim and a conditional write never interleave: a write
 * that started before a newer claim commits first, one that comes after it is refused.
 */
public class JdbcStateRepository extends SqlTableStore implements FencedStateRepository {

    /** The table used unless {@link #setTableName} says otherwise. */
    public static final String DEFAULT_TABLE_NAME = "CASHFIN_LEADS_STATE";

    /** For bean binding (YAML, properties): set {@code dataSource} before start. */
    public JdbcStateRepository() {
        super("JdbcStateRepository", DEFAULT_TABLE_NAME, null);
    }

    /** @param dataSource the database holding the table {@value #DEFAULT_TABLE_NAME} */
    public JdbcStateRepository(DataSource dataSource) {
        super("JdbcStateRepository", DEFAULT_TABLE_NAME, Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    protected void doStart() {
        if (getDataSource() == null) {
            throw new IllegalStateException("JdbcStateRepository needs a dataSource: set it before the route starts");
        }
        createTable(getTableName());
    }

    /** When already started, the new table is created (with {@code createTableIfNotExists}) before it is used. */
    @Override
    protected void tableNameChanging(String newTableName) {
        if (isStarted() && getDataSource() != null) {
            createTable(newTableName);
        }
    }

    private void createTable(String table) {
        checkTableName(table);
        if (isCreateTableIfNotExists()) {
            execute("create the table " + table, connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                                      + "state_key VARCHAR(500) PRIMARY KEY, "
                                      + "state_value VARCHAR(4000) NOT NULL, "
                                      + "updated_at TIMESTAMP NOT NULL)");
                }
                return null;
            });
        }
    }

    @Override
    public String getState(String key) {
        Objects.requireNonNull(key, "key");
        return execute("read state '" + key + "' from " + getTableName(), connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state_value FROM " + getTableName() + " WHERE state_key = ?")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }

    @Override
    public void setState(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        execute("write state '" + key + "' to " + getTableName(), connection -> {
            if (update(connection, key, value) == 0) {
                try {
                    insert(connection, key, value);
                } catch (SQLException e) {
                    // another node inserted the row between our update and insert: ours is the later write
                    if (!isDuplicateKey(e) || update(connection, key, value) == 0) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public long claimEpoch(String key) {
        Objects.requireNonNull(key, "key");
        String epochKey = FencedStateRepository.epochKey(key);
        return transaction("claim the leadership epoch of '" + key + "' in " + getTableName(), connection -> {
            Long stored = lockEpoch(connection, key);
            long next = (stored == null ? 0 : stored) + 1;
            if (stored == null) {
                insert(connection, epochKey, Long.toString(next)); // a concurrent first claim: duplicate key, retried
            } else {
                update(connection, epochKey, Long.toString(next));
            }
            return next;
        });
    }

    @Override
    public long currentEpoch(String key) {
        Objects.requireNonNull(key, "key");
        return FencedStateRepository.parseEpoch(key, getState(FencedStateRepository.epochKey(key)));
    }

    @Override
    public boolean setStateIfEpoch(String key, String value, long epoch) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return transaction("write state '" + key + "' to " + getTableName(), connection -> {
            Long stored = lockEpoch(connection, key);
            if (stored != null && stored > epoch) {
                return false;
            }
            if (update(connection, key, value) == 0) {
                insert(connection, key, value); // a concurrent first write: duplicate key, retried as an update
            }
            return true;
        });
    }

    /** Reads the epoch row of {@code key} and locks it until the transaction ends; null when there is none. */
    private Long lockEpoch(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state_value FROM " + getTableName() + " WHERE state_key = ? FOR UPDATE")) {
            select.setString(1, FencedStateRepository.epochKey(key));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? FencedStateRepository.parseEpoch(key, row.getString(1)) : null;
            }
        }
    }

    private int update(Connection connection, String key, String value) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + getTableName() + " SET state_value = ?, updated_at = ? WHERE state_key = ?")) {
            update.setString(1, value);
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setString(3, key);
            return update.executeUpdate();
        }
    }

    private void insert(Connection connection, String key, String value) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + getTableName() + " (state_key, state_value, updated_at) VALUES (?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, value);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    /** SQLState class 23 is "integrity constraint violation" in every database that follows the standard. */
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private <T> T execute(String what, SqlWork<T> work) {
        try (Connection connection = getDataSource().getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new RuntimeCamelException("JdbcStateRepository could not " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction; a duplicate key (two first inserts at once) rolls it back and runs it once
     * more, when the other row is there to be locked or updated.
     */
    private <T> T transaction(String what, SqlWork<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection connection = getDataSource().getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (attempt < 3 && isDuplicateKey(e)) {
                    continue;
                }
                throw new RuntimeCamelException("JdbcStateRepository could not " + what + ": " + e.getMessage(), e);
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
