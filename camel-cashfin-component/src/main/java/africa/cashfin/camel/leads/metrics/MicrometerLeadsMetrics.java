package africa.cashfin.camel.leads.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
    static final String SWEEP_PAGE = "cashfin.leads.consumer.sweep.page";
    static final String SWEEP_LAST_FULL = "cashfin.leads.consumer.sweep.last.full";
    static final String DELAY = "cashfin.leads.consumer.delay";
    static final String CALLS_LEFT = "cashfin.leads.consumer.calls.left";
    static final String CALLS_PROJECTED = "cashfin.leads.consumer.calls.projected";
    static final String FAILED_WAITING = "cashfin.leads.consumer.failed.waiting";
    static final String FAILED_NEXT_RETRY = "cashfin.leads.consumer.failed.next.retry";
    static final String LAST_POLL = "cashfin.leads.consumer.last.poll";
    /** The tag {@code tenant} of the metrics not made by {@link #forTenant} (nothing records on them today). */
    private static final String NO_TENANT = "none";

    private final MeterRegistry registry;
    private final String camelContext;
    /** The tag {@code tenant} of every meter these metrics record. */
    private final String tenant;
    /** The metrics without a tenant, which hold each tenant's. */
    private final MicrometerLeadsMetrics root;
    /** The adaptive cadence's figures per route: delay, calls left, projected spend (the gauges read them). */
    private final Map<String, AtomicLong[]> cadences =
            new ConcurrentHashMap<>();
    /** The retry ledger's figures per route: leads waiting, next retry in epoch seconds (the gauges read them). */
    private final Map<String, AtomicLong[]> ledgers =
            new ConcurrentHashMap<>();
    /** The sweep's figures per route: next page of the pass, last full pass in epoch seconds (the gauges read them). */
    private final Map<String, AtomicLong[]> sweeps =
            new ConcurrentHashMap<>();
    /** When each route's last poll ended, epoch seconds (the gauge reads it). */
    private final Map<String, AtomicLong> lastPolls =
            new ConcurrentHashMap<>();
    /** The metrics of each tenant, made once, so each tenant's gauges keep reading the figures they were given. */
    private final Map<String, MicrometerLeadsMetrics> tenants = new ConcurrentHashMap<>();

    private MicrometerLeadsMetrics(MeterRegistry registry, String camelContext) {
        this.registry = registry;
        this.camelContext = camelContext;
        this.tenant = NO_TENANT;
        this.root = this;
    }

    /** The same registry, tagged with another tenant (with gauges of its own). */
    private MicrometerLeadsMetrics(MicrometerLeadsMetrics root, String tenant) {
        this.registry = root.registry;
        this.camelContext = root.camelContext;
        this.tenant = tenant;
        this.root = root;
    }

    @Override
    public LeadsMetrics forTenant(String tenant) {
        String t = tenant == null || tenant.isBlank() ? NO_TENANT : tenant;
        return t.equals(root.tenant) ? root : root.tenants.computeIfAbsent(t, k -> new MicrometerLeadsMetrics(root, k));
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
                        .tag("camelContext", camelContext).tag("tenant", tenant).tag("secret", secret)
                        .tag("operation", LeadsMetrics.tag(operation)).tag("outcome", outcome.tag())
                        .register(registry).record(durationNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void onLimiterWait(ApiOperation operation, long waitedNanos) {
                Timer.builder(LIMITER_WAIT)
                        .description("Time calls waited for the client secret's rate limiter before being sent")
                        .tag("camelContext", camelContext).tag("tenant", tenant).tag("secret", secret)
                        .tag("operation", LeadsMetrics.tag(operation))
                        .register(registry).record(waitedNanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    @Override
    public void leads(String routeId, LeadOutcome outcome, long count) {
        Counter.builder(CONSUMER_LEADS).description("Leads read by the consumer: emitted, failed, skipped as malformed")
                .tag("camelContext", camelContext).tag("tenant", tenant).tag("routeId", String.valueOf(routeId))
                .tag("outcome", outcome.tag()).register(registry).increment(count);
    }

    @Override
    public void poll(String routeId, long durationNanos, boolean succeeded) {
        Timer.builder(CONSUMER_POLL).description("Polls of the lead consumer, by result")
                .tag("camelContext", camelContext).tag("tenant", tenant).tag("routeId", String.valueOf(routeId))
                .tag("result", succeeded ? "success" : "failure")
                .register(registry).record(durationNanos, TimeUnit.NANOSECONDS);
        lastPolls.computeIfAbsent(String.valueOf(routeId), r -> {
            AtomicLong at = new AtomicLong();
            gauge(LAST_POLL, "When the consumer's last poll ended, in seconds since the epoch", r, at);
            return at;
        }).set(Instant.now().getEpochSecond());
    }

    @Override
    public void sweep(String routeId, int pages, int recovered) {
        if (pages > 0) {
            Counter.builder(SWEEP_PAGES).description("List pages read by the consumer's sweep (the re-read of the view)")
                    .tag("camelContext", camelContext).tag("tenant", tenant).tag("routeId", String.valueOf(routeId))
                    .register(registry).increment(pages);
        }
        Counter.builder(SWEEP_RECOVERED)
                .description("Leads the consumer's sweep delivered that the fast path had not emitted: non-zero means"
                             + " the server did something the fast path did not expect")
                .tag("camelContext", camelContext).tag("tenant", tenant).tag("routeId", String.valueOf(routeId))
                .register(registry).increment(recovered);
    }

    @Override
    public void sweepProgress(String routeId, int page, Instant lastFullSweep) {
        AtomicLong[] figures = figures(sweeps, routeId,
                new Figure(SWEEP_PAGE, "The next page the consumer's sweep reads in its pass in progress (1 when no pass"
                                       + " is in progress)", 1),
                new Figure(SWEEP_LAST_FULL, "When the consumer's last full sweep (a pass that read the whole view)"
                                            + " ended, in seconds since the epoch (-1: none yet)", -1));
        figures[0].set(page);
        figures[1].set(epochSecondsOrNone(lastFullSweep));
    }

    @Override
    public void cadence(String routeId, long delayMillis, long callsLeft, long projectedSpend) {
        AtomicLong[] figures = figures(cadences, routeId,
                new Figure(DELAY, "The adaptive consumer's delay before its next poll, milliseconds", 0),
                new Figure(CALLS_LEFT, "The calls of the adaptive consumer's share left in the server's day (-1: no"
                                       + " daily limit)", 0),
                new Figure(CALLS_PROJECTED, "The calls the adaptive consumer is projected to spend by the end of the"
                                            + " server's day at its current cadence (-1: no daily limit)", 0));
        figures[0].set(delayMillis);
        figures[1].set(callsLeft);
        figures[2].set(projectedSpend);
    }

    @Override
    public void failedLeads(String routeId, int waiting, Instant nextRetry) {
        AtomicLong[] figures = figures(ledgers, routeId,
                new Figure(FAILED_WAITING, "Failed leads the consumer retries apart from its cursor (the retry ledger)",
                           0),
                new Figure(FAILED_NEXT_RETRY, "When the consumer may next offer a failed lead of its retry ledger"
                                              + " again, in seconds since the epoch (-1: none waits)", -1));
        figures[0].set(waiting);
        figures[1].set(epochSecondsOrNone(nextRetry));
    }

    /** One gauge of a route: its meter name, its description and the value it reads before the first report. */
    private record Figure(String name, String description, long initial) {
    }

    /** A route's figures of one kind, the gauges that read them registered the first time the route reports. */
    private AtomicLong[] figures(Map<String, AtomicLong[]> byRoute, String routeId, Figure... kinds) {
        return byRoute.computeIfAbsent(String.valueOf(routeId), route -> {
            AtomicLong[] values = new AtomicLong[kinds.length];
            for (int i = 0; i < kinds.length; i++) {
                values[i] = new AtomicLong(kinds[i].initial());
                gauge(kinds[i].name(), kinds[i].description(), route, values[i]);
            }
            return values;
        });
    }

    private static long epochSecondsOrNone(Instant instant) {
        return instant == null ? -1 : instant.getEpochSecond();
    }

    private void gauge(String name, String description, String routeId, AtomicLong value) {
        Gauge.builder(name, value, AtomicLong::get)
                .description(description).tag("camelContext", camelContext).tag("tenant", tenant).tag("routeId", routeId)
                .register(registry);
    }
}
