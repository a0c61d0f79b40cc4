package africa.cashfin.camel.leads;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * A {@link CashfinSimulatorExtension} per test class and a Camel context per test, made by the test itself
 * ({@link #newContext()}) so it can bind beans, set component options and add routes before it starts. The context
 * is stopped after each test, which releases the secret's shared rate limiter. {@link SimulatorRouteSupport} starts
 * one before each test instead; a test with a simulator of its own builder uses {@link SimulatorCamel} directly.
 */
abstract class SimulatorContextSupport {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    CamelContext context;

    /** @return a new, not yet started context whose component has the simulator's secret and base URL */
    CamelContext newContext() {
        context = SimulatorCamel.contextOn(cashfin);
        return context;
    }

    /**
     * @return a new, not yet started context whose component has only the simulator's base URL (in an application:
     *         {@code camel.component.cashfin-leads.base-url}); the routes name the secret, as a user's do
     */
    CamelContext newContextWithBaseUrlOnly() {
        context = new DefaultCamelContext();
        SimulatorCamel.configuration(context).setBaseUrl(cashfin.baseUrl());
        return context;
    }

    /** @return the component configuration of the test's context, for options set as a user sets them once */
    CashfinLeadsConfiguration componentConfiguration() {
        return SimulatorCamel.configuration(context);
    }

    /** Adds the route {@code from} → {@code to} with the id {@code routeId} to the test's context. */
    void addRoute(String from, String routeId, String to) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId(routeId).to(to);
            }
        });
    }

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }
}
