package africa.cashfin.camel.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.api.limit.SharedAdmissionLog;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.producer.BulkCreateItem;
import africa.cashfin.camel.leads.producer.BulkCreateResult;
import africa.cashfin.camel.leads.state.JdbcStateRepository;
import africa.cashfin.camel.leads.state.PostgresAdmissionLog;

/**
 * One node of the failover cluster, as a user would run it: {@code master:} on a ZooKeeper cluster service, the
 * delivered keys ({@code JdbcMessageIdRepository}), the cursor ({@code JdbcStateRepository}) and the call budget
 * (Bucket4j's PostgreSQL {@code ProxyManager}, {@code rateLimitStore}) with the cluster's sliding log of sends
 * ({@code PostgresAdmissionLog}, {@code rateLimitLog}) in one PostgreSQL, behind a HikariCP pool. Its consumer route writes
 * every lead it receives to the {@code emitted} table (the "downstream system"); a second job bulk-creates the leads
 * of the node's own queue, batch after batch, and records them in {@code created}. A restarted node resumes its queue
 * where the table says it stopped. Runs in its own JVM ({@link #main}) or in-process.
 */
public final class FailoverNode implements AutoCloseable {

    /** The tables the cluster shares (besides the repositories' and the bucket's, see docs/cluster.md). */
    public static final String[] RESULT_TABLES = {
        "CREATE TABLE IF NOT EXISTS emitted (seq BIGSERIAL PRIMARY KEY, lead_id VARCHAR(64) NOT NULL,"
        + " node VARCHAR(32) NOT NULL, at TIMESTAMP NOT NULL DEFAULT clock_timestamp())",
        "CREATE TABLE IF NOT EXISTS created (seq BIGSERIAL PRIMARY KEY, node VARCHAR(32) NOT NULL,"
        + " queue_index INT NOT NULL, lead_id VARCHAR(64), at TIMESTAMP NOT NULL DEFAULT clock_timestamp())",
        "CREATE TABLE IF NOT EXISTS cashfin_rate_limit (id VARCHAR(128) PRIMARY KEY, state BYTEA, expires_at BIGINT)"
    };

    private final FailoverNodeSettings settings;
    private final HikariDataSource dataSource;
    private final CamelContext context = new DefaultCamelContext();
    private final Thread creator;
    private volatile boolean stopping;

