package africa.cashfin.camel.leads.api.limit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import africa.cashfin.camel.leads.state.SqlTableNames;

/**
 * A {@link SharedAdmissionLog} in a PostgreSQL table (PostgreSQL 11 or later), normally the database that holds the
 * shared Bucket4j budget ({@code rateLimitLog=#bean:cashfinRateLimitLog}).
 * <p>
 * One short transaction per admission ({@code synchronous_commit} off for it: the call leaves when the commit returns,
 * and a slow disk must not delay it): take a transaction-scoped advisory lock on the key
 * ({@code pg_advisory_xact_lock}), read the database clock ({@code clock_timestamp()}, so the nodes' clocks do not
 * matter), find for each window the {@code limit}-th most recent send within the window plus the jitter allowance;
 * if there is none, insert the send, else answer how long until that send leaves the span. Rows older than the longest
 * window plus a minute are deleted (those of every key), at most once every ten seconds per instance, in the same
 * transaction.
 * <p>
 * Every admission is bounded by the caller's remaining wait ({@code timeout}): the transaction sets
 * {@code lock_timeout} and {@code statement_timeout} to it (so a lock held by another connection, or a stalled
 * statement, is given up by the server), and the connection's network timeout to it plus a second (a database that
 * stopped answering). Borrowing the connection is bounded by the {@link DataSource} (a pool's connection timeout).
 * <p>
 * Table (created on first use when {@code createTableIfNotExists} is true, the default):
 *
 * <pre>
 * CREATE TABLE IF NOT EXISTS cashfin_rate_limit_log (
 *     bucket_key VARCHAR(128) NOT NULL,
 *     sent_at    BIGINT       NOT NULL  -- microseconds since the epoch, by the database's clock
 * );
 * CREATE INDEX IF NOT EXISTS cashfin_rate_limit_log_key_sent ON cashfin_rate_limit_log (bucket_key, sent_at);
 * </pre>
 *
 * Size: one row per call of the last minute or so, per secret (1,000 rows on a 1,000-a-minute plan).
 */
public class PostgresAdmissionLog implements SharedAdmissionLog {

    /** The table used unless {@link #setTableName} says otherwise. */
    public static final String DEFAULT_TABLE_NAME = "cashfin_rate_limit_log";

    private static final long PRUNE_EVERY_NANOS = 10_000_000_000L;
    private static final long KEEP_EXTRA_MICROS = 60_000_000L;
    private static final String NOW_MICROS = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";
    /** The shortest timeout put on a statement (PostgreSQL reads 0 as "no timeout"). */
    private static final long MIN_TIMEOUT_MILLIS = 1;
    /** Added to the network timeout, so that the server's own timeouts fire first while it answers. */
    private static final int NETWORK_TIMEOUT_EXTRA_MILLIS = 1000;

    private DataSource dataSource;
    private volatile String tableName = DEFAULT_TABLE_NAME;
    private boolean createTableIfNotExists = true;
    private volatile boolean tableReady;
    private final ConcurrentHashMap<String, String> queries = new ConcurrentHashMap<>();
    private final AtomicLong lastPruneNanos = new AtomicLong(System.nanoTime() - PRUNE_EVERY_NANOS);

    /** For bean binding (YAML, properties): set {@code dataSource} before first use. */
    public PostgresAdmissionLog() {
    }

