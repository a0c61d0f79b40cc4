package africa.cashfin.camel.leads.metrics;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import africa.cashfin.camel.leads.api.CallListener;
import africa.cashfin.camel.leads.api.CallOutcome;
import africa.cashfin.camel.leads.api.limit.ApiOperation;

/**
 * {@link LeadsMetrics} as Micrometer meters in the application's {@link MeterRegistry}. Only loaded when Micrometer is
 * on the classpath ({@link LeadsMetrics#of}). Meters are looked up by name and tags on every event, so clients and
 * consumers with the same tags add up in one meter; the registry caches them.
 */
final class MicrometerLeadsMetrics implements LeadsMetrics {

    static final String METER_REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";
    /** The name camel-micrometer binds its registry under. */
    static final String REGISTRY_NAME = "metricsRegistry";

    static final String CALLS = "cashfin.leads.calls";
    static final String LIMITER_WAIT = "cashfin.leads.limiter.wait";
    static final String CONSUMER_LEADS = "cashfin.leads.consumer.leads";
    static final String CONSUMER_POLL = "cashfin.leads.consumer.poll";
    static final String SWEEP_PAGES = "cashfin.leads.consumer.sweep.pages";
    static final String SWEEP_RECOVERED = "cashfin.leads.consumer.sweep.recovered";

    private final MeterRegistry registry;
    private final String camelContext;

    private MicrometerLeadsMetrics(MeterRegistry registry, String camelContext) {
        this.registry = registry;
        this.camelContext = camelContext;
    }

    /** Metrics in the registry bound in {@code context}'s registry, or {@link LeadsMetrics#NONE} when none is. */
    static LeadsMetrics lookup(CamelContext context) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
        if (registry == null) {
            registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        return registry == null ? NONE : new MicrometerLeadsMetrics(registry, context.getName());
    }

    @Override
    public CallListener callListener(String secret) {
        return new CallListener() {
            @Override
            public void onCall(ApiOperation operation, CallOutcome outcome, long durationNanos) {
                Timer.builder(CALLS).description("HTTP calls to the Cashfin API, by operation and outcome")
                        .tag("camelContext", camelContext).tag("secret", secret)
                        .tag("operation", LeadsMetrics.tag(operation)).tag("outcome", outcome.tag())
                        .register(registry).record(durationNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void onLimiterWait(ApiOperation operation, long waitedNanos) {
                Timer.builder(LIMITER_WAIT)
                        .description("Time calls waited for the client secret's rate limiter before being sent")
                        .tag("camelContext", camelContext).tag("secret", secret)
                        .tag("operation", LeadsMetrics.tag(operation))
                        .register(registry).record(waitedNanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    @Override
    public void leads(String routeId, LeadOutcome outcome, long count) {
        Counter.builder(CONSUMER_LEADS).description("Leads read by the consumer: emitted, failed, skipped as malformed")
                .tag("camelContext", camelContext).tag("routeId", String.valueOf(routeId))
                .tag("outcome", outcome.tag()).register(registry).increment(count);
    }

    @Override
    public void poll(String routeId, long durationNanos, boolean succeeded) {
        Timer.builder(CONSUMER_POLL).description("Polls of the lead consumer, by result")
                .tag("camelContext", camelContext).tag("routeId", String.valueOf(routeId))
                .tag("result", succeeded ? "success" : "failure")
                .register(registry).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void sweep(String routeId, int pages, int recovered) {
        if (pages > 0) {
            Counter.builder(SWEEP_PAGES).description("List pages read by the consumer's sweep (the re-read of the view)")
                    .tag("camelContext", camelContext).tag("routeId", String.valueOf(routeId))
                    .register(registry).increment(pages);
        }
        Counter.builder(SWEEP_RECOVERED)
                .description("Leads the consumer's sweep delivered that the fast path had not emitted: non-zero means"
                             + " the server did something the fast path did not expect")
                .tag("camelContext", camelContext).tag("routeId", String.valueOf(routeId))
                .register(registry).increment(recovered);
    }
}
