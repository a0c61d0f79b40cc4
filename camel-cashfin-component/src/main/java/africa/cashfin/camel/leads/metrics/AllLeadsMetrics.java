package africa.cashfin.camel.leads.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import africa.cashfin.camel.leads.api.CallListener;
import africa.cashfin.camel.leads.api.CallOutcome;
import africa.cashfin.camel.leads.api.limit.ApiOperation;

/** Several {@link LeadsMetrics} (an application's own beans and Micrometer's) as one: each hears every event. */
final class AllLeadsMetrics implements LeadsMetrics {

    private final List<LeadsMetrics> all;

    AllLeadsMetrics(List<LeadsMetrics> all) {
        this.all = List.copyOf(all);
    }

    /** Each member's view of the tenant, so that Micrometer's meters keep their {@code tenant} tag beside a user's bean. */
    @Override
    public LeadsMetrics forTenant(String tenant) {
        List<LeadsMetrics> tenants = new ArrayList<>(all.size());
        for (LeadsMetrics m : all) {
            tenants.add(m.forTenant(tenant));
        }
        return new AllLeadsMetrics(tenants);
    }

    @Override
    public CallListener callListener(String secret) {
        List<CallListener> listeners = new ArrayList<>();
        for (LeadsMetrics m : all) {
            CallListener l = m.callListener(secret);
            if (l != null) {
                listeners.add(l);
            }
        }
        if (listeners.size() <= 1) {
            return listeners.isEmpty() ? null : listeners.get(0);
        }
        return new CallListener() {
            @Override
            public void onCall(ApiOperation operation, CallOutcome outcome, long durationNanos) {
                listeners.forEach(l -> l.onCall(operation, outcome, durationNanos));
            }

            @Override
            public void onLimiterWait(ApiOperation operation, long waitedNanos) {
                listeners.forEach(l -> l.onLimiterWait(operation, waitedNanos));
            }
        };
    }

    @Override
    public void created(String secret, long count) {
        all.forEach(m -> m.created(secret, count));
    }

    @Override
    public void leads(String routeId, LeadOutcome outcome, long count) {
        all.forEach(m -> m.leads(routeId, outcome, count));
    }

    @Override
    public void poll(String routeId, long durationNanos, boolean succeeded) {
        all.forEach(m -> m.poll(routeId, durationNanos, succeeded));
    }

    @Override
    public void sweep(String routeId, int pages, int recovered) {
        all.forEach(m -> m.sweep(routeId, pages, recovered));
    }

    @Override
    public void sweepProgress(String routeId, int page, Instant lastFullSweep) {
        all.forEach(m -> m.sweepProgress(routeId, page, lastFullSweep));
    }

    @Override
    public void cadence(String routeId, long delayMillis, long callsLeft, long projectedSpend) {
        all.forEach(m -> m.cadence(routeId, delayMillis, callsLeft, projectedSpend));
    }

    @Override
    public void failedLeads(String routeId, int waiting, Instant nextRetry) {
        all.forEach(m -> m.failedLeads(routeId, waiting, nextRetry));
    }
}
