package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.api.limit.TimeSource;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;

/**
 * Budget shares on a real {@code master:} standby (issue 18, item 5): two nodes, each a CamelContext with the same
 * routes, elected on ZooKeeper (camel-zookeeper's cluster service on Curator's TestingServer), sharing the budget in
 * PostgreSQL ({@code rateLimitStore}, the recipe's Bucket4j table). The consumer route {@code master:leads:...} has a
 * {@code budgetReserve} of 0.5 of the day's 40 calls and runs on the leader only; both nodes also send creates, which
 * have no reserve. The standby's creates draw on the pool only (20 calls), never on the leader's reserve: the leader
 * polls on after the pool is spent, and the server sees no more than its 40 calls of the day and no 429.
 * <p>
 * Each node's component has a {@code timeSource} of its own, which gives it its own limiter and share registry, as a
 * node in another JVM has (the JVM's shared registries would make the two nodes one). camel-master 4.17 starts the
 * consumer's endpoint on the standby too (it joins the reserve, one bucket in the store, without polling); the test
 * fails when the pool is not one bucket for the cluster (each node's creates would then get 20).
 */
class BudgetSharesMasterStandbyTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    @RegisterExtension
    static ZooKeeperServer zooKeeper = new ZooKeeperServer();

    private static final String CONSUMER = "master:leads:cashfin-leads:list?budgetShare=leads-sync&budgetReserve=0.5"
                                           + "&startFrom=now&sweepEnabled=false&initialDelay=0&delay=1000";

    private final DataSource database = SharedPostgres.newDatabase();
    private final List<HikariDataSource> pools = new ArrayList<>();

    @Test
    void theStandbysCreatesDrawOnThePoolOnlyAndTheLeaderPollsOnItsReserve() throws Exception {
        sim.plan(Plan.custom(0, 0, 40));
        BudgetSharesPostgresRouteTest.createTable(database);
        CamelContext first = node("node-1");
        CamelContext second = null;
        try {
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> isLeader(first));
            second = node("node-2");
            second.start();
            CamelContext standby = second;
            await().atMost(Duration.ofSeconds(30)).until(() -> sim.requestCount(Endpoint.LIST) >= 2);

            int fromStandby = BudgetSharesPostgresRouteTest.createUntilRefused(standby, 40);
            String refusal = BudgetSharesPostgresRouteTest.refusal;
            int fromLeader = BudgetSharesPostgresRouteTest.createUntilRefused(first, 40);

            assertThat(isLeader(standby)).as("node-2 stayed the standby").isFalse();
            assertThat(fromStandby).as("the standby's creates: the pool's 20 of the 40 calls of the day (%s)", refusal)
                    .isEqualTo(20);
            assertThat(refusal).contains("the pool of the calls without a budgetReserve are spent");
            assertThat(fromLeader).as("the leader's creates find the pool spent as well").isZero();
            long polls = sim.requestCount(Endpoint.LIST);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sim.requestCount(Endpoint.LIST))
                    .as("the leader's consumer polls on, on its reserve").isGreaterThanOrEqualTo(polls + 3));
            assertThat(sim.requestCount(Endpoint.CREATE)).isEqualTo(20);
            assertThat(sim.requestCount(Outcome.RATE_LIMITED)).as("429s").isZero();
        } finally {
            if (second != null) {
                second.stop();
            }
            first.stop();
            pools.forEach(HikariDataSource::close);
        }
        assertThat(sim.requestCount(Endpoint.LIST) + sim.requestCount(Endpoint.CREATE))
                .as("every call of both nodes within the plan's day").isLessThanOrEqualTo(40);
    }

    /**
     * A node: the consumer route under {@code master:} and a create route, 40 calls a day at margin 0 in the shared
     * store, elected on ZooKeeper.
     */
    private CamelContext node(String name) throws Exception {
        HikariDataSource pool = SharedPostgres.pool(database, name); // a connection pool of its own, as in its JVM
        pools.add(pool);
        CamelContext context = BudgetSharesPostgresRouteTest.fortyCallsADay(sim, pool);
        context.getCamelContextExtension().setName(name);
        SimulatorCamel.component(context).setTimeSource(TimeSource.system()); // limiters and shares of its own, as in a JVM of its own
        ZooKeeperClusterService cluster = new ZooKeeperClusterService();
        cluster.setId(name);
        cluster.setNodes(zooKeeper.connectString());
        cluster.setBasePath("/cashfin-shares");
        context.addService(cluster);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(CONSUMER).routeId("leads-sync").to("log:leads?level=DEBUG");
                from("direct:create").routeId("create").to("cashfin-leads:create");
            }
        });
        return context;
    }

    private static boolean isLeader(CamelContext node) {
        return node.hasService(CamelClusterService.class).isLeader("leads");
    }
}
