package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.benchmarks.TenantClusterNode;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * Tenants shared over a cluster (docs/cluster.md, "Tenants across a cluster"): three CamelContexts on a real
 * ZooKeeper (Curator's TestingServer), each with a {@code ClusterTenantOwnership} and one route per tenant that runs
 * only where the ownership says, cursors and delivered keys in a real PostgreSQL; 30 tenants, each with its own
 * secret on the simulator. Every tenant runs on exactly one node; a node stopped hands its tenants (and only those) to
 * the others within the reconcile interval; a node added takes about a third, only from the others; every lead of
 * every tenant arrives once.
 */
class ClusterTenantsZooKeeperTest {

    private static final List<String> TENANTS = IntStream.rangeClosed(1, 30).mapToObj(i -> "t" + i).toList();

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension(CashfinSimulator.builder()
            .secrets(TENANTS.stream().map(ClusterTenantsZooKeeperTest::secretOf).toArray(String[]::new)));

    @RegisterExtension
    static ZooKeeperServer zooKeeper = new ZooKeeperServer();

    private final Queue<String> deliveries = new ConcurrentLinkedQueue<>();
    private final List<TenantClusterNode> nodes = new ArrayList<>();
    /** Each node's own connection pool (as each JVM of a real cluster has), closed after the nodes stopped. */
    private final List<HikariDataSource> pools = new ArrayList<>();
    private DataSource database;

    @AfterEach
    void stopNodes() {
        nodes.forEach(TenantClusterNode::close);
        nodes.clear();
        pools.forEach(HikariDataSource::close);
        pools.clear();
        deliveries.clear();
    }

    @Test
    void everyTenantOnOneNodeHandedOverOnStopAndJoinEveryLeadOnce() throws Exception {
        database = SharedPostgres.newDatabase();
        sim.seedLeads(12, 5);
        TenantClusterNode a = node("node-a");
        TenantClusterNode b = node("node-b");
        TenantClusterNode c = node("node-c");

        Map<String, String> three = TenantPlacement.awaitSettled(List.of(a, b, c), TENANTS, Duration.ofSeconds(120));
        assertThat(TenantPlacement.load(three)).as("30 tenants over three nodes").hasSize(3)
                .allSatisfy((node, n) -> assertThat(n).isBetween(5L, 15L));
        awaitEveryLeadOfEveryTenant();

        // a node stops (graceful: its routes stop, then its ZooKeeper session closes): only its tenants move
        b.close();
        long stopped = System.nanoTime();
        Map<String, String> two = TenantPlacement.awaitSettled(List.of(a, c), TENANTS, Duration.ofSeconds(30));
        long reOwnedMillis = (System.nanoTime() - stopped) / 1_000_000;
        System.out.println("every tenant of node-b had an owner again " + reOwnedMillis + " ms after node-b stopped");
        three.forEach((tenant, owner) -> {
            if (!owner.equals("node-b")) {
                assertThat(two.get(tenant)).as("a tenant of a node that stayed stays").isEqualTo(owner);
            }
        });
        sim.insertLeads(3);
        awaitEveryLeadOfEveryTenant();

        // a node joins: it takes about a third, every one from the others, none moves between the others
        TenantClusterNode d = node("node-d");
        Map<String, String> joined = TenantPlacement.awaitSettled(List.of(a, c, d), TENANTS, Duration.ofSeconds(60));
        long moved = TENANTS.stream().filter(t -> !joined.get(t).equals(two.get(t))).count();
        assertThat(moved).as("about a third of 30 move").isBetween(5L, 15L);
        TENANTS.stream().filter(t -> !joined.get(t).equals(two.get(t)))
                .forEach(t -> assertThat(joined.get(t)).as(t + " moved to the new node").isEqualTo("node-d"));
        sim.insertLeads(3);
        awaitEveryLeadOfEveryTenant();

        List<String> pairs = deliveries.stream().map(ClusterTenantsZooKeeperTest::tenantAndLead).toList();
        assertThat(pairs).as("no lead of any tenant emitted twice (graceful handovers)").doesNotHaveDuplicates();
        assertThat(pairs).hasSize(TENANTS.size() * 18);
    }

    /**
     * A node loses its ZooKeeper session without being stopped (Curator's KillSession: a partition or a long pause as
     * the others see it) while its routes keep running: the others start its tenants within the reconcile interval,
     * each start claims a new epoch of the tenant's {@code stateKey}, so the stale node's routes hand no further lead
     * over and their cursor writes are refused; the stale node, reading the members again, finds itself missing and
     * stops its routes. Every lead of every tenant arrives, at most the lead in hand per moved tenant twice.
     */
    @Test
    void aNodeWhoseSessionExpiresIsFencedAndItsTenantsMove() throws Exception {
        database = SharedPostgres.newDatabase();
        sim.seedLeads(6, 8);
        TenantClusterNode a = node("node-a");
        TenantClusterNode b = node("node-b");
        TenantClusterNode c = node("node-c");
        Map<String, String> three = TenantPlacement.awaitSettled(List.of(a, b, c), TENANTS, Duration.ofSeconds(120));
        awaitEveryLeadOfEveryTenant();
        long movedTenants = three.values().stream().filter("node-b"::equals).count();

        KillSession.kill(ZooKeeperServer.zooKeeperClientOf(b.context()));
        sim.insertLeads(2);
        Map<String, String> two = TenantPlacement.awaitSettled(List.of(a, c), TENANTS, Duration.ofSeconds(60));
        three.forEach((tenant, owner) -> {
            if (!owner.equals("node-b")) {
                assertThat(two.get(tenant)).as("a tenant of a node that stayed stays").isEqualTo(owner);
            }
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(b.running())
                .as("the stale node, missing from the members, stops its tenants").isEmpty());
        sim.insertLeads(2);
        awaitEveryLeadOfEveryTenant();

        List<String> pairs = deliveries.stream().map(ClusterTenantsZooKeeperTest::tenantAndLead).toList();
        long twice = pairs.size() - new HashSet<>(pairs).size();
        assertThat(twice).as("at most the lead in hand per tenant of the stale node").isLessThanOrEqualTo(movedTenants);
        assertThat(new HashSet<>(pairs)).hasSize(TENANTS.size() * 10);
    }

    private TenantClusterNode node(String name) throws Exception {
        HikariDataSource pool = SharedPostgres.pool(database, name);
        pools.add(pool);
        TenantClusterNode node = new TenantClusterNode(name, zooKeeper.connectString(), sim.baseUrl(), TENANTS,
                ClusterTenantsZooKeeperTest::secretOf, pool, 250, 1_000, "&plan=unlimited&delay=1000&initialDelay=0",
                deliveries::add);
        nodes.add(node);
        return node.start();
    }

    private void awaitEveryLeadOfEveryTenant() {
        Set<String> expected = new HashSet<>();
        for (Map<String, Object> lead : sim.leads()) {
            TENANTS.forEach(t -> expected.add(t + "/" + lead.get("_id")));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> deliveries.stream()
                .map(ClusterTenantsZooKeeperTest::tenantAndLead).collect(Collectors.toSet()).containsAll(expected));
    }

    private static String tenantAndLead(String delivery) {
        return delivery.substring(0, delivery.lastIndexOf('/'));
    }

    private static String secretOf(String tenant) {
        return "cs_test_tenant_" + tenant + "_4c5a9e7b21d8";
    }
}
