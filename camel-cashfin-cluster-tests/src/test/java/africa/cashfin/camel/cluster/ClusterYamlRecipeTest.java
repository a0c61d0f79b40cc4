package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Plan;

/**
 * docs/cluster.md as a user copies it: its PostgreSQL DDL, its properties and its YAML (beans + route, taken from the
 * page between the cluster-recipe markers) in Camel Main, against a real ZooKeeper and a real PostgreSQL. The node
 * becomes leader, backfills every lead once, and leaves its cursor and the secret's bucket in the database.
 */
class ClusterYamlRecipeTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    private static final Path PAGE = Path.of("..", "docs", "cluster.md");

    @Test
    void theDocumentedRecipeRunsAsWritten() throws Exception {
        sim.plan(Plan.STARTER);
        List<String> expected = sim.seedLeads(120, 61).stream().map(l -> (String) l.get("_id")).toList();
        String database = SharedPostgres.newDatabaseName();
        DataSource db = SharedPostgres.dataSource(database);
        String page = Files.readString(PAGE);
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(block(page, "(?s)## The tables.*?```sql\\n(.*?)```"));
        }
        Path yaml = Path.of("target", "cluster-recipe", "leads-sync.camel.yaml");
        Files.createDirectories(yaml.getParent());
        Files.writeString(yaml, block(page, "(?s)<!-- cluster-recipe:begin -->\\s*```yaml\\n(.*?)```"));

        List<String> pushed = new CopyOnWriteArrayList<>();
        try (TestingServer zooKeeper = new TestingServer(true)) {
            Main main = new Main();
            main.configure().withRoutesIncludePattern("file:" + yaml.toAbsolutePath());
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:push-to-crm").process(e -> pushed.add(e.getMessage().getBody(Lead.class).getId()));
                }
            });
            main.addInitialProperty("camel.component.cashfin-leads.client-secret", sim.secret());
            main.addInitialProperty("camel.component.cashfin-leads.base-url", sim.baseUrl());
            main.addInitialProperty("camel.component.cashfin-leads.plan", "starter");
            main.addInitialProperty("camel.component.cashfin-leads.rate-limit-store", "#bean:cashfinRateLimitStore");
            main.addInitialProperty("camel.component.cashfin-leads.rate-limit-log", "#bean:cashfinRateLimitLog");
            main.addInitialProperty("cashfin.db.url", SharedPostgres.jdbcUrl(database));
            main.addInitialProperty("cashfin.db.user", "postgres");
            main.addInitialProperty("cashfin.db.password", "");
            main.addInitialProperty("cashfin.zookeeper.nodes", zooKeeper.getConnectString());
            main.addInitialProperty("cashfin.node.id", "node-1");
            main.start();
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> pushed.size() >= 120);
                assertThat(pushed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
                await().atMost(Duration.ofSeconds(30)).until(() -> rows(db, "SELECT state_key FROM CASHFIN_LEADS_STATE")
                        .contains("cashfin-leads:list"));
                assertThat(rows(db, "SELECT state_key FROM CASHFIN_LEADS_STATE"))
                        .as("the cursor, its leadership epoch and (once a sweep page was read) the sweep's position")
                        .contains("cashfin-leads:list", "cashfin-leads:list#leader-epoch")
                        .isSubsetOf("cashfin-leads:list", "cashfin-leads:list#leader-epoch", "cashfin-leads:list#sweep");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rows(db,
                        "SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'cashfin-leads-sync'"))
                        .as("every delivered id, plus the marker of the first complete scan")
                        .containsExactlyInAnyOrderElementsOf(withMarker(expected)));
                List<String> buckets = rows(db, "SELECT id FROM cashfin_rate_limit");
                assertThat(buckets).as("the secret's pace bucket, its server-day bucket and the (empty) row of the"
                                       + " budget reserves every node reads").hasSize(3)
                        .allSatisfy(id -> assertThat(id).startsWith("cashfin-leads:calls:").doesNotContain(sim.secret()))
                        .filteredOn(id -> id.endsWith(":day") || id.endsWith(":reserves")).hasSize(2);
                assertThat(rows(db, "SELECT DISTINCT bucket_key FROM cashfin_rate_limit_log"))
                        .as("the shared sliding log holds the sends, keyed by the secret's fingerprint")
                        .containsExactlyElementsOf(buckets.stream()
                                .filter(id -> !id.endsWith(":day") && !id.endsWith(":reserves")).toList());
            } finally {
                main.stop();
            }
        }
    }

    private static List<String> withMarker(List<String> ids) {
        List<String> keys = new ArrayList<>(ids);
        keys.add("cashfin-scan:started:cashfin-leads:list");
        return keys;
    }

    private static String block(String page, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(page);
        assertThat(matcher.find()).as("docs/cluster.md has the block %s", regex).isTrue();
        return matcher.group(1);
    }

    private static List<String> rows(DataSource db, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
