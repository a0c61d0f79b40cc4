package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import africa.cashfin.camel.leads.tenants.ClusterTenantOwnership;
import africa.cashfin.camel.leads.tenants.TenantRoutes;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * docs/cluster.md, "Tenants across a cluster", as a user runs it: three Camel Main instances (three nodes), each with
 * the page's {@code application.properties} (its block, loaded as the application's properties file), the route
 * template of docs/tenants.md as it is (on PostgreSQL; only its delay shortened) and the tenant table of docs/tenants.md
 * in the shared PostgreSQL with the page's rows plus four more of the same form, every secret an {@code {{env:...}}}
 * reference (set by surefire), on a real ZooKeeper; and again with the page's Kubernetes lines in place of the
 * ZooKeeper ones, on fabric8's mock API server (CRUD mode), the test creating each node's pod (Running, Ready, with the
 * page's label) before the node starts and deleting it after the node stops, as Kubernetes does. Nothing of ours but
 * what the pages wire: no test bean, no test route. The test only overrides what differs per machine: the database
 * URL, the ZooKeeper address (the API server's address, namespace and shorter lease timings), the node id, the output
 * directory, the simulator's URL and a shorter re-read interval.
 * <p>
 * Every tenant runs on exactly one node; every lead of every tenant reaches its tenant's file once, whichever node ran
 * it; a node stopped hands its tenants (and only those) to the other two, which emit the leads that arrive after; no
 * secret in the nodes' log.
 */
class ClusterTenantsYamlRecipeTest {

    /** The page's rows (acme, globex) and four more, each with its secret in the environment (surefire). */
    private static final List<String> TENANTS = List.of("acme", "globex", "initech", "umbrella", "hooli", "stark");
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension(CashfinSimulator.builder()
            .secrets(TENANTS.stream().map(ClusterTenantsYamlRecipeTest::secretOf).toArray(String[]::new)));

    @RegisterExtension
    static ZooKeeperServer zooKeeper = new ZooKeeperServer();

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Main> nodes = new LinkedHashMap<>();

    @AfterEach
    void stopNodes() {
        nodes.values().forEach(Main::stop);
        nodes.clear();
    }

    /** What differs between the page's two cluster services: the properties, the per-machine overrides, the pods. */
    private interface ClusterService {
        /** The page's {@code application.properties} for this service. */
        String properties(String clusterPage);

        /** The entry that shows the page wires this service's node id. */
        Map.Entry<String, String> wiring();

        /** Overrides of this machine (the service's address). */
        void override(Main main);

        /** Before the node starts. */
        default void starting(String node) {
        }

        /** After the node stopped. */
        default void stopped(String node) {
        }
    }

    /** The page's block as it is, on the test's ZooKeeper. */
    private static final class OnZooKeeper implements ClusterService {
        @Override
        public String properties(String clusterPage) {
            return marked(clusterPage, "cluster-tenants", "properties");
        }

        @Override
        public Map.Entry<String, String> wiring() {
            return Map.entry("camel.beans.zooKeeperCluster.id", "{{cashfin.node.id}}");
        }

        @Override
        public void override(Main main) {
            main.addOverrideProperty("camel.beans.zooKeeperCluster.nodes", zooKeeper.connectString());
        }
    }

    /**
     * The page's block with its Kubernetes lines in place of the ZooKeeper ones, on fabric8's mock API server: each
     * node's pod is created Running and Ready with the page's label before the node starts and deleted after it stops.
     */
    private static final class OnKubernetes implements ClusterService, AutoCloseable {
        private final MockKubernetes kubernetes = new MockKubernetes();
        private Map.Entry<String, String> label;

        /** The system properties of fabric8's default client set here, and their values before. */
        private final Map<String, String> before = new HashMap<>();

        /**
         * The nodes' client is fabric8's default one, as in a pod (the page sets no address): here it finds the API
         * server and namespace in fabric8's system properties instead of the pod's service account. (A {@code masterUrl}
         * on the bean would not do: camel-kubernetes 4.17 applies it only to a configuration given to the service.)
         */
        OnKubernetes() {
            KubernetesClient client = kubernetes.client();
            Map.of("kubernetes.master", client.getMasterUrl().toString(), "kubernetes.namespace", client.getNamespace(),
                    "kubernetes.auth.tryKubeConfig", "false", "kubernetes.auth.tryServiceAccount", "false")
                    .forEach((key, value) -> before.put(key, System.setProperty(key, value)));
        }

        @Override
        public String properties(String clusterPage) {
            String kubernetes = marked(clusterPage, "cluster-tenants-kubernetes", "properties");
            Matcher labels = Pattern.compile("clusterLabels\\[(.+?)] = (.+)").matcher(kubernetes);
            assertThat(labels.find()).as("the page's Kubernetes lines name the pods' label").isTrue();
            label = Map.entry(labels.group(1).trim(), labels.group(2).trim());
            String zooKeeperLess = marked(clusterPage, "cluster-tenants", "properties").lines()
                    .filter(line -> !line.startsWith("camel.beans.zooKeeperCluster"))
                    .reduce("", (all, line) -> all + line + "\n");
            // this machine: shorter lease timings, as lines of the file (Camel Main binds no bean property that the
            // file lacks, even from an override); a later line of a key wins
            return zooKeeperLess + kubernetes + String.join("\n",
                    "camel.beans.kubernetesCluster.leaseDurationMillis = 3000",
                    "camel.beans.kubernetesCluster.renewDeadlineMillis = 2000",
                    "camel.beans.kubernetesCluster.retryPeriodMillis = 500") + "\n";
        }

        @Override
        public Map.Entry<String, String> wiring() {
            return Map.entry("camel.beans.kubernetesCluster.podName", "{{cashfin.node.id}}");
        }

        /** Nothing: this machine's lines are in the file ({@link #properties(String)}). */
        @Override
        public void override(Main main) {
        }

        @Override
        public void starting(String node) {
            kubernetes.startPod(node, label);
        }

        @Override
        public void stopped(String node) {
            kubernetes.deletePod(node);
        }

        @Override
        public void close() {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
            kubernetes.close();
        }
    }

    @Test
    void threeNodesShareTheTenantsEveryLeadOnceAndAStoppedNodesTenantsMove() throws Exception {
        runThePage(new OnZooKeeper());
    }

    @Test
    void theSameOnKubernetesWithThePagesKubernetesLines() throws Exception {
        try (OnKubernetes kubernetes = new OnKubernetes()) {
            runThePage(kubernetes);
        }
    }

    private void runThePage(ClusterService service) throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "cluster-tenants-recipe").toAbsolutePath();
        String database = SharedPostgres.newDatabaseName();
        DataSource db = SharedPostgres.dataSource(database);
        String cluster = Files.readString(Path.of("..", "docs", "cluster.md"));
        String tenants = Files.readString(Path.of("..", "docs", "tenants.md"));
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(block(cluster, "(?s)## The tables.*?```sql\\n(.*?)```")); // created before the nodes start
            statement.execute(marked(tenants, "tenant-sql", "sql"));
            statement.execute(marked(cluster, "cluster-tenant-rows", "sql"));
        }
        addRows(db, List.of("initech", "umbrella", "hooli", "stark"));
        Path template = work.resolve("cashfin-tenant.camel.yaml");
        Files.writeString(template, marked(tenants, "tenant-template", "yaml")
                .replace("defaultValue: 5m", "defaultValue: 1000"));
        Path properties = work.resolve("application.properties");
        Files.writeString(properties, service.properties(cluster));
        assertThat(load(properties)).as("the page's properties wire the beans this test reads")
                .containsEntry("camel.beans.tenants.ownership", "#bean:tenantOwnership")
                .contains(service.wiring());

        Map<String, List<String>> expected = new HashMap<>();
        TENANTS.forEach(t -> expected.put(t, new ArrayList<>(leadsOf(t)))); // an earlier test's, on a new cursor
        TENANTS.forEach(t -> expected.get(t).addAll(addLeads(t, 3)));
        try (LogLines log = new LogLines("")) {
            runTheCluster(service, work, template, properties, database, expected);
            // every logger at the levels of this module's log4j2-test.xml (INFO, ours DEBUG) never shows a secret
            String shown = String.join("\n", log.lines());
            assertThat(shown).as("the log of the three nodes").contains("Tenant acme added");
            TENANTS.forEach(t -> assertThat(shown).as("the log of the three nodes").doesNotContain(secretOf(t)));
        }
    }

    private void runTheCluster(ClusterService service, Path work, Path template, Path properties, String database,
                               Map<String, List<String>> expected) {
        for (String node : NODES) {
            service.starting(node);
            nodes.put(node, startNode(service, node, work, template, properties, database));
        }

        Map<String, String> three = awaitSettled(NODES, Duration.ofSeconds(120));
        awaitEveryLeadOnce(work, expected);

        // the node running the most tenants stops (as on SIGTERM): its tenants, and only those, move to the others
        String stopping = NODES.stream().max((x, y) -> Long.compare(count(three, x), count(three, y))).orElseThrow();
        assertThat(count(three, stopping)).as("6 tenants over 3 nodes: the busiest runs at least 2").isGreaterThan(1);
        nodes.remove(stopping).stop();
        service.stopped(stopping);
        List<String> live = NODES.stream().filter(n -> !n.equals(stopping)).toList();
        Map<String, String> two = awaitSettled(live, Duration.ofSeconds(60));
        three.forEach((tenant, owner) -> {
            if (!owner.equals(stopping)) {
                assertThat(two.get(tenant)).as("%s, on a node that stayed, stays", tenant).isEqualTo(owner);
            }
        });
        TENANTS.forEach(t -> expected.get(t).addAll(addLeads(t, 2)));
        awaitEveryLeadOnce(work, expected);
    }

    /**
     * Camel Main as the page's application.properties configures it, plus what differs on this machine. The file is
     * the application's properties location; the overrides win over it as environment-specific values would.
     */
    private Main startNode(ClusterService service, String node, Path work, Path template, Path properties,
                           String database) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("file:" + properties);
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + template);
        main.addOverrideProperty("camel.main.name", node);
        main.addOverrideProperty("tenants.db.url", SharedPostgres.jdbcUrl(database));
        main.addOverrideProperty("tenants.db.user", "postgres");
        main.addOverrideProperty("tenants.db.password", "");
        main.addOverrideProperty("tenants.out-dir", work.resolve(node).toString());
        main.addOverrideProperty("cashfin.node.id", node);
        service.override(main);
        main.addOverrideProperty("camel.beans.tenants.interval", "1s");
        main.addOverrideProperty("camel.component.cashfin-leads.base-url", sim.baseUrl());
        main.start();
        return main;
    }

    /**
     * Waits until every live node's ownership sees exactly the live nodes and every tenant runs on exactly one of them,
     * the one every node's ownership names.
     *
     * @return tenant -> the node running it
     */
    private Map<String, String> awaitSettled(List<String> live, Duration atMost) {
        Map<String, String> owners = new HashMap<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            owners.clear();
            Map<String, Integer> runners = new HashMap<>();
            for (String node : live) {
                if (!ownership(node).members().equals(new TreeSet<>(live))) {
                    return false;
                }
                for (String tenant : routes(node).getRunningTenants()) {
                    runners.merge(tenant, 1, Integer::sum);
                    owners.put(tenant, node);
                }
            }
            return runners.keySet().equals(Set.copyOf(TENANTS)) && runners.values().stream().allMatch(r -> r == 1)
                   && live.stream().allMatch(n -> TENANTS.stream()
                           .allMatch(t -> owners.get(t).equals(ownership(n).owner(t))));
        });
        return new HashMap<>(owners);
    }

    private TenantRoutes routes(String node) {
        return nodes.get(node).getCamelContext().getRegistry().lookupByNameAndType("tenants", TenantRoutes.class);
    }

    private ClusterTenantOwnership ownership(String node) {
        return nodes.get(node).getCamelContext().getRegistry()
                .lookupByNameAndType("tenantOwnership", ClusterTenantOwnership.class);
    }

    private static long count(Map<String, String> owners, String node) {
        return owners.values().stream().filter(node::equals).count();
    }

    /** Each tenant's leads, from its file on every node (a node writes its tenants' files on its own disk). */
    private void awaitEveryLeadOnce(Path work, Map<String, List<String>> expected) {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            for (String tenant : TENANTS) {
                assertThat(emitted(work, tenant)).as("the leads of %s, on every node together", tenant)
                        .containsExactlyInAnyOrderElementsOf(expected.get(tenant));
            }
        });
    }

    /** The lead ids in the tenant's file on every node, in the order written, duplicates kept. */
    private List<String> emitted(Path work, String tenant) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String node : NODES) {
            Path file = work.resolve(node).resolve(tenant).resolve("leads.jsonl");
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        ids.add((String) json.readValue(line, Map.class).get("_id"));
                    }
                }
            }
        }
        return ids;
    }

    /** Rows of the same form as the page's: the tenant's secret by reference, its own source. */
    private static void addRows(DataSource db, List<String> tenants) throws Exception {
        try (Connection connection = db.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO cashfin_tenants (tenant_id, client_secret, plan, source) VALUES (?, ?, 'free', ?)")) {
            for (String tenant : tenants) {
                insert.setString(1, tenant);
                insert.setString(2, "{{env:" + tenant.toUpperCase(Locale.ROOT) + "_SECRET}}");
                insert.setString(3, tenant + "-web");
                insert.executeUpdate();
            }
        }
    }

    /** The simulator's leads of the tenant's source so far. */
    private static List<String> leadsOf(String tenant) {
        return sim.leads().stream().filter(lead -> (tenant + "-web").equals(lead.get("source")))
                .map(lead -> (String) lead.get("_id")).toList();
    }

    /** Leads of the tenant's source (the page's rows filter on {@code <tenant>-web}). */
    private static List<String> addLeads(String tenant, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add((String) sim.addLead(Map.of("name", tenant + " " + i + " " + System.nanoTime(),
                    "email", tenant + i + "-" + System.nanoTime() + "@example.com", "source", tenant + "-web",
                    "status", "new")).get("_id"));
        }
        return ids;
    }

    private static String secretOf(String tenant) {
        String secret = System.getenv(tenant.toUpperCase(Locale.ROOT) + "_SECRET");
        assertThat(secret).as("surefire sets %s_SECRET", tenant.toUpperCase(Locale.ROOT)).isNotBlank();
        return secret;
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        return properties;
    }

    /** The fenced block between {@code <!-- name:begin -->} and its end. */
    private static String marked(String page, String name, String language) {
        return block(page, "(?s)<!-- " + name + ":begin -->\\s*```" + language + "\\n(.*?)```");
    }

    private static String block(String page, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(page);
        assertThat(matcher.find()).as("the page has the block %s", regex).isTrue();
        return matcher.group(1);
    }
}
