package africa.cashfin.camel.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.state.JdbcStateRepository;
import africa.cashfin.camel.leads.tenants.ClusterTenantOwnership;

/**
 * One node of a cluster that shares tenants (docs/cluster.md, "Tenants across a cluster"): a CamelContext with a
 * ZooKeeper cluster service, a {@link ClusterTenantOwnership} and one consumer route per tenant ({@code tenant-<id>}:
 * the tenant's secret, its own {@code stateKey} and delivered keys, the cursor in a shared {@code JdbcStateRepository},
 * every consumer on one shared scheduler) that runs only while the ownership says this node owns the tenant. Each
 * lead a tenant's route completes is passed to {@code onLead} as {@code tenant/leadId/node}. Used by
 * {@link TenantClusterBenchmark} and by the cluster tests.
 * <p>
 * As the tenant routes do ({@code TenantRoutes}: "tried again at each re-read"), a tenant whose route fails to start
 * or stop (say the database does not answer, or two nodes' first {@code JdbcMessageIdRepository} both create
 * {@code CAMEL_MESSAGEPROCESSED} at once and one is refused) is logged once and tried again every reconcile interval
 * until it succeeds, and does not hold up the other tenants.
 */
public final class TenantClusterNode implements AutoCloseable {

    /** Where the nodes register under ZooKeeper. */
    public static final String BASE_PATH = "/cashfin/tenants";

    private static final Logger LOG = LoggerFactory.getLogger(TenantClusterNode.class);

    private final String name;
    private final CamelContext context = new DefaultCamelContext();
    private final ClusterTenantOwnership ownership;
    private final List<String> tenants;
    private final long retryMillis;
    /** Per tenant whose last start or stop failed: that failure's message (each logged once). */
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private ScheduledExecutorService retries;

    /**
     * @param name            the node's member id
     * @param zooKeeper       the ZooKeeper connect string
     * @param baseUrl         the Cashfin base URL
     * @param tenants         every tenant id
     * @param secretOf        a tenant's client secret
     * @param database        keys and cursors
     * @param reconcileMillis the ownership's reconcile interval
     * @param handoverMillis  the ownership's handover delay
     * @param consumerOptions extra consumer endpoint options ({@code &delay=...})
     * @param onLead          told {@code tenant/leadId/node} for every lead a route completes
     */
    public TenantClusterNode(String name, String zooKeeper, String baseUrl, List<String> tenants,
                             UnaryOperator<String> secretOf, DataSource database, long reconcileMillis,
                             long handoverMillis, String consumerOptions, Consumer<String> onLead) throws Exception {
        this(name, zooKeeperCluster(zooKeeper), baseUrl, tenants, secretOf, database, reconcileMillis, handoverMillis,
                consumerOptions, onLead);
    }

    /** The same on any cluster service ({@code cluster}'s id is set to {@code name}). */
    public TenantClusterNode(String name, CamelClusterService cluster, String baseUrl, List<String> tenants,
                             UnaryOperator<String> secretOf, DataSource database, long reconcileMillis,
                             long handoverMillis, String consumerOptions, Consumer<String> onLead) throws Exception {
        this.name = name;
        this.tenants = tenants;
        this.retryMillis = reconcileMillis;
        context.getCamelContextExtension().setName(name);
        cluster.setId(name);
        context.addService(cluster);
        ownership = new ClusterTenantOwnership(cluster);
        ownership.setReconcileIntervalMillis(reconcileMillis);
        ownership.setHandoverDelayMillis(handoverMillis);
        context.addService(ownership);
        context.getRegistry().bind("leadCursor", new JdbcStateRepository(database));
        // Camel's default profile bounds a pool's queue at 1,000 tasks: a scheduled pool then refuses the 1,001st
        // consumer (RejectedExecutionException at route start), so the shared scheduler has no queue bound
        ScheduledExecutorService scheduler = context.getExecutorServiceManager().newScheduledThreadPool(this,
                "tenants", new ThreadPoolProfileBuilder("tenants").poolSize(4).maxQueueSize(-1).build());
        context.getRegistry().bind("tenantScheduler", scheduler);
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        component.getConfiguration().setBaseUrl(baseUrl);
        for (String tenant : tenants) {
            context.getRegistry().bind("leadIds-" + tenant, new JdbcMessageIdRepository(database, tenant));
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String tenant : tenants) {
                    from("cashfin-leads:list?clientSecret=RAW(" + secretOf.apply(tenant) + ")&stateKey=tenant-"
                         + tenant + "&stateRepository=#leadCursor&idempotentRepository=#leadIds-" + tenant
                         + "&scheduledExecutorService=#tenantScheduler" + consumerOptions)
                            .routeId("tenant-" + tenant).autoStartup(false)
                            .process(e -> onLead.accept(tenant + "/" + e.getMessage().getBody(Lead.class).getId()
                                                        + "/" + name));
                }
            }
        });
        ownership.onChange(this::applyOwnership);
    }

    private static ZooKeeperClusterService zooKeeperCluster(String connectString) {
        ZooKeeperClusterService cluster = new ZooKeeperClusterService();
        cluster.setNodes(connectString);
        cluster.setBasePath(BASE_PATH);
        return cluster;
    }

    /** Starts the context; the tenants start as the ownership learns the members. */
    public TenantClusterNode start() {
        context.start();
        retries = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "TenantRetries");
        retries.scheduleWithFixedDelay(this::retryFailed, retryMillis, retryMillis, TimeUnit.MILLISECONDS);
        applyOwnership();
        return this;
    }

    /**
     * Starts the routes of the tenants this node owns and stops the others (what tenant routes do on a change), each
     * tenant on its own: one that fails is logged once and tried again every reconcile interval.
     */
    public synchronized void applyOwnership() {
        if (!context.isStarted()) {
            return;
        }
        for (String tenant : tenants) {
            String routeId = "tenant-" + tenant;
            ServiceStatus status = context.getRouteController().getRouteStatus(routeId);
            boolean owns = ownership.owns(tenant);
            try {
                if (owns && !status.isStarted()) {
                    context.getRouteController().startRoute(routeId);
                } else if (!owns && status.isStarted()) {
                    context.getRouteController().stopRoute(routeId);
                }
                if (failed.remove(tenant) != null) {
                    LOG.info("{}: route {} is {} now", name, routeId, owns ? "running" : "stopped");
                }
            } catch (Exception e) {
                String message = e.getMessage();
                if (!String.valueOf(message).equals(failed.put(tenant, String.valueOf(message)))) {
                    LOG.warn("{}: route {} could not be {} ({}); tried again every {} ms, the other tenants go on",
                             name, routeId, owns ? "started" : "stopped", message, retryMillis);
                }
            }
        }
    }

    private void retryFailed() {
        if (!failed.isEmpty()) {
            applyOwnership();
        }
    }

    /** The tenants whose routes run on this node now; none once it stops. */
    public Set<String> running() {
        Set<String> running = new TreeSet<>();
        if (!context.isStarted()) {
            return running;
        }
        for (String tenant : tenants) {
            ServiceStatus status = context.getRouteController().getRouteStatus("tenant-" + tenant);
            if (status != null && status.isStarted()) {
                running.add(tenant);
            }
        }
        return running;
    }

    public String name() {
        return name;
    }

    public ClusterTenantOwnership ownership() {
        return ownership;
    }

    public CamelContext context() {
        return context;
    }

    @Override
    public void close() {
        if (retries != null) {
            context.getExecutorServiceManager().shutdownNow(retries);
        }
        context.stop();
    }

    @Override
    public String toString() {
        return name;
    }
}
