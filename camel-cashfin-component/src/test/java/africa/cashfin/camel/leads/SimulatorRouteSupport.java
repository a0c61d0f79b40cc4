package africa.cashfin.camel.leads;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * A Camel context per test whose {@code cashfin-leads} component points at a {@link CashfinSimulatorExtension}
 * (secret and base URL set once, as a user would). The context is stopped after each test, which releases the
 * secret's shared rate limiter.
 */
abstract class SimulatorRouteSupport {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    CamelContext context;
    ProducerTemplate template;

    @BeforeEach
    void startCamel() throws Exception {
        context = startedContext(cashfin);
        template = context.createProducerTemplate();
    }

    /** @return a started Camel context whose {@code cashfin-leads} component has the simulator's secret and URL */
    static CamelContext startedContext(CashfinSimulatorExtension simulator) {
        CamelContext context = new DefaultCamelContext();
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        component.getConfiguration().setClientSecret(simulator.secret());
        component.getConfiguration().setBaseUrl(simulator.baseUrl());
        context.start();
        return context;
    }

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }

    /** Sends {@code body} to the endpoint {@code uri} and returns the exchange, failed or not. */
    Exchange send(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }
}
