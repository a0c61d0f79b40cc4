package africa.cashfin.camel.cluster;

import static africa.cashfin.camel.leads.testing.LimiterProbe.takeNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.example.CashfinRateLimitStore;

import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.api.limit.BudgetShare;
import africa.cashfin.camel.leads.api.limit.BudgetShareRegistry;
import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;
import africa.cashfin.camel.leads.api.limit.RateLimits;
import africa.cashfin.camel.leads.api.limit.TimeSource;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * Budget shares across nodes on a real PostgreSQL ({@code rateLimitStore}, the recipe's Bucket4j table): this JVM is a
 * node with real routes; the leader is another JVM, stood for by a share registry of its own (a JVM has one limiter
 * and one share registry per secret, so two nodes with routes cannot share this JVM). Every node sizes the pool from
 * the reserves registered in the store, whether or not it runs the endpoint that holds them, and a reserve that would
 * take the cluster's reserves above the maximum fails its route at start.
 * <p>
 * Camel starts the endpoint of a route that is not started (autoStartup false), so such a node joins the reserve in its
 * JVM; the nodes that need the store are those without the reserved endpoint at all.
 */
class BudgetSharesPostgresRouteTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    private static final RateLimits FORTY_A_DAY = RateLimits.builder().maxRequestsPerDay(40).margin(0).build();

    private final DataSource database = SharedPostgres.newDatabase();
    /** The leader's JVM and this node each on a connection pool of their own, as separate JVMs are. */
    private final HikariDataSource leaderPool = SharedPostgres.pool(database, "leader");
    private final HikariDataSource nodePool = SharedPostgres.pool(database, "node");

    @AfterEach
    void closePools() {
        leaderPool.close();
        nodePool.close();
    }

    @Test
    void aNodeThatDoesNotRunTheConsumerSendsNoCreatePastThePool() throws Exception {
        createTable();
        // the leader (another JVM: its own share registry on the same table) runs the consumer and its reserve
        BudgetShare leaderConsumer = leaderJvm().join(sim.secret(), FORTY_A_DAY, CashfinRateLimitStore.postgres(leaderPool),
                "leads-sync", 0.5);
        // this node runs creates only: the consumer and its reserve run elsewhere (a stopped route's endpoint would
        // still start and join the reserve in this JVM; a node without the route never does)
        CamelContext standby = node("cashfin-leads:create");
        try {
            int created = createUntilRefused(standby, 30);
            int reserved = 0;
            while (reserved < 30 && takeNow(leaderConsumer)) {
                reserved++;
            }

            assertThat(created).as("this node's creates stop at the pool: half of the 40 calls of the day (%s)", refusal)
                    .isEqualTo(20);
            assertThat(reserved).as("the leader's reserve, untouched by this node").isEqualTo(20);
        } finally {
            standby.stop();
        }
    }

    @Test
    void aReserveTakingTheClusterAboveTheMaximumFailsItsRouteAtStartNamingEveryShare() throws Exception {
        createTable();
        leaderJvm().join(sim.secret(), FORTY_A_DAY, CashfinRateLimitStore.postgres(leaderPool), "leads-sync", 0.5);

        assertThatThrownBy(() -> node("cashfin-leads:create?budgetShare=web-form&budgetReserve=0.5"))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to 1.0")
                .hasMessageContaining("'leads-sync' 0.5")
                .hasMessageContaining("'web-form' 0.5")
                .hasMessageContaining("The reserves count across the cluster")
                .hasMessageContaining("Lower budgetReserve");
    }

    /** The node that leads, in another JVM: a share registry of its own. */
    private static BudgetShareRegistry leaderJvm() {
        return new BudgetShareRegistry(TimeSource.system());
    }

    /** This node: the shared store, 40 calls a day at margin 0, and a create route (no consumer). */
    private CamelContext node(String createUri) throws Exception {
        CamelContext context = fortyCallsADay(sim, nodePool);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").routeId("create").to(createUri);
            }
        });
        try {
            context.start();
        } catch (RuntimeException e) {
            context.stop();
            throw e;
        }
        return context;
    }

    /**
     * @return a new, not started node on {@code sim}: only the day limited (40 calls, margin 0, no pace to wait for),
     *         kept in the shared store in {@code database}, creates refused after waiting 1 s
     */
    static CamelContext fortyCallsADay(CashfinSimulator sim, DataSource database) {
        CamelContext context = SimulatorCamel.contextOn(sim);
        CashfinLeadsConfiguration configuration = SimulatorCamel.configuration(context);
        configuration.setPlan("unlimited"); // only the day is limited: no pace to wait for
        configuration.setMaxRequestsPerDay(40);
        configuration.setRateLimitMargin(0);
        configuration.setMaxRetryWait(1000);
        configuration.setRateLimitStore(CashfinRateLimitStore.postgres(database));
        return context;
    }

    /** Why the last create was refused. */
    static String refusal;

    /**
     * @return how many creates sent to {@code direct:create} succeed before one is refused for the budget (at most
     *         {@code max})
     */
    static int createUntilRefused(CamelContext node, int max) {
        for (int i = 0; i < max; i++) {
            try {
                node.createProducerTemplate().requestBody("direct:create", Map.of("name", "Lead " + i));
            } catch (CamelExecutionException e) {
                assertThat(e).hasRootCauseInstanceOf(RateLimitWaitExceededException.class);
                refusal = org.assertj.core.util.Throwables.getRootCause(e).getMessage();
                return i;
            }
        }
        return max;
    }

    private void createTable() {
        createTable(database);
    }

    /** Creates the recipe's Bucket4j table ({@code cashfin_rate_limit}) in {@code database}. */
    static void createTable(DataSource database) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS cashfin_rate_limit (id VARCHAR(128) PRIMARY KEY,"
                              + " state BYTEA, expires_at BIGINT)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
