package africa.cashfin.camel.leads.tenants;

import static africa.cashfin.camel.leads.tenants.TenantRoutesRecipeTest.ACME;
import static africa.cashfin.camel.leads.tenants.TenantRoutesRecipeTest.GLOBEX;
import static africa.cashfin.camel.leads.tenants.TenantRoutesRecipeTest.INITECH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.main.Main;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.leads.testing.CamelStoppedAfterEach;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * Per-tenant visibility as a user gets it (docs/tenants.md, "Per-tenant metrics, JMX and dev console"): the page's
 * route template and tenant file (three tenants, three secrets as {@code {{env:...}}}) in Camel Main against the
 * simulator, Micrometer's {@code SimpleMeterRegistry} bound by a {@code camel.beans} line, JMX and the dev console as
 * Camel gives them. One tenant's destination cannot be written (its directory is taken by a file), so its leads fail.
 * The meters (tag {@code tenant}), the endpoint, consumer and component MBeans and the dev console show per tenant the
 * leads each route emitted (its file's lines), its failures, its calls and last poll, and totals that are the sums; no
 * secret appears in any of them nor in the log. The template's delay stays the page's 5 minutes, so after the first
 * poll of each tenant the figures stand still while they are compared.
 */
class TenantVisibilityTest {

    private static final String CONTEXT = "cashfin-tenant-visibility";

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(
            CashfinSimulator.builder().secrets(ACME, GLOBEX, INITECH));

    @RegisterExtension
    final CamelStoppedAfterEach camel = new CamelStoppedAfterEach();

    @Test
    void metersJmxAndConsoleShowEachTenantAndTheTotals() throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        Path work = Files.createTempDirectory(Path.of("target"), "tenant-visibility").toAbsolutePath();
        TenantRoutesRecipeTest.addLeads(cashfin, "acme-web", 4);
        TenantRoutesRecipeTest.addLeads(cashfin, "globex-web", 3);
        TenantRoutesRecipeTest.addLeads(cashfin, "initech-web", 2);
        Path tenants = TenantsPageApp.tenantFile(work);
        Path template = TenantsPageApp.template(work, "5m");
        Files.createDirectories(work.resolve("out"));
        Files.writeString(work.resolve("out").resolve("initech"), "a file where initech's directory should be");

        try (LogCapture log = new LogCapture()) {
            // the page's application.properties (as TenantRoutesRecipeTest runs them), a name and a meter registry
            Main main = camel.main(TenantsPageApp.forFile(work, template, tenants, cashfin));
            main.addInitialProperty("camel.main.name", CONTEXT);
            main.addInitialProperty("camel.beans.metricsRegistry",
                                    "#class:io.micrometer.core.instrument.simple.SimpleMeterRegistry");
            main.start();
            CamelContext context = main.getCamelContext();
            DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                    .resolveById("cashfin-leads");

            // each tenant's first poll has ended (the next is 5 minutes later)
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                Map<String, JsonObject> t = tenants(console);
                return t.keySet().equals(Set.of("acme", "globex", "initech"))
                       && t.values().stream().allMatch(f -> f.get("lastPoll") != null)
                       && emitted(work, "acme") == 4 && emitted(work, "globex") == 3
                       && t.get("initech").getLong("leadsFailed") >= 1;
            });

            // the dev console: per tenant what its route did, then the sums
            JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
            Map<String, JsonObject> t = tenants(console);
            assertThat(t.get("acme").getLong("leadsEmitted")).isEqualTo(4L);
            assertThat(t.get("globex").getLong("leadsEmitted")).isEqualTo(3L);
            assertThat(t.get("initech").getLong("leadsEmitted")).isZero();
            assertThat(t.get("acme").getLong("failures")).isZero();
            assertThat(t.get("globex").getLong("failures")).isZero();
            long initechFailures = t.get("initech").getLong("failures");
            assertThat(initechFailures).isEqualTo(t.get("initech").getLong("leadsFailed")).isPositive();
            JsonObject totals = (JsonObject) json.get("totals");
            assertThat(totals.getLong("leadsEmitted")).isEqualTo(7L);
            assertThat(totals.getLong("failures")).isEqualTo(initechFailures);
            assertThat(totals.getLong("calls")).isEqualTo(sum(t, "calls"));
            assertThat(totals.getLong("callsToday")).as("three secrets, each counted once").isEqualTo(sum(t, "callsToday"));
            assertThat(totals.getString("lastPoll")).isEqualTo(t.values().stream().map(f -> f.getString("lastPoll"))
                    .max(String::compareTo).orElseThrow());
            for (JsonObject f : t.values()) {
                assertThat(f.getLong("calls")).isPositive();
                if (LocalDate.now(ZoneOffset.UTC).equals(day)) { // the server's day did not end during the test
                    assertThat(f.getLong("callsToday")).as("the secret's calls today, these among them")
                            .isGreaterThanOrEqualTo(f.getLong("calls"));
                }
            }
            String text = (String) console.call(DevConsole.MediaType.TEXT);
            assertThat(text).contains("    Tenant: acme\n").contains("Tenant acme: calls today ")
                    .contains("leads emitted 4, failures 0").contains("Tenant initech: ")
                    .contains("All tenants: ").contains("leads emitted 7, failures " + initechFailures);

            // Micrometer: the same figures under the tag tenant; the sums across tenants are the totals
            MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            assertThat(leads(meters, "acme", "emitted")).isEqualTo(4);
            assertThat(leads(meters, "globex", "emitted")).isEqualTo(3);
            assertThat(leads(meters, "initech", "failed")).isEqualTo((double) t.get("initech").getLong("leadsFailed"));
            for (String tenant : t.keySet()) {
                assertThat(meters.find("cashfin.leads.calls").tag("tenant", tenant).timers().stream()
                        .mapToLong(Timer::count).sum()).as(tenant).isEqualTo(t.get(tenant).getLong("calls"));
                assertThat(meters.get("cashfin.leads.consumer.last.poll").tag("tenant", tenant).gauge().value())
                        .isPositive();
            }
            assertThat(meters.find("cashfin.leads.consumer.leads").tag("outcome", "emitted").counters().stream()
                    .mapToDouble(c -> c.count()).sum()).isEqualTo(7);
            List<Meter> ours = meters.getMeters().stream().filter(m -> m.getId().getName().startsWith("cashfin."))
                    .toList();
            assertThat(ours).isNotEmpty().allSatisfy(m -> assertThat(m.getId().getTag("tenant"))
                    .as(m.getId().toString()).isIn("acme", "globex", "initech"));

            // JMX: each endpoint and consumer MBean names its tenant, the component MBean has the totals
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Map<String, Object> endpointTenants = new HashMap<>();
            for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:context=" + CONTEXT
                                                                     + ",type=endpoints,*"), null)) {
                if (name.getKeyProperty("name").contains("cashfin-leads://list")) {
                    endpointTenants.put(name.getKeyProperty("name"), server.getAttribute(name, "TenantId"));
                }
            }
            assertThat(endpointTenants.values()).containsExactlyInAnyOrder("acme", "globex", "initech");
            Map<Object, Object> emittedByTenant = new HashMap<>();
            for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:context=" + CONTEXT
                                                                     + ",type=consumers,name=CashfinLeadsConsumer*"), null)) {
                emittedByTenant.put(server.getAttribute(name, "TenantId"), server.getAttribute(name, "LeadsEmitted"));
                assertThat(server.getAttribute(name, "LastPollAt")).isNotNull();
            }
            assertThat(emittedByTenant).isEqualTo(Map.of("acme", 4L, "globex", 3L, "initech", 0L));
            ObjectName component = new ObjectName("org.apache.camel:context=" + CONTEXT
                                                  + ",type=components,name=\"cashfin-leads\"");
            assertThat(server.getAttribute(component, "Tenants")).isEqualTo(3);
            assertThat(server.getAttribute(component, "TotalLeadsEmitted")).isEqualTo(7L);
            assertThat(server.getAttribute(component, "TotalFailures")).isEqualTo(initechFailures);
            assertThat(server.getAttribute(component, "TotalCallsToday")).isEqualTo(totals.getLong("callsToday"));
            assertThat(server.getAttribute(component, "LastPollAt")).isEqualTo(totals.getString("lastPoll"));
            assertThat((String) server.invoke(component, "tenantFigures", new Object[] { "globex" },
                                              new String[] { String.class.getName() }))
                    .contains("leads emitted 3, failures 0");

            // no secret anywhere: console, meters, every attribute of the context's MBeans, the log
            List<String> shown = new ArrayList<>(List.of(json.toJson(), text));
            ours.forEach(m -> shown.add(m.getId().toString()));
            for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:context=" + CONTEXT + ",*"), null)) {
                shown.add(name.toString());
                for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                    try {
                        shown.add(String.valueOf(server.getAttribute(name, attribute.getName())));
                    } catch (Exception | LinkageError unreadable) {
                        // an attribute Camel cannot read in this state shows nothing
                    }
                }
            }
            shown.addAll(log.levelledLines().stream()
                    .filter(l -> !l.startsWith("DEBUG") && !l.startsWith("TRACE") || l.contains(" africa.cashfin."))
                    .toList());
            for (String secret : List.of(ACME, GLOBEX, INITECH)) {
                assertThat(shown).noneMatch(s -> s.contains(secret));
            }
        }
    }

    private static Map<String, JsonObject> tenants(DevConsole console) {
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        Map<String, JsonObject> tenants = new HashMap<>();
        for (Object o : (JsonArray) json.get("tenants")) {
            tenants.put(((JsonObject) o).getString("tenant"), (JsonObject) o);
        }
        return tenants;
    }

    private static long sum(Map<String, JsonObject> tenants, String figure) {
        return tenants.values().stream().mapToLong(f -> f.getLong(figure)).sum();
    }

    private static double leads(MeterRegistry meters, String tenant, String outcome) {
        return meters.get("cashfin.leads.consumer.leads").tag("tenant", tenant).tag("outcome", outcome).counter()
                .count();
    }

    /** The lines of the tenant's output file. */
    private static long emitted(Path work, String tenant) throws Exception {
        Path file = work.resolve("out").resolve(tenant).resolve("leads.jsonl");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
    }
}
