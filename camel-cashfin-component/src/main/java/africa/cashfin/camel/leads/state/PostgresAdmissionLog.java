package africa.cashfin.camel.leads.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import africa.cashfin.camel.leads.api.limit.DurationText;
import africa.cashfin.camel.leads.api.limit.SharedAdmissionLog;

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
public class PostgresAdmissionLog extends SqlTableStore implements SharedAdmissionLog {

    /** The table used unless {@link #setTableName} says otherwise. */
    public static final String DEFAULT_TABLE_NAME = "cashfin_rate_limit_log";

    private static final long PRUNE_EVERY_NANOS = 10_000_000_000L;
    private static final long KEEP_EXTRA_MICROS = 60_000_000L;
    private static final String NOW_MICROS = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";
    /** The shortest timeout put on a statement (PostgreSQL reads 0 as "no timeout"). */
    private static final long MIN_TIMEOUT_MILLIS = 1;
    /** Added to the network timeout, so that the server's own timeouts fire first while it answers. */
    private static final int NETWORK_TIMEOUT_EXTRA_MILLIS = 1000;
    /** A decision answered later than this (after the send was stamped) has its row moved later by that much. */
    static final long LATE_ANSWER_NANOS = 1_000_000L;
    /** Runs the corrections of late answers, off the callers' threads. */
    private static final ExecutorService CORRECTIONS = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "cashfin-admission-log-correction");
                thread.setDaemon(true);
                return thread;
            });

    /** The table made ready by the last use; null before the first use and after {@link #setTableName}. */
    private volatile String readyTable;
    private final ConcurrentHashMap<String, String> queries = new ConcurrentHashMap<>();
    private final AtomicLong lastPruneNanos = new AtomicLong(System.nanoTime() - PRUNE_EVERY_NANOS);

    /** For bean binding (YAML, properties): set {@code dataSource} before first use. */
    public PostgresAdmissionLog() {
        super("PostgresAdmissionLog", DEFAULT_TABLE_NAME, null);
    }

    /** @param dataSource the PostgreSQL database holding the table {@value #DEFAULT_TABLE_NAME} */
    public PostgresAdmissionLog(DataSource dataSource) {
        super("PostgresAdmissionLog", DEFAULT_TABLE_NAME, Objects.requireNonNull(dataSource, "dataSource"));
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
        Decision decision;
        try (Connection connection = connection()) {
            boolean autoCommit = connection.getAutoCommit();
            int networkTimeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run,
                    (int) Math.min(Integer.MAX_VALUE, timeoutMillis + NETWORK_TIMEOUT_EXTRA_MILLIS));
            // the script below opens and commits its own transaction
            connection.setAutoCommit(true);
            try {
                decision = admit(connection, table, key, windows, jitterMicros, timeoutMillis);
            } catch (SQLException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
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
        // the call leaves now: when that is later than the stamp by more than a trifle, move the row by as much
        long late = System.nanoTime() - decision.asked;
        if (decision.waitFor.isZero() && late > LATE_ANSWER_NANOS) {
            correct(table, key, decision.sentAt, late / 1000);
        }
        return decision.waitFor;
    }

    /** What the admission decided, the send's stamp (micros, database clock) and when the decision was asked. */
    private record Decision(Duration waitFor, long sentAt, long asked) {
    }

    /** 55P03 lock_not_available (lock_timeout), 57014 query_canceled (statement_timeout), 08xxx a lost connection. */
    private static boolean isTimeout(SQLException e) {
        String state = e.getSQLState();
        return e instanceof java.sql.SQLTimeoutException
               || state != null && (state.equals("55P03") || state.equals("57014") || state.startsWith("08"));
    }

    /**
     * The admission in two round trips: the first opens the transaction, sets its timeouts, prunes when due and takes
     * the key's advisory lock (all the waiting happens there); the second reads the database clock, decides, inserts
     * the send and commits, in one go. The send is stamped by that clock, so it is stamped before it leaves by at most
     * the second round trip and the return to the caller (longer when a busy JVM sees the answer late): when that
     * took longer than {@link #LATE_ANSWER_NANOS}, the row is moved later by it afterwards ({@link #correct}), so that
     * it leaves the window no earlier than the send did. A send stamped earlier than it leaves would let the calls of the cluster
     * reach the server closer together than the log allowed.
     */
    private Decision admit(Connection connection, String table, String key, List<Window> windows, long jitterMicros,
                           long timeoutMillis)
            throws SQLException {
        long longestSpan = 0;
        for (Window window : windows) {
            longestSpan = Math.max(longestSpan, window.length().toNanos() / 1000 + jitterMicros);
        }
        long last = lastPruneNanos.get();
        long nanoNow = System.nanoTime();
        boolean prune = nanoNow - last >= PRUNE_EVERY_NANOS && lastPruneNanos.compareAndSet(last, nanoNow);
        try (PreparedStatement lock = connection.prepareStatement(lockScript(table, prune))) {
            int p = 1;
            // the caller's remaining wait bounds every lock and statement of the transaction; the send leaves when
            // the commit returns, so do not wait for the WAL flush (a lost row after a database crash costs nothing;
            // a commit held up by a slow disk would make the call leave late)
            lock.setString(p++, timeoutMillis + "ms");
            lock.setString(p++, timeoutMillis + "ms");
            if (prune) {
                // every key's old rows: a secret no longer used (or used by a stopped node) must not leave rows
                // behind; rows another instance is deleting right now are skipped, not waited for
                lock.setLong(p++, longestSpan + KEEP_EXTRA_MICROS);
            }
            lock.setString(p, table + ":" + key);
            lock.execute();
        }
        try (PreparedStatement decide = connection.prepareStatement(decideScript(table, windows.size()))) {
            int p = 1;
            for (Window window : windows) {
                decide.setString(p++, key);
                decide.setLong(p++, window.length().toNanos() / 1000 + jitterMicros);
                decide.setLong(p++, window.limit() - 1);
            }
            decide.setString(p, key);
            long asked = System.nanoTime();
            boolean isResult = decide.execute();
            while (isResult || decide.getUpdateCount() != -1) {
                if (isResult) {
                    try (ResultSet row = decide.getResultSet()) {
                        if ("now".equals(row.getMetaData().getColumnLabel(1)) && row.next()) {
                            return new Decision(waitOf(row, windows, jitterMicros), row.getLong(1), asked);
                        }
                    }
                }
                isResult = decide.getMoreResults();
            }
        }
        throw new SQLException("the admission script of PostgresAdmissionLog returned no decision");
    }

    /** The wait the decision row says: zero when the send was inserted, else until the oldest counted send leaves. */
    private static Duration waitOf(ResultSet row, List<Window> windows, long jitterMicros) throws SQLException {
        long now = row.getLong(1);
        long wait = 0;
        int column = 2;
        for (Window window : windows) {
            long oldestCounted = row.getLong(column++);
            if (!row.wasNull()) {
                long span = window.length().toNanos() / 1000 + jitterMicros;
                // a counted send lies within its span, so this is at least a microsecond: no room yet
                wait = Math.max(wait, Math.max(1, oldestCounted + span - now));
            }
        }
        return wait > 0 ? Duration.ofNanos(wait * 1000) : Duration.ZERO;
    }

    /**
     * Moves a send stamped at {@code sentAt} later by {@code lateMicros}, on a background thread (the call leaves
     * meanwhile): later is always on the safe side (the send counts a little longer). Best effort: a failure leaves
     * the row as it was.
     */
    private void correct(String table, String key, long sentAt, long lateMicros) {
        CORRECTIONS.execute(() -> {
            try (Connection connection = connection();
                 PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET sent_at = sent_at"
                         + " + ? WHERE bucket_key = ? AND sent_at = ?")) {
                update.setLong(1, lateMicros);
                update.setString(2, key);
                update.setLong(3, sentAt);
                update.executeUpdate();
            } catch (SQLException | RuntimeException e) {
                // the next admissions go on; the row leaves its window at most lateMicros early
            }
        });
    }

    /**
     * The first script: begin; the transaction's timeouts and asynchronous commit; every tenth second or so the prune;
     * the key's advisory lock. Parameters: lock timeout, statement timeout, (prune age in micros), lock name.
     */
    private String lockScript(String table, boolean prune) {
        return queries.computeIfAbsent(table + "#lock#" + prune, n -> {
            StringBuilder sql = new StringBuilder("BEGIN; SELECT set_config('lock_timeout', ?, true),"
                    + " set_config('statement_timeout', ?, true), set_config('synchronous_commit', 'off', true); ");
            if (prune) {
                sql.append("DELETE FROM ").append(table).append(" WHERE ctid IN (SELECT ctid FROM ").append(table)
                        .append(" WHERE sent_at < " + NOW_MICROS + " - ? FOR UPDATE SKIP LOCKED); ");
            }
            return sql.append("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").toString();
        });
    }

    /**
     * The second script: one statement that reads the clock, finds per window the {@code limit}-th most recent send
     * within the span (null when fewer) and inserts the send when every window has room; commit. Parameters: (key,
     * span in micros, limit - 1) per window, then the key to insert.
     */
    private String decideScript(String table, int windows) {
        return queries.computeIfAbsent(table + "#decide#" + windows, n -> {
            StringBuilder sql = new StringBuilder("WITH clock AS (SELECT " + NOW_MICROS + " AS now), counted AS"
                                                  + " (SELECT clock.now AS now");
            for (int i = 0; i < windows; i++) {
                sql.append(", (SELECT sent_at FROM ").append(table).append(" WHERE bucket_key = ? AND sent_at >"
                        + " clock.now - ? ORDER BY sent_at DESC OFFSET ? LIMIT 1) AS w").append(i);
            }
            sql.append(" FROM clock), inserted AS (INSERT INTO ").append(table)
                    .append(" (bucket_key, sent_at) SELECT ?, counted.now FROM counted WHERE true");
            for (int i = 0; i < windows; i++) {
                sql.append(" AND counted.w").append(i).append(" IS NULL");
            }
            return sql.append(" RETURNING sent_at) SELECT * FROM counted; COMMIT").toString();
        });
    }

    /** A new name (even the same one) is created (with {@code createTableIfNotExists}) on the next use. */
    @Override
    protected void tableNameChanging(String newTableName) {
        readyTable = null;
    }

    /** @return the table, created first when needed (its DDL bounded by the caller's wait too) */
    private String ensureTable(long timeoutMillis) {
        String tableName = getTableName();
        if (tableName.equals(readyTable)) {
            return tableName;
        }
        synchronized (this) {
            if (tableName.equals(readyTable)) {
                return tableName;
            }
            if (getDataSource() == null) {
                throw new IllegalStateException("PostgresAdmissionLog needs a dataSource: set it before first use");
            }
            checkTableName(tableName);
            if (isCreateTableIfNotExists()) {
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
            readyTable = tableName;
            return tableName;
        }
    }

    private Connection connection() throws SQLException {
        return getDataSource().getConnection();
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (connection.getAutoCommit()) {
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK"); // the script's own transaction, left aborted by its error
                }
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            // the connection is broken: closing it is all that is left
        }
    }
}
