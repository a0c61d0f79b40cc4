package africa.cashfin.camel.leads.tenants;

import static africa.cashfin.camel.leads.tenants.TenantsPageApp.emitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.leads.testing.CamelStoppedAfterEach;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * docs/tenants.md as a user runs it: the YAML route template and the tenant file copied from the page, the secrets as
 * {@code {{env:...}}} (set by surefire; the page's {@code {{vault:...}}} line becomes {@code {{env:INITECH_SECRET}}},
 * as the page says), Camel Main with the page's {@code camel.beans.tenants} lines, three tenants with three secrets
 * against the simulator. Then the file changes while it runs: one tenant added, one changed, one removed; each
 * tenant's leads reach its own file once. The only other change to the blocks: the template's delay (5m to 300 ms).
 */
class TenantRoutesRecipeTest {

    static final String ACME = System.getenv("ACME_SECRET");
    static final String GLOBEX = System.getenv("GLOBEX_SECRET");
    static final String INITECH = System.getenv("INITECH_SECRET");
    static final String UMBRELLA = System.getenv("UMBRELLA_SECRET");

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(
            CashfinSimulator.builder().secrets(ACME, GLOBEX, INITECH, UMBRELLA));

    @RegisterExtension
    final CamelStoppedAfterEach camel = new CamelStoppedAfterEach();

    @Test
    void tenantsAddedChangedAndRemovedAtRuntimeEachGetTheirLeadsOnce() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "tenants-recipe").toAbsolutePath();
        List<String> acme = addLeads("acme-web", 4);
        List<String> globex = addLeads("globex-web", 3);
        List<String> initech = addLeads("initech-web", 2);
        List<String> umbrella = addLeads("umbrella-web", 3);
        addLeads("someone-else", 2);

        Path tenants = TenantsPageApp.tenantFile(work);
        Path template = TenantsPageApp.template(work, "300");

        try (LogCapture log = new LogCapture()) {
            Main main = camel.main(TenantsPageApp.forFile(work, template, tenants, cashfin));
            main.start();

            await().atMost(Duration.ofSeconds(120)).until(() -> emitted(work, "acme").size() == acme.size()
                    && emitted(work, "globex").size() == globex.size()
                    && emitted(work, "initech").size() == initech.size());
            assertThat(main.getCamelContext().getRoute("tenant-umbrella")).isNull();

            // at runtime: umbrella added, acme changed (its plan), initech removed
            String changed = Files.readString(tenants)
                    .replace("acme.plan = starter", "acme.plan = professional")
                    .replaceAll("(?m)^initech\\..*$", "")
                    + "\numbrella.clientSecret = {{env:UMBRELLA_SECRET}}\numbrella.source = umbrella-web\n";
            replace(tenants, changed); // as docs/tenants.md says: write a new file and rename it over the old one
            await().atMost(Duration.ofSeconds(120)).until(() -> emitted(work, "umbrella").size() == umbrella.size()
                    && main.getCamelContext().getRoute("tenant-initech") == null
                    && main.getCamelContext().getRoute("tenant-acme") != null
                    && main.getCamelContext().getRoute("tenant-acme").getEndpoint().getEndpointUri()
                            .contains("plan=professional"));

            List<String> acmeLater = addLeads("acme-web", 2);
            addLeads("initech-web", 2); // initech left the table: nobody emits these
            await().atMost(Duration.ofSeconds(120)).until(() -> emitted(work, "acme").size() == 6);
            long calls = cashfin.listCalls();
            await().atMost(Duration.ofSeconds(120)).until(() -> cashfin.listCalls() >= calls + 9); // 3 polls a tenant

            List<String> acmeAll = new ArrayList<>(acme);
            acmeAll.addAll(acmeLater);
            assertThat(emitted(work, "acme")).containsExactlyInAnyOrderElementsOf(acmeAll);
            assertThat(emitted(work, "globex")).containsExactlyInAnyOrderElementsOf(globex);
            assertThat(emitted(work, "initech")).containsExactlyInAnyOrderElementsOf(initech);
            assertThat(emitted(work, "umbrella")).containsExactlyInAnyOrderElementsOf(umbrella);
            TenantRoutes routes = main.getCamelContext().getRegistry().lookupByNameAndType("tenants", TenantRoutes.class);
            assertThat(routes.getRunningTenants()).containsExactly("acme", "globex", "umbrella");

            List<String> lines = log.lines().stream().filter(l -> l.contains("leads.tenants.TenantRoutes")).distinct()
                    .toList();
            assertThat(lines).anyMatch(l -> l.contains("Tenant umbrella added: route tenant-umbrella"))
                    .anyMatch(l -> l.contains("Tenant acme changed: its route tenant-acme is replaced"))
                    .anyMatch(l -> l.contains("Tenant initech removed"));
            // Camel's own property resolution prints resolved values at DEBUG (docs/tenants.md says so): every logger
            // at INFO and above, and ours at every level, never show a secret
            String shown = String.join("\n", log.levelledLines().stream()
                    .filter(l -> !l.startsWith("DEBUG") && !l.startsWith("TRACE") || l.contains(" africa.cashfin."))
                    .toList());
            for (String secret : List.of(ACME, GLOBEX, INITECH, UMBRELLA)) {
                assertThat(shown).doesNotContain(secret);
            }
        }
    }

    static void replace(Path file, String content) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                   java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static List<String> addLeads(String source, int count) {
        return addLeads(cashfin, source, count);
    }

    static List<String> addLeads(CashfinSimulatorExtension cashfin, String source, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add((String) cashfin.addLead(Map.of("name", source + " " + i + " " + System.nanoTime(),
                    "email", source + i + "-" + System.nanoTime() + "@example.com", "source", source,
                    "status", "new")).get("_id"));
        }
        return ids;
    }

}
