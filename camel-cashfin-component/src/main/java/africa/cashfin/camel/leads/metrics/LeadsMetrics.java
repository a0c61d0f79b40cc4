package africa.cashfin.camel.leads.metrics;

import org.apache.camel.CamelContext;

import africa.cashfin.camel.leads.api.CallListener;
import africa.cashfin.camel.leads.api.limit.ApiOperation;

/**
 * Where the component reports its metrics: Micrometer when the application has a {@code MeterRegistry} in Camel's
 * registry, and every {@code LeadsMetrics} bean the application binds there itself ({@link #of(CamelContext)}), else
 * nowhere ({@link #NONE}). Every method is a no-op by default: a bean overrides what it wants to hear. This interface names no Micrometer type, so the component runs without Micrometer on the
 * classpath.
 * <p>
 * An application's own bean hears what the meters hear, from where it happens: {@link #callListener(String)} is asked
 * when the component creates a client (so it hears every call of that client, a poll before the route's first
 * exchange too), {@link #created(String, long)} when a producer created a lead, {@link #leads} when a consumer's lead
 * ended. Its methods run on the calling threads and must be quick and thread-safe.
 * <p>
 * The meters (see {@code docs/operations.md}): {@code cashfin.leads.calls} and {@code cashfin.leads.limiter.wait}
 * (timers, per client secret), {@code cashfin.leads.consumer.leads} (counter) and {@code cashfin.leads.consumer.poll}
 * (timer), {@code cashfin.leads.consumer.sweep.pages} and {@code cashfin.leads.consumer.sweep.recovered} (counters), per
 * route; the gauges {@code cashfin.leads.consumer.sweep.page} and {@code cashfin.leads.consumer.sweep.last.full}, per
 * route; the gauges {@code cashfin.leads.consumer.failed.waiting} and {@code cashfin.leads.consumer.failed.next.retry},
 * per route; with adaptive polling the gauges {@code cashfin.leads.consumer.delay}, {@code cashfin.leads.consumer.calls.left}
 * and {@code cashfin.leads.consumer.calls.projected}, per route; the gauge {@code cashfin.leads.consumer.last.poll}
 * (when the last poll ended), per route. Every meter has the tag {@code tenant} ({@link #forTenant(String)}).
 */
public interface LeadsMetrics {

    /** How a lead read by the consumer ended: the tag {@code outcome} of {@code cashfin.leads.consumer.leads}. */
    enum LeadOutcome {
        /** Handed to the route, which completed it. */
        EMITTED,
        /** Handed to the route, which failed it (offered again later). */
        FAILED,
        /** Skipped: a record the scan cannot track (no {@code _id} or no readable {@code createdat}). */
        MALFORMED;

        /** The tag value: {@code emitted}, {@code failed} or {@code malformed}. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * These metrics with the tag {@code tenant} set to {@code tenant} (an endpoint's {@code tenantId}, else its
     * secret's fingerprint) on every meter they record.
     */
    default LeadsMetrics forTenant(String tenant) {
        return this;
    }

    /** Reports nothing. */
    LeadsMetrics NONE = new LeadsMetrics() {
    };

    /**
     * A listener recording the calls and limiter waits of a client of the secret with fingerprint {@code secret}
     * (e.g. {@code secret#2d0a5fe178cc}, never the secret itself), or null when metrics are off.
     */
    default CallListener callListener(String secret) {
        return null;
    }

    /**
     * {@code count} leads were created (not found by {@code deduplicateBy}) by a producer whose client is of the
     * secret with fingerprint {@code secret}. Not a Micrometer meter (the calls timer counts the creates); for an
     * application's own bean.
     */
    default void created(String secret, long count) {
    }

    /** {@code count} leads of the consumer of route {@code routeId} ended with {@code outcome}. */
    default void leads(String routeId, LeadOutcome outcome, long count) {
    }

    /** One poll of the consumer of route {@code routeId} took {@code durationNanos}. */
    default void poll(String routeId, long durationNanos, boolean succeeded) {
    }

    /**
     * The sweep of the consumer of route {@code routeId} read {@code pages} pages in one poll and delivered
     * {@code recovered} leads the fast path had not emitted.
     */
    default void sweep(String routeId, int pages, int recovered) {
    }

    /**
     * Where the sweep of the consumer of route {@code routeId} stands after a poll: the next page of its pass in
     * progress (1 when no pass is in progress) and when its last full pass (one that read the whole view) ended, or
     * null when none has yet. The gauges {@code cashfin.leads.consumer.sweep.page} and
     * {@code cashfin.leads.consumer.sweep.last.full}.
     */
    default void sweepProgress(String routeId, int page, java.time.Instant lastFullSweep) {
    }

    /**
     * The adaptive cadence of the consumer of route {@code routeId} after a poll: the delay before the next poll, the
     * share's calls left in the server's day and the calls projected to be spent by its end (-1 without a daily limit).
     */
    default void cadence(String routeId, long delayMillis, long callsLeft, long projectedSpend) {
    }

    /**
     * The retry ledger of the consumer of route {@code routeId} after a poll: how many failed leads wait out a retry
     * apart from the cursor, and when the next of them may be offered again (null: none waits).
     */
    default void failedLeads(String routeId, int waiting, java.time.Instant nextRetry) {
    }

    /**
     * Every {@code LeadsMetrics} bean bound in Camel's registry, and Micrometer metrics when Micrometer is on the
     * classpath and a {@code MeterRegistry} is bound there (by the name {@code metricsRegistry}, as camel-micrometer has
     * it, or as the single bean of that type); {@link #NONE} when there is neither. Micrometer's classes are only
     * loaded when they are there.
     */
    static LeadsMetrics of(CamelContext context) {
        java.util.List<LeadsMetrics> all = new java.util.ArrayList<>(
                context.getRegistry().findByType(LeadsMetrics.class));
        if (context.getClassResolver().resolveClass(MicrometerLeadsMetrics.METER_REGISTRY_CLASS) != null) {
            LeadsMetrics micrometer = MicrometerLeadsMetrics.lookup(context);
            if (micrometer != NONE) {
                all.add(micrometer);
            }
        }
        return all.isEmpty() ? NONE : all.size() == 1 ? all.get(0) : new AllLeadsMetrics(all);
    }

    /** The tag of {@code operation}: {@code create} or {@code list}. */
    static String tag(ApiOperation operation) {
        return operation.name().toLowerCase(java.util.Locale.ROOT);
    }
}
