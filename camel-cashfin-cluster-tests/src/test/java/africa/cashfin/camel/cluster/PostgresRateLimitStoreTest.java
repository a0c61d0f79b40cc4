package africa.cashfin.camel.cluster;

import static africa.cashfin.camel.leads.testing.LimiterProbe.callsNow;
import static africa.cashfin.camel.leads.testing.LimiterProbe.takeNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.api.limit.BudgetShare;
import africa.cashfin.camel.leads.api.limit.BudgetShareRegistry;
import africa.cashfin.camel.leads.api.limit.BudgetShares;
import africa.cashfin.camel.leads.api.limit.CallRateLimiter;
import africa.cashfin.camel.leads.api.limit.CallRateLimiterRegistry;
import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;
import africa.cashfin.camel.leads.api.limit.RateLimits;
import africa.cashfin.camel.leads.api.limit.SecretFingerprint;
import africa.cashfin.camel.leads.api.limit.TimeSource;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The rate-limiting recipe of docs/rate-limiting.md run as written on a real PostgreSQL: Bucket4j's PostgreSQL
 * {@code ProxyManager} over the {@code cashfin_rate_limit} table. Two limiter registries stand for two JVMs (each JVM
 * has one); they draw on one budget through the table.
 */
class PostgresRateLimitStoreTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    private static final String SECRET = "cs_postgresClusterSecret77";

    private final DataSource database = SharedPostgres.newDatabase();

    @Test
    void twoJvmsSpendOneDailyBudgetThroughPostgres() throws Exception {
        RateLimits tenADay = RateLimits.builder().maxRequestsPerDay(10).margin(0).build();
        CallRateLimiter jvmA = jvm(tenADay);
        CallRateLimiter jvmB = jvm(tenADay);
        for (int i = 0; i < 5; i++) {
            jvmA.acquire(Duration.ZERO);
            jvmB.acquire(Duration.ZERO);
        }

        assertThatThrownBy(() -> jvmA.acquire(Duration.ofSeconds(1)))
                .isInstanceOf(RateLimitWaitExceededException.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> jvmB.acquire(Duration.ofSeconds(1)))
                .isInstanceOf(RateLimitWaitExceededException.class);
        assertThat(bucketKeys()).as("the day's row, keyed by the secret's fingerprint, never the secret")
                .containsExactly(SecretFingerprint.of(SECRET).bucketKey() + ":day");
    }

    @Test
    void twoJvmsArePacedTogetherAtTheSharedRate() throws Exception {
        RateLimits tenASecond = RateLimits.builder().maxRequestsPerSecond(10).margin(0).build();
        CallRateLimiter jvmA = jvm(tenASecond);
        CallRateLimiter jvmB = jvm(tenASecond);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (CallRateLimiter jvm : List.of(jvmA, jvmB)) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 30; i++) {
                        jvm.acquire();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // 60 calls at one shared 10/s take about 5.9 s; two separate buckets would let them through in about 2.9 s
        assertThat(seconds).isGreaterThan(5.0);
    }

    @Test
    void aRouteWithTheRateLimitStoreCreatesLeadsThroughPostgres() throws Exception {
        CamelContext context = SimulatorCamel.contextOn(sim);
        context.getRegistry().bind("cashfinRateLimitStore", proxyManager());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:new-lead")
                        .to("cashfin-leads:create?plan=starter&rateLimitStore=#bean:cashfinRateLimitStore");
            }
        });
        context.start();
        try {
            for (int i = 0; i < 5; i++) {
                Lead created = context.createProducerTemplate()
                        .requestBody("direct:new-lead", Map.of("name", "Store Lead " + i), Lead.class);
                assertThat(created.getId()).isNotBlank();
            }
        } finally {
            context.stop();
        }
        assertThat(sim.leadCount()).isEqualTo(5);
        assertThat(bucketKeys()).as("the pace and the day of the secret, and the row of the reserves every node reads")
                .containsExactlyInAnyOrder(SecretFingerprint.of(sim.secret()).bucketKey(),
                        SecretFingerprint.of(sim.secret()).bucketKey() + ":day",
                        BudgetShares.reservesKey(SecretFingerprint.of(sim.secret())));
    }

    @Test
    void budgetSharesLiveInTheStoreAndSplitTheDayAcrossJvms() throws Exception {
        RateLimits twentyADay = RateLimits.builder().maxRequestsPerDay(20).margin(0).build();
        BudgetShareRegistry jvmA = new BudgetShareRegistry(TimeSource.system());
        BudgetShareRegistry jvmB = new BudgetShareRegistry(TimeSource.system());
        BudgetShare floodA = jvmA.join(SECRET, twentyADay, proxyManager(), null, 0);
        jvmA.join(SECRET, twentyADay, proxyManager(), "cashfin-leads:list", 0.5);
        BudgetShare floodB = jvmB.join(SECRET, twentyADay, proxyManager(), null, 0);
        BudgetShare consumerB = jvmB.join(SECRET, twentyADay, proxyManager(), "cashfin-leads:list", 0.5);

        int flooded = 0;
        for (int i = 0; i < 40; i++) {
            if (takeNow(i % 2 == 0 ? floodA : floodB)) {
                flooded++;
            }
        }
        int polled = 0;
        while (takeNow(consumerB)) {
            polled++;
        }

        assertThat(flooded).as("one pool in the table for both JVMs: half the day").isEqualTo(10);
        assertThat(polled).as("the consumer's reserve, untouched by the flood").isEqualTo(10);
        SecretFingerprint secret = SecretFingerprint.of(SECRET);
        assertThat(bucketKeys()).as("rows keyed by the secret's bucket key, never the secret or a raw share name")
                .containsExactlyInAnyOrder(BudgetShares.poolKey(secret),
                        BudgetShares.reserveKey(secret, "cashfin-leads:list"), BudgetShares.reservesKey(secret));
    }

    @Test
    void aPlanUpgradedThenDowngradedOnAnotherNodeTakesEffectOnTheStoredRowsUnderLoad() throws Exception {
        RateLimits ten = RateLimits.builder().maxRequestsPerDay(10).margin(0).build();
        RateLimits hundred = RateLimits.builder().maxRequestsPerDay(100).margin(0).build();
        RateLimits five = RateLimits.builder().maxRequestsPerDay(5).margin(0).build();
        CallRateLimiter oldPlan = jvm(ten);
        for (int i = 0; i < 4; i++) {
            oldPlan.acquire(Duration.ZERO);
        }
        // the node on the old plan keeps calling while a node with the upgraded plan starts
        ExecutorService load = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> oldNodeCalls = load.submit(() -> callsNow(oldPlan));
            await().pollDelay(Duration.ofMillis(5)).atMost(Duration.ofSeconds(1)).until(() -> true);
            CallRateLimiter upgraded = jvm(hundred);
            Future<Integer> newNodeCalls = load.submit(() -> callsNow(upgraded));
            assertThat(4 + oldNodeCalls.get(120, TimeUnit.SECONDS) + newNodeCalls.get(120, TimeUnit.SECONDS))
                    .as("the upgraded day holds for both nodes: 100 calls, the 4 spent before included")
                    .isEqualTo(100);

            CallRateLimiter downgraded = jvm(five);
            assertThat(callsNow(downgraded)).as("100 spent today, nothing left of the downgraded 5").isZero();
            assertThat(callsNow(upgraded)).as("the node still on the old plan follows the stored plan").isZero();
        } finally {
            load.shutdownNow();
        }
    }

    /** One JVM's limiter: its own registry, and the store on a connection pool of its own. */
    private CallRateLimiter jvm(RateLimits limits) {
        return new CallRateLimiterRegistry(TimeSource.system()).lease(SECRET, limits, proxyManager()).limiter();
    }

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    /** The store exactly as docs/rate-limiting.md builds it, on a connection pool of its own (as each JVM has one). */
    private ProxyManager<String> proxyManager() {
        createTable();
        HikariDataSource pool = SharedPostgres.pool(database, "jvm-" + (pools.size() + 1));
        pools.add(pool);
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("cashfin_rate_limit").idColumn("id").stateColumn("state")
                .requestTimeout(java.time.Duration.ofSeconds(10)) // frees the store's threads after a stall
                .build();
    }

    /** The DDL of docs/rate-limiting.md and docs/cluster.md. */
    private void createTable() {
        execute("CREATE TABLE IF NOT EXISTS cashfin_rate_limit (id VARCHAR(128) PRIMARY KEY, state BYTEA,"
                + " expires_at BIGINT)");
    }

    private List<String> bucketKeys() throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM cashfin_rate_limit")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private void execute(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
