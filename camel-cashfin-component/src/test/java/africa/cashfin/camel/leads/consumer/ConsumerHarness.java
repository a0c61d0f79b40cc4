package africa.cashfin.camel.leads.consumer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.ScheduledPollConsumer;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * One CamelContext with a {@code from(uri)} route that records what reaches it, as a user's route would see it. With
 * {@code startScheduler=false} in the URI, {@link #poll()} runs exactly one poll on the calling thread, so tests can
 * count the simulator's list calls per poll without depending on timing.
 */
final class ConsumerHarness implements AutoCloseable {

    static final String ROUTE_ID = "leads";

    final CamelContext context = new DefaultCamelContext();
    /** Exchanges that completed without exception, in arrival order (including empty ones when idle). */
    final List<Exchange> delivered = new CopyOnWriteArrayList<>();
    /** Lead ids that reached the route (also failed attempts), in arrival order. */
    final List<String> attempts = new CopyOnWriteArrayList<>();
    /** Exceptions that reached the route's error handler through bridgeErrorHandler or a failed exchange. */
    final List<Throwable> handledErrors = new CopyOnWriteArrayList<>();
    final Map<String, Integer> failuresToInject = new ConcurrentHashMap<>();
    volatile Consumer<Exchange> onLead = e -> {
    };

    ConsumerHarness(CashfinSimulatorExtension sim, String uri) throws Exception {
        this(sim, uri, Map.of(), false);
    }

    ConsumerHarness(CashfinSimulatorExtension sim, String uri, Map<String, Object> beans, boolean errorRoute)
            throws Exception {
        Registry registry = context.getRegistry();
        beans.forEach(registry::bind);
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        component.getConfiguration().setClientSecret(sim.secret());
        component.getConfiguration().setBaseUrl(sim.baseUrl());
        unlimitedPlan(component.getConfiguration());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (errorRoute) {
                    onException(Exception.class).handled(true).process(e -> handledErrors.add(
                            e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
                }
                from(uri).routeId(ROUTE_ID).process(e -> {
                    Lead lead = e.getMessage().getBody(Lead.class);
                    if (lead != null) {
                        attempts.add(lead.getId());
                        Integer left = failuresToInject.computeIfPresent(lead.getId(), (k, v) -> v - 1);
                        if (left != null && left >= 0) {
                            throw new IllegalStateException("route refuses lead " + lead.getId());
                        }
                        onLead.accept(e);
                    }
                    delivered.add(e.copy());
                });
            }
        });
    }

    /**
     * The simulator runs on its unlimited plan: tell the component so, or hundreds of test calls would be paced to
     * the default Free-plan budget.
     */
    static void unlimitedPlan(CashfinLeadsConfiguration configuration) {
        configuration.setPlan(CashfinLeadsConfiguration.PLAN_UNLIMITED);
    }

    ConsumerHarness start() {
        context.start();
        return this;
    }

    /** One poll on this thread (URI must have startScheduler=false); errors go where Camel sends them. */
    void poll() {
        ((ScheduledPollConsumer) context.getRoute(ROUTE_ID).getConsumer()).run();
    }

    ScheduledPollConsumer consumer() {
        return (ScheduledPollConsumer) context.getRoute(ROUTE_ID).getConsumer();
    }

    /** Ids of the leads delivered successfully, in order. */
    List<String> deliveredIds() {
        List<String> ids = new ArrayList<>();
        for (Exchange e : delivered) {
            Lead lead = e.getMessage().getBody(Lead.class);
            if (lead != null) {
                ids.add(lead.getId());
            }
        }
        return Collections.unmodifiableList(ids);
    }

    @Override
    public void close() {
        context.stop();
    }
}
