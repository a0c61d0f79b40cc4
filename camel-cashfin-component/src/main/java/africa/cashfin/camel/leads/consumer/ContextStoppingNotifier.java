package africa.cashfin.camel.leads.consumer;

import java.util.Objects;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Runs an action when the CamelContext begins to stop: Camel fires {@code CamelContextStoppingEvent} before its
 * shutdown strategy stops any route consumer. Listens to that event only (no exchange events, so it costs nothing
 * per message).
 * <p>
 * The consumer uses it to drain before a {@code master:} wrapper stops: camel-master's {@code MasterConsumer} stops
 * the route's processor and releases the leadership <em>before</em> it stops the consumer it wraps, so a lead still
 * in the route at that moment fails at its end ({@code RejectedExecutionException}) after the route did its work, is
 * not recorded, and the next leader emits it again.
 */
public final class ContextStoppingNotifier extends EventNotifierSupport {

    private final Runnable onStopping;

    /** @param onStopping what to do when the context begins to stop (on the stopping thread; it may block) */
    public ContextStoppingNotifier(Runnable onStopping) {
        this.onStopping = Objects.requireNonNull(onStopping, "onStopping");
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreCamelContextInitEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStoppingEvent) {
            onStopping.run();
        }
    }
}
