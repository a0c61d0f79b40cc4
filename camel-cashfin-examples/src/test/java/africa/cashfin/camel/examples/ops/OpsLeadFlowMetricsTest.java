package africa.cashfin.camel.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.examples.common.InboundCounts;
import africa.cashfin.camel.leads.testing.CamelStoppedAfterEach;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Plan;

/**
 * The gap of counting the lead flow from Camel's exchange events: a consumer's polls answered 429 before its route has
 * emitted anything (here under {@code master:}, as a cluster runs it, so its route names no {@code cashfin-leads}
 * endpoint either) are counted in the budget section, and its leads in the chart, because the component itself reports
 * them to the page's {@code LeadsMetrics} bean ({@link OpsPanels#bind}).
 */
class OpsLeadFlowMetricsTest {

    @RegisterExtension
    static final CashfinSimulatorExtension CASHFIN = new CashfinSimulatorExtension();

    @TempDir
    Path locks;

    @RegisterExtension
    final CamelStoppedAfterEach camel = new CamelStoppedAfterEach();

    private CamelContext context;

    @Test
    void aConsumersPollsAnswered429BeforeItsFirstExchangeAreCounted() throws Exception {
        context = camel.context(SimulatorCamel.contextOn(CASHFIN));
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setRoot(locks.toString());
        cluster.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        context.addService(cluster);
        Clock clock = Clock.systemUTC();
        OpsPanels.bind(context, clock, new InboundCounts(clock), new InboundCounts(clock));
        CASHFIN.failNext(2, 429, Endpoint.LIST);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:leads:cashfin-leads:list?delay=100&initialDelay=0&maxRetries=0").routeId("leads")
                        .log("${body}");
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> rateLimitedToday() == 2);
        assertThat(leadFlow().get("emittedToday")).isEqualTo(0L);

        CASHFIN.insertLeads(List.of(Map.of("name", "Kofi Mensah"), Map.of("name", "Ama Owusu")));
        await().atMost(Duration.ofSeconds(30)).until(() -> (Long) leadFlow().get("emittedToday") == 2);
        assertThat(rateLimitedToday()).isEqualTo(2);
    }

    /**
     * A bulk create on a context of many {@code cashfin-leads} endpoints: every lead created is charted, in the hour of
     * the Cashfin server's day (here a day that does not start at UTC midnight, so the hour is the limiter's, not UTC's).
     */
    @Test
    void aBulkCreateIsChartedInTheHourOfTheServersDay() throws Exception {
        Instant now = Instant.now();
        int serverHour = (now.atZone(ZoneOffset.UTC).getHour() + 12) % 24;
        CASHFIN.plan(Plan.custom(0, 0, 100_000));
        CASHFIN.dayStart(LocalTime.ofInstant(now.minus(Duration.ofHours(serverHour).plusMinutes(30)), ZoneOffset.UTC));
        context = camel.context(SimulatorCamel.contextOn(CASHFIN));
        SimulatorCamel.configuration(context).setPlan("unlimited");
        SimulatorCamel.configuration(context).setMaxRequestsPerDay(100_000);
        Clock clock = Clock.systemUTC();
        OpsPanels.bind(context, clock, new InboundCounts(clock), new InboundCounts(clock));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < 30; i++) {
                    from("direct:form-" + i).to("cashfin-leads:create?source=form-" + i);
                }
                from("direct:import").to("cashfin-leads:create?source=import");
            }
        });
        context.start();
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            leads.add(Map.of("name", "Imported Lead " + i));
        }

        context.createProducerTemplate().sendBody("direct:import", leads);
        context.createProducerTemplate().sendBody("direct:form-7", Map.of("name", "Form Lead"));

        assertThat(leadFlow().get("createdToday")).isEqualTo(201L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hours = (List<Map<String, Object>>) leadFlow().get("hours");
        assertThat(hours.get(serverHour).get("created")).isEqualTo(201L);
    }

    private long rateLimitedToday() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> secrets = (List<Map<String, Object>>) panel(OpsPanels.BUDGET).data().get("secrets");
        return secrets.isEmpty() ? -1 : (Long) secrets.get(0).get("rateLimitedToday");
    }

    private Map<String, Object> leadFlow() {
        return panel(OpsPanels.LEAD_FLOW).data();
    }

    private OpsPanel panel(String name) {
        return context.getRegistry().lookupByNameAndType(name, OpsPanel.class);
    }
}
