package africa.cashfin.camel.benchmarks;

import org.apache.camel.CamelContext;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulator;

/**
 * The Camel side every benchmark sets up the same way: a context whose {@code cashfin-leads} component has the
 * simulator's secret and base URL (the tests' {@link SimulatorCamel}) and, where given, a plan, as an application sets
 * them once with {@code camel.component.cashfin-leads.*}. The benchmark adds its routes and starts the context.
 */
final class BenchmarkRig {

    private BenchmarkRig() {
    }

    /** @return a new, not started context whose component has {@code sim}'s secret and base URL, default plan */
    static CamelContext contextOn(CashfinSimulator sim) {
        return SimulatorCamel.contextOn(sim);
    }

    /**
     * @param plan the component's {@code plan} option, e.g. {@link CashfinLeadsConfiguration#PLAN_UNLIMITED} for an
     *             unlimited simulator (no pacing to the default Free-plan budget)
     * @return a new, not started context whose component has {@code sim}'s secret and base URL and {@code plan}
     */
    static CamelContext contextOn(CashfinSimulator sim, String plan) {
        CamelContext context = SimulatorCamel.contextOn(sim);
        SimulatorCamel.configuration(context).setPlan(plan);
        return context;
    }

    /** @return the {@code cashfin-leads} component of {@code context} */
    static CashfinLeadsComponent component(CamelContext context) {
        return SimulatorCamel.component(context);
    }
}
