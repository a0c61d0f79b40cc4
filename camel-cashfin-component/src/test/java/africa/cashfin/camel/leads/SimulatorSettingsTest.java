package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;

/**
 * The settings the simulator hands out for a user's own tests, each used the way docs/simulator.md shows it: endpoint
 * options in a URI, the component options bound in one line, and the component properties in Camel Main. The component
 * then paces to the simulator's plan, not to its own Free-plan default.
 */
class SimulatorSettingsTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    @Test
    void endpointOptionsInAUriMatchTheSimulatorsPlan() throws Exception {
        cashfin.plan(Plan.STARTER);
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lead").to("cashfin-leads:create?" + cashfin.endpointOptions());
            }
        });
        context.start();
        try {
            ProducerTemplate template = context.createProducerTemplate();
            for (int i = 0; i < 12; i++) {
                template.requestBody("direct:lead", Map.of("name", "Lead " + i), Lead.class);
            }
            CashfinLeadsEndpoint endpoint = context.getEndpoints().stream()
                    .filter(CashfinLeadsEndpoint.class::isInstance).map(CashfinLeadsEndpoint.class::cast)
                    .findFirst().orElseThrow();
            assertThat(endpoint.getConfiguration().getPlan()).isEqualTo("starter");
            assertThat(endpoint.getConfiguration().getBaseUrl()).isEqualTo(cashfin.baseUrl());
        } finally {
            context.stop();
        }
        assertThat(cashfin.leadCount()).isEqualTo(12);
        assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.OK)).isEqualTo(12);
        assertThat(cashfin.requestCount(Outcome.RATE_LIMITED)).isZero();
    }

    @Test
    void componentOptionsBindInOneLine() throws Exception {
        CamelContext context = new DefaultCamelContext();
        PropertyBindingSupport.bindProperties(context, context.getComponent("cashfin-leads"), cashfin.componentOptions());
        context.start();
        try {
            CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
            assertThat(component.getConfiguration().getPlan()).isEqualTo("unlimited");
            assertThat(component.getConfiguration().getBaseUrl()).isEqualTo(cashfin.baseUrl());
            cashfin.seedLeads(3, 1);
            List<?> leads = context.createProducerTemplate().requestBody("cashfin-leads:list", null, List.class);
            assertThat(leads).hasSize(3);
        } finally {
            context.stop();
        }
    }

    @Test
    void camelPropertiesConfigureTheComponentInCamelMain() throws Exception {
        cashfin.plan(Plan.custom(50, 0, 0));
        Main main = new Main();
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lead").to("cashfin-leads:create");
            }
        });
        main.setInitialProperties(cashfin.camelProperties());
        main.start();
        try {
            main.getCamelContext().createProducerTemplate().requestBody("direct:lead", Map.of("name", "Ama"));
            CashfinLeadsComponent component = main.getCamelContext().getComponent("cashfin-leads",
                    CashfinLeadsComponent.class);
            assertThat(component.getConfiguration().getPlan()).isEqualTo("unlimited");
            assertThat(component.getConfiguration().getMaxRequestsPerSecond()).isEqualTo(50);
        } finally {
            main.stop();
        }
        assertThat(cashfin.leadCount()).isEqualTo(1);
    }
}
