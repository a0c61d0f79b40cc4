package africa.cashfin.camel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.state.JdbcStateRepository;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * What a node that takes over (or restarts) finds on PostgreSQL, and what it costs: with the delivered keys
 * ({@code JdbcMessageIdRepository}) and the cursor ({@code JdbcStateRepository}) in the database, its first poll is
 * an ordinary incremental poll of one call; with the keys alone it is a verification scan that reads every page.
 * Either way nothing is emitted twice and nothing is missed. Polls are run one at a time to count their calls.
 */
class PostgresSharedStateTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    private static final String URI = "cashfin-leads:list?plan=unlimited&startScheduler=false&limit=100";

    @Test
    void aNodeThatTakesOverWithKeysAndCursorOnPostgresPollsIncrementally() throws Exception {
        sim.seedLeads(250, 51);
        DataSource database = SharedPostgres.newDatabase();
        try (ClusterNode first = node("node-1", database, true).start()) {
            for (int poll = 0; poll < 5 && first.delivered.size() < 250; poll++) {
                first.poll();
            }
            assertThat(first.delivered).hasSize(250).doesNotHaveDuplicates();
        }

        try (ClusterNode next = node("node-2", database, true).start()) {
            long before = sim.listCalls();
            next.poll();
            assertThat(sim.listCalls() - before).as("an idle poll after takeover").isEqualTo(1);
            assertThat(next.delivered).isEmpty();

            List<String> fresh = sim.insertLeads(3).stream().map(l -> (String) l.get("_id")).toList();
            next.poll();
            assertThat(next.delivered).containsExactlyInAnyOrderElementsOf(fresh);
        }
    }

    @Test
    void withTheKeysAloneTheNodeThatTakesOverRunsAVerificationScanAndEmitsOnlyWhatIsNew() throws Exception {
        sim.seedLeads(250, 52);
        DataSource database = SharedPostgres.newDatabase();
        try (ClusterNode first = node("node-1", database, false).start()) {
            for (int poll = 0; poll < 5 && first.delivered.size() < 250; poll++) {
                first.poll();
            }
            assertThat(first.delivered).hasSize(250);
        }
        String whileDown = (String) sim.addLead(Map.of("name", "Created While Nobody Led")).get("_id");

        try (ClusterNode next = node("node-2", database, false).start()) {
            long before = sim.listCalls();
            next.poll();
            assertThat(sim.listCalls() - before).as("the verification scan reads all 3 pages of 251 leads")
                    .isGreaterThanOrEqualTo(3);
            assertThat(next.delivered).containsExactly(whileDown);
        }
    }

    /** A node with a connection pool of its own on {@code database}, closed with it. */
    private static ClusterNode node(String name, DataSource database, boolean withCursor) throws Exception {
        HikariDataSource pool = SharedPostgres.pool(database, name);
        Map<String, Object> beans = withCursor
                ? Map.of("leadIds", new JdbcMessageIdRepository(pool, "cashfin-leads-sync"),
                        "leadCursor", new JdbcStateRepository(pool))
                : Map.of("leadIds", new JdbcMessageIdRepository(pool, "cashfin-leads-sync"));
        String uri = URI + "&idempotentRepository=#leadIds" + (withCursor ? "&stateRepository=#leadCursor" : "");
        try {
            return new ClusterNode(name, sim.baseUrl(), sim.secret(), uri, beans, null, null).own(pool);
        } catch (Exception | Error e) {
            pool.close();
            throw e;
        }
    }
}
