package africa.cashfin.camel.cluster;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
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
     * the simulator, elected on this ZooKeeper under {@code basePath}, with keys and cursor in {@code database} (a
     * database of {@link SharedPostgres}) through a connection pool of its own, closed with the node.
     */
    ClusterNode node(String name, String basePath, CashfinSimulatorExtension sim, DataSource database, String uri)
            throws Exception {
        return node(name, basePath, sim, database, uri, JdbcStateRepository::new);
    }

    /** The same with the cursor made by {@code cursor} on the node's pool (a JdbcStateRepository of the test's). */
    ClusterNode node(String name, String basePath, CashfinSimulatorExtension sim, DataSource database, String uri,
                     Function<DataSource, ? extends JdbcStateRepository> cursor) throws Exception {
        ZooKeeperClusterService cluster = new ZooKeeperClusterService();
        cluster.setNodes(connectString());
        cluster.setBasePath(basePath);
        HikariDataSource pool = SharedPostgres.pool(database, name);
        try {
            return new ClusterNode(name, sim.baseUrl(), sim.secret(), uri,
                    Map.of("leadIds", new JdbcMessageIdRepository(pool, "cashfin-leads-sync"),
                            "leadCursor", cursor.apply(pool)),
                    cluster, null).own(pool);
        } catch (Exception | Error e) {
            pool.close();
            throw e;
        }
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
