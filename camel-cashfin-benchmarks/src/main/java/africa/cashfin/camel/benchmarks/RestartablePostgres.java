package africa.cashfin.camel.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An embedded PostgreSQL (zonky) on a fixed port and data directory, so that it can be restarted with its data, as a
 * database server restarted by its operator; and a stall of the cluster's shared log of sends (another connection
 * holds its advisory locks).
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    RestartablePostgres() throws IOException {
        dataDirectory = Files.createTempDirectory("cashfin-chaos-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = builder().start();
    }

    /** Never cleans the data directory on close (a restart keeps the data); {@link #close()} deletes it. */
    private EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port);
    }

    /** @return the JDBC URL of the {@code postgres} database (user {@code postgres}); unchanged by a restart */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** @return a DataSource on {@link #jdbcUrl()}, opening a connection per call (valid across restarts) */
    DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl());
        return ds;
    }

    /**
     * Holds the advisory lock of every key of the shared log of sends ({@code PostgresAdmissionLog}) for
     * {@code duration} from another connection: every node's next call waits on it (or falls back, if it bounds its
     * wait).
     *
     * @return the keys whose locks were held
     */
    List<String> stallSharedLog(Duration duration) throws SQLException, InterruptedException {
        List<String> keys = new ArrayList<>();
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement select = connection.createStatement();
                 ResultSet rows = select.executeQuery("SELECT DISTINCT bucket_key FROM cashfin_rate_limit_log")) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            for (String key : keys) {
                try (PreparedStatement lock = connection.prepareStatement(
                        "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                    lock.setString(1, key);
                    lock.execute();
                }
            }
            Thread.sleep(duration.toMillis());
            connection.rollback();
        }
        return keys;
    }

    /** Stops the server (every connection drops) and starts it again on the same data and port. */
    void restart() throws IOException {
        server.close();
        server = builder().start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (java.util.stream.Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
