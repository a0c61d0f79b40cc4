package africa.cashfin.camel.leads.tenants;

import static africa.cashfin.camel.leads.tenants.TenantRoutesRecipeTest.ACME;
import static africa.cashfin.camel.leads.tenants.TenantRoutesRecipeTest.GLOBEX;
import static africa.cashfin.camel.leads.tenants.TenantRoutesRecipeTest.INITECH;
import static africa.cashfin.camel.leads.tenants.TenantRoutesRecipeTest.UMBRELLA;
import static africa.cashfin.camel.leads.tenants.TenantsPageApp.emitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.leads.testing.CamelStoppedAfterEach;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The tenant table of docs/tenants.md in a database (H2 here): the page's CREATE TABLE, its template and its
 * {@code camel.beans.tenants} lines for a table. Rows are inserted, updated and deleted while the application runs;
 * a row holding a literal secret logs one ERROR naming the row and the field (never the value) and the other tenants
 * run.
 */
class TenantRoutesTableTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(
            CashfinSimulator.builder().secrets(ACME, GLOBEX, INITECH, UMBRELLA));

    private static final String LITERAL = "cs_live_pasted_by_mistake_5e6f7a8b";

    @RegisterExtension
    final CamelStoppedAfterEach camel = new CamelStoppedAfterEach();

    @Test
    void rowsInsertedUpdatedAndDeletedAtRuntimeAndABadRowRefused() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "tenants-table").toAbsolutePath();
        String url = TenantsPageApp.dbUrl(work);
        List<String> acme = addLeads("acme-web", 3);
        List<String> globex = addLeads("globex-web", 2);
        List<String> umbrella = addLeads("umbrella-web", 2);
        addLeads("hooli-web", 2);

        try (Connection db = DriverManager.getConnection(url, "sa", "sa-test"); Statement sql = db.createStatement();
             LogCapture log = new LogCapture()) {
            sql.execute(TenantsPageApp.block("tenant-sql", "sql"));
            sql.execute("INSERT INTO cashfin_tenants (tenant_id, client_secret, plan, source) VALUES"
                        + " ('acme', '{{env:ACME_SECRET}}', 'starter', 'acme-web')");
            sql.execute("INSERT INTO cashfin_tenants (tenant_id, client_secret, source, status) VALUES"
                        + " ('globex', '{{env:GLOBEX_SECRET}}', 'globex-web', 'new')");
            sql.execute("INSERT INTO cashfin_tenants (tenant_id, client_secret, source) VALUES"
                        + " ('hooli', '" + LITERAL + "', 'hooli-web')");

            Path template = TenantsPageApp.template(work, "300");
            Main main = camel.main(TenantsPageApp.forTable(work, template, cashfin));
            main.start();

            await().atMost(Duration.ofSeconds(120)).until(() -> emitted(work, "acme").size() == acme.size()
                    && emitted(work, "globex").size() == globex.size());
            assertThat(main.getCamelContext().getRoute("tenant-hooli")).isNull();

            sql.execute("UPDATE cashfin_tenants SET plan = 'professional' WHERE tenant_id = 'acme'");
            sql.execute("DELETE FROM cashfin_tenants WHERE tenant_id = 'globex'");
            sql.execute("INSERT INTO cashfin_tenants (tenant_id, client_secret, source) VALUES"
                        + " ('umbrella', '{{env:UMBRELLA_SECRET}}', 'umbrella-web')");
            await().atMost(Duration.ofSeconds(120)).until(() -> emitted(work, "umbrella").size() == umbrella.size()
                    && main.getCamelContext().getRoute("tenant-globex") == null
                    && main.getCamelContext().getRoute("tenant-acme") != null
                    && main.getCamelContext().getRoute("tenant-acme").getEndpoint().getEndpointUri()
                            .contains("plan=professional"));
            List<String> acmeLater = addLeads("acme-web", 2);
            addLeads("globex-web", 2); // globex left the table
            await().atMost(Duration.ofSeconds(120)).until(() -> emitted(work, "acme").size() == 5);
            long calls = cashfin.listCalls();
            await().atMost(Duration.ofSeconds(120)).until(() -> cashfin.listCalls() >= calls + 6);

            List<String> acmeAll = new ArrayList<>(acme);
            acmeAll.addAll(acmeLater);
            assertThat(emitted(work, "acme")).containsExactlyInAnyOrderElementsOf(acmeAll);
            assertThat(emitted(work, "globex")).containsExactlyInAnyOrderElementsOf(globex);
            assertThat(emitted(work, "umbrella")).containsExactlyInAnyOrderElementsOf(umbrella);
            assertThat(work.resolve("out").resolve("hooli")).doesNotExist();

            List<String> errors = log.levelledLines().stream()
                    .filter(l -> l.startsWith("ERROR") && l.contains("leads.tenants.TenantRoutes")).distinct().toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("Tenant row 'hooli' of table cashfin_tenants, field clientSecret")
                    .contains("not a reference").doesNotContain(LITERAL);
            assertThat(log.all()).doesNotContain(LITERAL);
        }
    }

    private static List<String> addLeads(String source, int count) {
        return TenantRoutesRecipeTest.addLeads(cashfin, source, count);
    }
}
