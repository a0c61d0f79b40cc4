package africa.cashfin.camel.benchmarks;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.simulator.CashfinSimulator;

/**
 * The Camel side every benchmark sets up the same way: a context whose {@code cashfin-leads} component has the
 * simulator's secret and base URL (and, where given, a plan), as an application sets them once with
 * {@code camel.component.cashfin-leads.*}. The benchmark adds its routes and starts the context.
 */
final class BenchmarkRig {

    private BenchmarkRig() {
    }

    /** @return a new, not started context whose component has {@code sim}'s secret and base URL, default plan */
    static CamelContext contextOn(CashfinSimulator sim) {
        CamelContext context = new DefaultCamelContext();
        CashfinLeadsConfiguration configuration = component(context).getConfiguration();
        configuration.setClientSecret(sim.secret());
        configuration.setBaseUrl(sim.baseUrl());
        return context;
    }

    /**
     * @param plan the component's {@code plan} option, e.g. {@link CashfinLeadsConfiguration#PLAN_UNLIMITED} for an
     *             unlimited simulator (no pacing to the default Free-plan budget)
     * @return a new, not started context whose component has {@code sim}'s secret and base URL and {@code plan}
     */
    static CamelContext contextOn(CashfinSimulator sim, String plan) {
        CamelContext context = contextOn(sim);
        component(context).getConfiguration().setPlan(plan);
        return context;
    }

    /** @return the {@code cashfin-leads} component of {@code context} */
    static CashfinLeadsComponent component(CamelContext context) {
        return context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
    }
}
