package africa.cashfin.camel.cluster;

import java.lang.reflect.Field;

import javax.sql.DataSource;

import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import africa.cashfin.camel.leads.state.JdbcStateRepository;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * An in-process ZooKeeper (Curator's TestingServer) for a test class, and the cluster nodes that elect their leader
 * on it with the delivered keys and the cursor in a shared PostgreSQL database.
 */
final class ZooKeeperServer implements BeforeAllCallback, AfterAllCallback {

    private TestingServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new TestingServer(true);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    /** @return the ZooKeeper connect string ({@code host:port}) */
    String connectString() {
        return server.getConnectString();
    }

    /**
     * A node running {@code uri} (a {@code master:} consumer using {@code #leadIds} and {@code #leadCursor}) against
     * the simulator, elected on this ZooKeeper under {@code basePath}, with keys and cursor in {@code database}.
     */
    ClusterNode node(String name, String basePath, CashfinSimulatorExtension sim, DataSource database, String uri)
            throws Exception {
        return node(name, basePath, sim, database, uri, new JdbcStateRepository(database));
    }

    /** The same with the cursor in {@code cursor} (a JdbcStateRepository on the same database). */
    ClusterNode node(String name, String basePath, CashfinSimulatorExtension sim, DataSource database, String uri,
                     JdbcStateRepository cursor) throws Exception {
        ZooKeeperClusterService cluster = new ZooKeeperClusterService();
        cluster.setNodes(connectString());
        cluster.setBasePath(basePath);
        return new ClusterNode(name, sim.baseUrl(), sim.secret(), uri,
                java.util.Map.of("leadIds", new JdbcMessageIdRepository(database, "cashfin-leads-sync"),
                        "leadCursor", cursor),
                cluster, null);
    }

    /**
     * The ZooKeeper client of a started node, to expire its session (Curator's {@code KillSession}). camel-zookeeper
     * 4.17 keeps the Curator client it creates in a private field, with no getter.
     */
    static ZooKeeper zooKeeperClientOf(ClusterNode node) throws Exception {
        return zooKeeperClientOf(node.context);
    }

    /** The same for any started CamelContext holding a ZooKeeperClusterService. */
    static ZooKeeper zooKeeperClientOf(org.apache.camel.CamelContext context) throws Exception {
        ZooKeeperClusterService cluster = context.hasService(ZooKeeperClusterService.class);
        Field field = ZooKeeperClusterService.class.getDeclaredField("curator");
        field.setAccessible(true);
        return ((CuratorFramework) field.get(cluster)).getZookeeperClient().getZooKeeper();
    }
}
