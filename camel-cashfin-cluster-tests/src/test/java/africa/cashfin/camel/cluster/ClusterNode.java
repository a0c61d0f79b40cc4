package africa.cashfin.camel.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ScheduledPollConsumer;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.model.Lead;

/**
 * One node of a cluster: a CamelContext with a cluster service, the beans it shares with the other nodes (the
 * repositories, the rate-limit store) and a user's route {@code from(consumerUri)} that records the ids of the leads
 * it receives. Optionally a create route {@code direct:outbox} that bulk-creates the leads sent to it.
 * <p>
 * What the node {@linkplain #own(AutoCloseable) owns} (its connection pool) is closed by {@link #close()}, at the end
 * of a test. A test that stops a node mid-test stops its {@link #context}: the pool stays open, so that a write its
 * threads still have in flight after the stop can land late, as one from a real node can.
 */
final class ClusterNode implements AutoCloseable {

    final String name;
    final CamelContext context = new DefaultCamelContext();
    /** Ids of the leads this node's route received and completed, in arrival order. */
    final List<String> delivered = new CopyOnWriteArrayList<>();
    /** Runs inside the route for every lead, before it is recorded (a test can hold or fail a lead here). */
    volatile Consumer<Exchange> onLead = e -> {
    };
    private final List<AutoCloseable> owned = new CopyOnWriteArrayList<>();

    ClusterNode(String name, String baseUrl, String secret, String consumerUri, Map<String, Object> beans,
                CamelClusterService cluster, String createUri) throws Exception {
        this.name = name;
        context.getCamelContextExtension().setName(name);
        beans.forEach(context.getRegistry()::bind);
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        component.getConfiguration().setClientSecret(secret);
        component.getConfiguration().setBaseUrl(baseUrl);
        if (cluster != null) {
            cluster.setId(name);
            context.addService(cluster);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumerUri).routeId("leads").process(e -> {
                    onLead.accept(e);
                    delivered.add(e.getMessage().getBody(Lead.class).getId());
                });
                if (createUri != null) {
                    from("direct:outbox").routeId("outbox").to(createUri);
                }
            }
        });
    }

    ClusterNode start() {
        context.start();
        return this;
    }

    /** @return whether this node holds the leadership of the namespace (the {@code master:} namespace) */
    boolean isLeader(String namespace) {
        return context.hasService(CamelClusterService.class).isLeader(namespace);
    }

    /** One poll on the calling thread, for a consumer URI with {@code startScheduler=false} and no {@code master:}. */
    void poll() {
        ((ScheduledPollConsumer) context.getRoute("leads").getConsumer()).run();
    }

    /** @return this node, which closes {@code resource} in {@link #close()} after its CamelContext has stopped */
    ClusterNode own(AutoCloseable resource) {
        owned.add(resource);
        return this;
    }

    @Override
    public void close() {
        context.stop();
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + resource + " of " + name, e);
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
