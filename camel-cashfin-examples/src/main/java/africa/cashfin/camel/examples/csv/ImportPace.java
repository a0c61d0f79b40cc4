package africa.cashfin.camel.examples.csv;

import java.util.OptionalDouble;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;

import africa.cashfin.camel.leads.CashfinLeadsEndpoint;
import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.DeduplicateBy;
import africa.cashfin.camel.leads.api.limit.BudgetShare;
import africa.cashfin.camel.leads.api.limit.CallRateLimiter;
import africa.cashfin.camel.leads.api.limit.RateWindow;

/**
 * How many rows a day the import's {@code cashfin-leads:create} endpoint can create, for the estimate a parked file
 * logs: the plan's daily budget (margin deducted), times the endpoint's share of it (its {@code budgetReserve}, or
 * the pool the reserves leave), divided by the calls one row costs (one create, plus one look-up with
 * {@code deduplicateBy}).
 */
final class ImportPace {

    private ImportPace() {
    }

    /** Rows a day for the endpoint at {@code uri}, or -1 when it is not a Cashfin endpoint or has no daily limit. */
    static double rowsPerDay(CamelContext context, String uri) {
        Endpoint endpoint = uri == null ? null : context.hasEndpoint(uri);
        if (!(endpoint instanceof CashfinLeadsEndpoint leads) || leads.getClient() == null) {
            return -1;
        }
        CashfinClient client = leads.getClient();
        CallRateLimiter limiter = client.getRateLimiter();
        OptionalDouble day = limiter == null ? OptionalDouble.empty() : limiter.limits().budget(RateWindow.DAY);
        if (day.isEmpty()) {
            return -1;
        }
        BudgetShare share = client.getBudgetShare();
        double fraction = share == null ? 1 : share.reserve() > 0 ? share.reserve() : share.pool();
        int callsPerRow = leads.getConfiguration().deduplication() == DeduplicateBy.NONE ? 1 : 2;
        return Math.floor(day.getAsDouble()) * fraction / callsPerRow;
    }
}
