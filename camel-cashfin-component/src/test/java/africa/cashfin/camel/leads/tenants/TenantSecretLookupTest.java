package africa.cashfin.camel.leads.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.testing.CamelStoppedAfterEach;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * A tenant row's secret reference is looked up where it points (here a counting properties source standing for a
 * vault) when the row is first read and when it changes, not at every re-read of the tenant table: with thousands of
 * tenants re-read every 30 s, a vault would otherwise be asked for every secret twice a minute (docs/tenants.md,
 * Limits).
 */
class TenantSecretLookupTest {

    private static final String SECRET = "cs_test_tenant_lookups_7f3a9c1e5b20";

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder().secrets(SECRET));

    @RegisterExtension
    final CamelStoppedAfterEach camel = new CamelStoppedAfterEach();

    @Test
    void aRowsSecretReferenceIsResolvedOncePerChangeOfTheRow() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "tenant-lookups").toAbsolutePath();
        Path table = work.resolve("tenants.properties");
        Files.writeString(table, "acme.clientSecret = {{vault.acme}}\n");
        AtomicInteger lookups = new AtomicInteger();
        CamelContext context = camel.context(new DefaultCamelContext());
        context.getPropertiesComponent().addPropertiesSource(new PropertiesSource() {
            @Override
            public String getName() {
                return "counting-vault";
            }

            @Override
            public String getProperty(String name) {
                if (!"vault.acme".equals(name)) {
                    return null;
                }
                lookups.incrementAndGet();
                return SECRET;
            }
        });
        context.getComponent("cashfin-leads", CashfinLeadsComponent.class).getConfiguration()
                .setBaseUrl(cashfin.baseUrl());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                routeTemplate(TenantRoutes.DEFAULT_TEMPLATE).templateParameter("tenantId")
                        .templateParameter("clientSecret").templateParameter("plan", "unlimited")
                        .from("cashfin-leads:list?clientSecret=RAW({{clientSecret}})&plan={{plan}}&delay=1h")
                        .log("${body}");
            }
        });
        TenantRoutes tenants = new TenantRoutes();
        tenants.setFile(table.toString());
        tenants.setInterval("1h"); // re-read by hand below
        context.addRoutes(tenants);
        context.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> tenants.getRunningTenants().contains("acme"));
        int atStart = lookups.get();

        for (int i = 0; i < 5; i++) {
            tenants.reload();
        }
        assertThat(lookups.get()).as("look-ups of the unchanged row's secret over five re-reads").isEqualTo(atStart);

        TenantRoutesRecipeTest.replace(table, "acme.clientSecret = {{vault.acme}}\nacme.plan = starter\n");
        tenants.reload();
        assertThat(context.getRoute("tenant-acme").getEndpoint().getEndpointUri()).contains("plan=starter");
        assertThat(lookups.get()).as("the changed row is checked (and its route made) again").isGreaterThan(atStart);
        int afterChange = lookups.get();
        tenants.reload();
        assertThat(lookups.get()).as("and then not again").isEqualTo(afterChange);
    }
}
