package africa.cashfin.camel.examples.ops;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;

import africa.cashfin.camel.leads.CashfinLeadsEndpoint;
import africa.cashfin.camel.leads.api.CallListener;
import africa.cashfin.camel.leads.api.CallOutcome;
import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.limit.ApiOperation;
import africa.cashfin.camel.leads.api.limit.CallRateLimiter;
import africa.cashfin.camel.leads.metrics.LeadsMetrics;

/**
 * What the operations page charts ({@link FlowCounts}), heard from the component itself: a {@link LeadsMetrics} bean,
 * which the {@code cashfin-leads} component finds in the registry and tells, where and when it happens, of every call
 * of each client it creates (a 429 of a poll before the route's first exchange too), every lead a producer created
 * (not found by {@code deduplicateBy}) and every lead a consumer's route completed. Nothing is counted per exchange of
 * the app's other routes.
 * <p>
 * Each event is counted in the hour of the server's day its client's limiter knows. The limiter of a secret is looked
 * up among the context's endpoints once, on the secret's first event, and kept by fingerprint: a bulk create of 10,000
 * leads on a context of many endpoints costs one look-up, not one scan of every endpoint per lead. The component asks
 * {@link #callListener} whenever it creates a client (a route restarted after every endpoint of the secret stopped gets
 * a new client and a new limiter), so the kept limiter is forgotten there and looked up again on the next event.
 */
final class LeadFlowMetrics implements LeadsMetrics {

    private final CamelContext context;
    private final FlowCounts counts;
    /** The limiter of each secret fingerprint, found on its first event since the component made its last client. */
    private final Map<String, CallRateLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * @param context where the endpoints are (for the server's day their clients' limiters know)
     * @param counts  what is counted
     */
    LeadFlowMetrics(CamelContext context, FlowCounts counts) {
        this.context = Objects.requireNonNull(context, "context");
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    @Override
    public CallListener callListener(String secret) {
        limiters.remove(secret);
        return new CallListener() {
            @Override
            public void onCall(ApiOperation operation, CallOutcome outcome, long durationNanos) {
                if (outcome == CallOutcome.RATE_LIMITED) {
                    counts.rateLimited(secret, limiterOf(secret));
                }
            }

            @Override
            public void onLimiterWait(ApiOperation operation, long waitedNanos) {
                // not charted
            }
        };
    }

    @Override
    public void created(String secret, long count) {
        counts.created(limiterOf(secret), count);
    }

    @Override
    public void leads(String routeId, LeadOutcome outcome, long count) {
        if (outcome == LeadOutcome.EMITTED) {
            counts.emitted(limiterOfRoute(routeId), count);
        }
    }

    /** The limiter of a started endpoint's client of the secret {@code secret}, or null (the day is then UTC's). */
    private CallRateLimiter limiterOf(String secret) {
        // computed under the key's lock, so a look-up running while callListener forgets the key cannot keep it after
        CallRateLimiter known = limiters.get(secret);
        return known != null ? known : limiters.computeIfAbsent(secret, this::findLimiter);
    }

    /** Scans the context's endpoints for a started client of the secret {@code secret}. */
    private CallRateLimiter findLimiter(String secret) {
        for (Endpoint endpoint : context.getEndpoints()) {
            CallRateLimiter limiter = limiter(endpoint);
            if (limiter != null && limiter.secret().toString().equals(secret)) {
                return limiter;
            }
        }
        return null;
    }

    /** The limiter of route {@code routeId}'s consumer endpoint's client, or null. */
    private CallRateLimiter limiterOfRoute(String routeId) {
        Route route = routeId == null ? null : context.getRoute(routeId);
        return route == null ? null : limiter(route.getEndpoint());
    }

    private static CallRateLimiter limiter(Endpoint endpoint) {
        CashfinClient client = endpoint instanceof CashfinLeadsEndpoint e ? e.clientIfStarted() : null;
        return client == null ? null : client.getRateLimiter();
    }
}