    /** @param dataSource the PostgreSQL database holding the table {@value #DEFAULT_TABLE_NAME} */
    public PostgresAdmissionLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Duration admit(String key, List<Window> windows, Duration jitter, Duration timeout) {
        Objects.requireNonNull(key, "key");
        if (windows.isEmpty()) {
            return Duration.ZERO;
        }
        long jitterMicros = Math.max(0, jitter.toNanos() / 1000);
        long timeoutMillis = Math.max(MIN_TIMEOUT_MILLIS, timeout.toMillis());
        String table = ensureTable(timeoutMillis);
        try (Connection connection = connection()) {
            boolean autoCommit = connection.getAutoCommit();
            int networkTimeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run,
                    (int) Math.min(Integer.MAX_VALUE, timeoutMillis + NETWORK_TIMEOUT_EXTRA_MILLIS));
            connection.setAutoCommit(false);
            boolean committed = false;
            try {
                Duration wait = admit(connection, table, key, windows, jitterMicros, timeoutMillis);
                connection.commit();
                committed = true;
                return wait;
            } finally {
                if (!committed) {
                    rollbackQuietly(connection);
                }
                connection.setAutoCommit(autoCommit);
                connection.setNetworkTimeout(Runnable::run, networkTimeout);
            }
        } catch (SQLException e) {
            if (isTimeout(e)) {
                throw new SharedAdmissionLogException("the shared admission log in PostgreSQL table " + table
                                                      + " did not answer within " + DurationText.of(timeout)
                                                      + " (a lock held by another connection, or a stalled"
                                                      + " database): " + e.getMessage(), e);
            }
            throw new SharedAdmissionLogException("the shared admission log in PostgreSQL table " + table
                                                  + " could not be used: " + e.getMessage(), e);
        }
    }

    /** 55P03 lock_not_available (lock_timeout), 57014 query_canceled (statement_timeout), 08xxx a lost connection. */
    private static boolean isTimeout(SQLException e) {
        String state = e.getSQLState();
        return e instanceof java.sql.SQLTimeoutException
               || state != null && (state.equals("55P03") || state.equals("57014") || state.startsWith("08"));
    }

    private Duration admit(Connection connection, String table, String key, List<Window> windows, long jitterMicros,
                           long timeoutMillis)
            throws SQLException {
        // one round trip for the transaction's settings: the caller's remaining wait bounds every lock and statement
        // of it; and the send leaves when the commit returns, so do not wait for the WAL flush (a lost row after a
        // database crash costs nothing; a commit held up by a slow disk would make the call leave late)
        try (PreparedStatement settings = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true),"
                + " set_config('statement_timeout', ?, true), set_config('synchronous_commit', 'off', true)")) {
            settings.setString(1, timeoutMillis + "ms");
            settings.setString(2, timeoutMillis + "ms");
            settings.executeQuery().close();
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, table + ":" + key);
            lock.executeQuery().close();
        }
        long now;
        long wait = 0;
        long longestSpan = 0;
        try (PreparedStatement select = connection.prepareStatement(query(table, windows.size()))) {
            int p = 1;
            for (Window window : windows) {
                long span = window.length().toNanos() / 1000 + jitterMicros;
                longestSpan = Math.max(longestSpan, span);
                select.setString(p++, key);
                select.setLong(p++, span);
                select.setLong(p++, window.limit() - 1);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                now = row.getLong(1);
                int column = 2;
                for (Window window : windows) {
                    long oldestCounted = row.getLong(column++);
                    if (!row.wasNull()) {
                        long span = window.length().toNanos() / 1000 + jitterMicros;
                        wait = Math.max(wait, oldestCounted + span - now);
                    }
                }
            }
        }
        if (wait > 0) {
            return Duration.ofNanos(wait * 1000);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (bucket_key, sent_at) VALUES (?, ?)")) {
            insert.setString(1, key);
            insert.setLong(2, now);
            insert.executeUpdate();
        }
        long last = lastPruneNanos.get();
        long nanoNow = System.nanoTime();
        if (nanoNow - last >= PRUNE_EVERY_NANOS && lastPruneNanos.compareAndSet(last, nanoNow)) {
            // every key's old rows: a secret no longer used (or used by a stopped node) must not leave rows behind
            try (PreparedStatement prune = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE sent_at < ?")) {
                prune.setLong(1, now - longestSpan - KEEP_EXTRA_MICROS);
                prune.executeUpdate();
            }
        }
        return Duration.ZERO;
    }

    /**
     * The clock, then per window the {@code limit}-th most recent send within the span (null when fewer): parameters
     * (key, span in micros, limit - 1) per window.
     */
    private String query(String table, int windows) {
        return queries.computeIfAbsent(table + "#" + windows, n -> {
            StringBuilder sql = new StringBuilder("WITH clock AS (SELECT " + NOW_MICROS + " AS now) SELECT clock.now");
            for (int i = 0; i < windows; i++) {
                sql.append(", (SELECT sent_at FROM ").append(table)
                        .append(" WHERE bucket_key = ? AND sent_at > clock.now - ? ORDER BY sent_at DESC OFFSET ? LIMIT 1)");
            }
            return sql.append(" FROM clock").toString();
        });
    }

    /** @return the table, created first when needed (its DDL bounded by the caller's wait too) */
    private String ensureTable(long timeoutMillis) {
        String ready = tableName;
        if (tableReady) {
            return ready;
        }
        synchronized (this) {
            if (tableReady) {
                return tableName;
            }
            if (dataSource == null) {
                throw new IllegalStateException("PostgresAdmissionLog needs a dataSource: set it before first use");
            }
            SqlTableNames.check("PostgresAdmissionLog", tableName);
            if (createTableIfNotExists) {
                String simpleName = tableName.substring(tableName.indexOf('.') + 1);
                try (Connection connection = connection(); Statement statement = connection.createStatement()) {
                    // nodes starting together: PostgreSQL's IF NOT EXISTS is not safe against a concurrent CREATE,
                    // so the DDL runs under an advisory lock of its own
                    boolean autoCommit = connection.getAutoCommit();
                    connection.setAutoCommit(false);
                    try {
                        statement.execute("SELECT set_config('lock_timeout', '" + timeoutMillis + "ms', true),"
                                          + " set_config('statement_timeout', '" + timeoutMillis + "ms', true)");
                        statement.execute("SELECT pg_advisory_xact_lock(hashtextextended('" + tableName
                                          + ":ddl', 0))");
                        statement.execute("CREATE TABLE IF NOT EXISTS " + tableName
                                          + " (bucket_key VARCHAR(128) NOT NULL, sent_at BIGINT NOT NULL)");
                        statement.execute("CREATE INDEX IF NOT EXISTS " + simpleName + "_key_sent ON " + tableName
                                          + " (bucket_key, sent_at)");
                        connection.commit();
                    } catch (SQLException e) {
                        rollbackQuietly(connection);
                        throw e;
                    } finally {
                        connection.setAutoCommit(autoCommit);
                    }
                } catch (SQLException e) {
                    throw new SharedAdmissionLogException("PostgresAdmissionLog could not create the table " + tableName
                                                          + ": " + e.getMessage(), e);
                }
            }
            tableReady = true;
            return tableName;
        }
    }

    private Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken: closing it is all that is left
        }
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    /** The PostgreSQL database holding the table (a pool such as HikariCP in production). */
    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    /**
     * The table (letters, digits and {@code _}, optionally {@code schema.table}); default {@value #DEFAULT_TABLE_NAME}.
     * Checked here; a new name is created (when {@code createTableIfNotExists}) on the next use, also after the first.
     *
     * @throws IllegalArgumentException when the name is not a plain SQL name
     */
    public synchronized void setTableName(String tableName) {
        SqlTableNames.check("PostgresAdmissionLog", Objects.requireNonNull(tableName, "tableName"));
        this.tableName = tableName;
        this.tableReady = false;
    }

    public boolean isCreateTableIfNotExists() {
        return createTableIfNotExists;
    }

    /** Create the table and its index on first use when they do not exist (default true). */
    public void setCreateTableIfNotExists(boolean createTableIfNotExists) {
        this.createTableIfNotExists = createTableIfNotExists;
    }

    @Override
    public String toString() {
        return "PostgresAdmissionLog[" + tableName + "]";
    }
}
