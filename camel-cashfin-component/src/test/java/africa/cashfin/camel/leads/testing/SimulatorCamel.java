package africa.cashfin.camel.leads.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.simulator.CashfinSimulator;

/**
 * A Camel context whose {@code cashfin-leads} component talks to a simulator: its secret and base URL set once on the
 * component, as an application sets {@code camel.component.cashfin-leads.*}. The caller adds routes and starts it.
 */
public final class SimulatorCamel {

    private SimulatorCamel() {
    }

    /** @return a new, not yet started context whose component has {@code simulator}'s secret and base URL */
    public static CamelContext contextOn(CashfinSimulator simulator) {
        CamelContext context = new DefaultCamelContext();
        configuration(context).setClientSecret(simulator.secret());
        configuration(context).setBaseUrl(simulator.baseUrl());
        return context;
    }

    /** @return a started context whose component has {@code simulator}'s secret and base URL */
    public static CamelContext startedContext(CashfinSimulator simulator) {
        CamelContext context = contextOn(simulator);
        context.start();
        return context;
    }

    /** @return the {@code cashfin-leads} component of {@code context} */
    public static CashfinLeadsComponent component(CamelContext context) {
        return context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
    }

    /** @return the configuration of the {@code cashfin-leads} component of {@code context} */
    public static CashfinLeadsConfiguration configuration(CamelContext context) {
        return component(context).getConfiguration();
    }
}