    /**
     * @param settings   who this node is and where everything is
     * @param sharedStore the call-budget store to use, or null to build the PostgreSQL one on this node's pool (a JVM
     *                    has one limiter per secret, so nodes sharing a JVM must share its store instance)
     * @param sharedLog   the sliding log of sends to use, or null to build the PostgreSQL one on this node's pool
     *                    (likewise one instance per JVM)
     * @throws Exception when the routes cannot be built
     */
    public FailoverNode(FailoverNodeSettings settings, ProxyManager<String> sharedStore, SharedAdmissionLog sharedLog)
            throws Exception {
        this.settings = settings;
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(settings.jdbcUrl());
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(10);
        pool.setPoolName("leads-" + settings.node());
        dataSource = new HikariDataSource(pool);

        context.getCamelContextExtension().setName(settings.node());
        context.getRegistry().bind("leadIds", new JdbcMessageIdRepository(dataSource, "cashfin-leads-sync"));
        context.getRegistry().bind("leadCursor", new JdbcStateRepository(dataSource));

        ZooKeeperClusterService cluster = new ZooKeeperClusterService();
        cluster.setId(settings.node());
        cluster.setNodes(settings.zooKeeper());
        cluster.setBasePath("/cashfin-failover");
        cluster.setSessionTimeout(settings.sessionTimeoutMillis());
        context.addService(cluster);

        CashfinLeadsConfiguration defaults =
                context.getComponent("cashfin-leads", CashfinLeadsComponent.class).getConfiguration();
        defaults.setClientSecret(settings.secret());
        defaults.setBaseUrl(settings.baseUrl());
        defaults.setPlan(CashfinLeadsConfiguration.PLAN_UNLIMITED);
        defaults.setMaxRequestsPerSecond(settings.perSecond());
        defaults.setMaxRequestsPerMinute(settings.perMinute());
        defaults.setRateLimitMargin(settings.margin());
        defaults.setRateLimitStore(sharedStore != null ? sharedStore : postgresStore(dataSource));
        defaults.setRateLimitLog(sharedLog != null ? sharedLog : new PostgresAdmissionLog(dataSource));

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                org.apache.camel.model.ProcessorDefinition<?> route = from(
                        "master:cashfin-leads:cashfin-leads:list?idempotentRepository=#leadIds"
                        + "&stateRepository=#leadCursor&limit=100&initialDelay=0&delay=" + settings.pollDelayMillis()
                        + settings.consumerOptions())
                        .routeId("leads");
                if (settings.consumerThrottle() > 0) {
                    // only when asked: Camel's TotalRequests throttler allocates per permit (no "unlimited" value)
                    route = route.throttle(settings.consumerThrottle()).timePeriodMillis(1000);
                }
                route.process(e -> record(e.getMessage().getBody(Lead.class).getId()));
            }
        });
        creator = new Thread(this::createQueue, "creator-" + settings.node());
    }

    /** Starts the context (the consumer runs when ZooKeeper elects this node) and the create job. */
    public FailoverNode start() {
        context.start();
        creator.start();
        return this;
    }

    /**
     * Graceful stop, as on SIGTERM: the create job finishes the batch in flight, then the context stops (the consumer
     * finishes and records the lead in hand as the context begins to stop, then the leadership is released).
     */
    @Override
    public void close() {
        stopping = true;
        try {
            creator.join(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.stop();
        dataSource.close();
    }

    private void createQueue() {
        ProducerTemplate template = context.createProducerTemplate();
        // failed items are sent again below: the result, not an exception (bulkPartialSuccess)
        String uri = "cashfin-leads:create?bulkPartialSuccess=true&concurrency=" + settings.createConcurrency()
                     + settings.createOptions();
        try {
            int next = untilDone(this::createdSoFar);
            while (!stopping && next < settings.queue()) {
                int end = Math.min(settings.queue(), next + settings.batch());
                List<Integer> pending = new ArrayList<>();
                for (int i = next; i < end; i++) {
                    pending.add(i);
                }
                // a batch is finished before the node stops; items that failed (e.g. a refused 429) are sent again
                while (!pending.isEmpty() && !stopping) {
                    List<Map<String, Object>> batch = new ArrayList<>();
                    for (int i : pending) {
                        batch.add(Map.of("name", "Queue " + settings.node() + " " + i, "source",
                                "node-" + settings.node(), "email", settings.node().toLowerCase() + "." + i
                                                                     + "@example.com"));
                    }
                    BulkCreateResult result;
                    try {
                        result = template.requestBody(uri, batch, BulkCreateResult.class);
                    } catch (RuntimeException e) {
                        // the whole batch failed before any item was sent (e.g. the shared budget's database is down)
                        System.err.println(settings.node() + ": batch failed, sending again: " + e);
                        pause(500);
                        continue;
                    }
                    List<Integer> sent = pending;
                    pending = untilDone(() -> recordCreated(sent, result));
                    if (!pending.isEmpty()) {
                        System.err.println(settings.node() + ": " + pending.size() + " creates failed, sending again: "
                                           + result.failures().get(0).error());
                    }
                }
                next = end;
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                System.err.println(settings.node() + " create job failed: " + e);
            }
        } finally {
            template.stop();
        }
    }

    /** A step on the shared database, tried again every 500 ms while the database is down (a restart, a stall). */
    private <T> T untilDone(SqlStep<T> step) {
        while (true) {
            try {
                return step.run();
            } catch (SQLException e) {
                System.err.println(settings.node() + ": database step failed, trying again: " + e.getMessage());
                pause(500);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @FunctionalInterface
    private interface SqlStep<T> {
        T run() throws SQLException;
    }

    /**
     * Expires this node's ZooKeeper session at once (Curator's KillSession), as the server does when the node was
     * unreachable longer than the session timeout; the node is not told before its client sees the expiry.
     */
    public void expireZooKeeperSession() throws Exception {
        ZooKeeperClusterService cluster = context.hasService(ZooKeeperClusterService.class);
        // camel-zookeeper 4.17 keeps the Curator client it created in a private field, with no getter
        java.lang.reflect.Field field = ZooKeeperClusterService.class.getDeclaredField("curator");
        field.setAccessible(true);
        KillSession.kill(((CuratorFramework) field.get(cluster)).getZookeeperClient().getZooKeeper());
    }

    private int createdSoFar() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT COALESCE(MAX(queue_index) + 1, 0) FROM created WHERE node = ?")) {
            select.setString(1, settings.node());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Records the created items of a batch; returns the queue indexes of those that failed. */
    private List<Integer> recordCreated(List<Integer> indexes, BulkCreateResult result) throws SQLException {
        List<Integer> failed = new ArrayList<>();
        // one transaction: a batch recorded again after a failure is not recorded twice
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = prepareInTransaction(connection,
                     "INSERT INTO created (node, queue_index, lead_id) VALUES (?, ?, ?)")) {
            for (BulkCreateItem item : result.items()) {
                int queueIndex = indexes.get(item.index());
                if (item.created()) {
                    insert.setString(1, settings.node());
                    insert.setInt(2, queueIndex);
                    insert.setString(3, item.lead().getId());
                    insert.addBatch();
                } else {
                    failed.add(queueIndex);
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        return failed;
    }

    private static PreparedStatement prepareInTransaction(Connection connection, String sql) throws SQLException {
        connection.setAutoCommit(false); // Hikari resets it when the connection goes back to the pool
        return connection.prepareStatement(sql);
    }

    private void record(String leadId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO emitted (lead_id, node) VALUES (?, ?)")) {
            insert.setString(1, leadId);
            insert.setString(2, settings.node());
            insert.executeUpdate();
        }
    }

    /** The store of docs/rate-limiting.md: Bucket4j's PostgreSQL ProxyManager on the cashfin_rate_limit table. */
    public static ProxyManager<String> postgresStore(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("cashfin_rate_limit").idColumn("id").stateColumn("state")
                .build();
    }

    /** Creates the result tables of the benchmark in the shared database. */
    public static void createTables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            for (String ddl : RESULT_TABLES) {
                statement.execute(ddl);
            }
        }
    }

    /**
     * Runs one node in this JVM until SIGTERM (graceful stop) or SIGKILL.
     *
     * @param args {@link FailoverNodeSettings#toArgs()}
     * @throws Exception on failure to start
     */
    public static void main(String[] args) throws Exception {
        FailoverNode node = new FailoverNode(FailoverNodeSettings.fromArgs(args), null, null);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }));
        node.start();
        System.out.println("NODE " + node.settings.node() + " STARTED");
        stopped.await();
    }
}
