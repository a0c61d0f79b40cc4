package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;
import africa.cashfin.camel.leads.api.limit.SecretFingerprint;
import africa.cashfin.camel.leads.api.limit.SharedAdmissionLog.Window;
import africa.cashfin.camel.leads.state.PostgresAdmissionLog;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import com.example.CashfinRateLimitStore;

/**
 * A stalled PostgreSQL never holds a caller past its {@code maxRetryWait}: another connection holds the shared log's
 * advisory lock, or the shared bucket's row lock, for 10 s while a create route (maxRetryWait 2 s) keeps sending.
 */
class PostgresStallTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(2);
    /** The HTTP call itself and a busy 2-core machine, on top of maxRetryWait. */
    private static final long SLACK_MILLIS = 1_000;
    private static final Duration STALL = Duration.ofSeconds(10);

    private final DataSource database = SharedPostgres.newDatabase();
    private final AtomicInteger leads = new AtomicInteger();

    @Test
    void aStalledSharedLogFallsBackToTheLocalLogWithinMaxRetryWaitAndRecovers() throws Exception {
        CamelContext context = route("rateLimitLog=#bean:cashfinRateLimitLog");
        context.getRegistry().bind("cashfinRateLimitLog", new PostgresAdmissionLog(database));
        try (LogLines log = new LogLines()) {
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();
            create(producer); // the table exists, the log works
            String lockKey = PostgresAdmissionLog.DEFAULT_TABLE_NAME + ":"
                             + SecretFingerprint.of(sim.secret()).bucketKey();
            int sentBefore = sim.leadCount();
            long longest;
            try (Stall stall = new Stall("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", lockKey)) {
                longest = createUntil(producer, stall);
            }
            assertThat(longest).as("the longest create while the log was stalled (ms)")
                    .isLessThan(MAX_RETRY_WAIT.toMillis() + SLACK_MILLIS);
            assertThat(sim.leadCount() - sentBefore).as("every create went out, paced by the local log")
                    .isEqualTo(leads.get() - 1);
            assertThat(log.count("WARN", "shared admission log")).as("one WARN line for the whole stall").isEqualTo(1);

            await().atMost(Duration.ofSeconds(15)).until(() -> {
                create(producer);
                return log.count("INFO", "shared admission log") == 1;
            });
            create(producer);
            assertThat(log.count("INFO", "works again")).as("one INFO line when it works again").isEqualTo(1);
            assertThat(log.count("WARN", "shared admission log")).isEqualTo(1);
        } finally {
            context.stop();
        }
    }

    @Test
    void aStalledSharedBucketFailsCallsWithinMaxRetryWaitWithoutSendingThemAndRecovers() throws Exception {
        createBucketTable();
        CamelContext context = route("rateLimitStore=#bean:cashfinRateLimitStore");
        context.getRegistry().bind("cashfinRateLimitStore", CashfinRateLimitStore.postgres(database)); // the recipe
        try (LogLines log = new LogLines()) {
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();
            create(producer); // the bucket's row exists
            int sentBefore = sim.leadCount();
            long longest = 0;
            int refused = 0;
            try (Stall stall = new Stall("SELECT id FROM cashfin_rate_limit WHERE id = ? FOR UPDATE",
                    SecretFingerprint.of(sim.secret()).bucketKey())) {
                while (!stall.over()) {
                    long start = System.nanoTime();
                    Throwable failure = catchThrowable(() -> create(producer));
                    longest = Math.max(longest, (System.nanoTime() - start) / 1_000_000);
                    assertThat(failure).as("no call is sent without the shared budget")
                            .hasRootCauseInstanceOf(RateLimitWaitExceededException.class);
                    assertThat(failure.getCause()).hasMessageContaining("did not answer within");
                    refused++;
                }
            }
            assertThat(refused).isGreaterThanOrEqualTo(3);
            assertThat(longest).as("the longest create while the bucket was stalled (ms)")
                    .isLessThan(MAX_RETRY_WAIT.toMillis() + SLACK_MILLIS);
            assertThat(sim.leadCount()).as("nothing was sent meanwhile").isEqualTo(sentBefore);
            assertThat(log.count("WARN", "shared budget store")).as("one WARN line for the whole stall").isEqualTo(1);

            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
                create(producer);
                return true;
            });
            create(producer);
            assertThat(log.count("INFO", "answers in time again")).as("one INFO line when it answers").isEqualTo(1);
            assertThat(log.count("WARN", "shared budget store")).isEqualTo(1);
        } finally {
            context.stop();
        }
    }

    @Test
    void pruningDeletesTheOldRowsOfEverySecret() throws Exception {
        PostgresAdmissionLog log = new PostgresAdmissionLog(database);
        List<Window> window = List.of(new Window(5, Duration.ofSeconds(1)));
        log.admit("key-a", window, Duration.ZERO, Duration.ofSeconds(5)); // creates the table
        execute("INSERT INTO cashfin_rate_limit_log (bucket_key, sent_at) VALUES ('a-secret-no-longer-used', 1),"
                + " ('key-a', 2)");

        PostgresAdmissionLog anotherNode = new PostgresAdmissionLog(database);
        anotherNode.admit("key-b", window, Duration.ZERO, Duration.ofSeconds(5));

        assertThat(count("SELECT count(*) FROM cashfin_rate_limit_log WHERE sent_at < 1000"))
                .as("old rows of every key are gone, not only key-b's").isZero();
        assertThat(count("SELECT count(*) FROM cashfin_rate_limit_log")).as("the recent sends stay").isEqualTo(2);
    }

    @Test
    void theTableNameIsCheckedWhenSetAndANewTableIsCreatedAfterFirstUse() throws Exception {
        PostgresAdmissionLog log = new PostgresAdmissionLog(database);
        List<Window> window = List.of(new Window(5, Duration.ofSeconds(1)));
        log.admit("k", window, Duration.ZERO, Duration.ofSeconds(5));

        assertThatThrownBy(() -> log.setTableName("log; DROP TABLE cashfin_rate_limit_log"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a plain SQL name");
        log.setTableName("other_log");
        assertThat(log.admit("k", window, Duration.ZERO, Duration.ofSeconds(5))).isZero();

        assertThat(count("SELECT count(*) FROM other_log")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM cashfin_rate_limit_log")).isEqualTo(1);
    }

    /** Creates until the stall is over; returns the longest create (ms). */
    private long createUntil(ProducerTemplate producer, Stall stall) {
        long longest = 0;
        while (!stall.over()) {
            long start = System.nanoTime();
            create(producer);
            longest = Math.max(longest, (System.nanoTime() - start) / 1_000_000);
        }
        return longest;
    }

    private void create(ProducerTemplate producer) {
        producer.requestBody("direct:new-lead", Map.of("name", "Stall Lead " + leads.incrementAndGet()));
    }

    private CamelContext route(String storeOption) throws Exception {
        CamelContext context = SimulatorCamel.contextOn(sim);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:new-lead").to("cashfin-leads:create?plan=starter&maxRetryWait=2s&" + storeOption);
            }
        });
        return context;
    }

    /** Another connection holding a lock for {@link #STALL}: the statement runs in a transaction rolled back at the end. */
    private final class Stall implements AutoCloseable {
        private final Connection connection;
        private final long until;

        Stall(String lockSql, String key) throws SQLException {
            connection = database.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(lockSql)) {
                lock.setString(1, key);
                lock.executeQuery().close();
            }
            until = System.nanoTime() + STALL.toNanos();
        }

        boolean over() {
            return System.nanoTime() - until >= 0;
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }

    private void createBucketTable() {
        execute("CREATE TABLE IF NOT EXISTS cashfin_rate_limit (id VARCHAR(128) PRIMARY KEY, state BYTEA,"
                + " expires_at BIGINT)");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
