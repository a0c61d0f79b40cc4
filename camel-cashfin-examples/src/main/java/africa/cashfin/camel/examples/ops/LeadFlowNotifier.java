package africa.cashfin.camel.examples.ops;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import africa.cashfin.camel.leads.CashfinLeadsConstants;
import africa.cashfin.camel.leads.CashfinLeadsEndpoint;
import africa.cashfin.camel.leads.CashfinLeadsOperation;
import africa.cashfin.camel.leads.api.CallListener;
import africa.cashfin.camel.leads.api.CallOutcome;
import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.limit.ApiOperation;
import africa.cashfin.camel.leads.api.limit.CallRateLimiter;

/**
 * Counts, where they happen and once, what the operations page charts ({@link FlowCounts}): a lead created is an
 * exchange sent to a {@code cashfin-leads} create endpoint that created it ({@code CamelCashfinLeadCreated} true, or
 * {@code CamelCashfinCreatedCount} for a bulk create); a lead emitted is an exchange of a {@code cashfin-leads}
 * consumer that the route completed without failure; a 429 is an answer to any call of a client, heard as a
 * {@link CallListener} on every client the app's endpoints use (added when its route starts, or before the first
 * exchange is sent to it).
 */
final class LeadFlowNotifier extends EventNotifierSupport {

    private final FlowCounts counts;
    private final Set<CashfinClient> heard = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    LeadFlowNotifier(FlowCounts counts) {
        this.counts = Objects.requireNonNull(counts, "counts");
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.RouteStartedEvent started) {
            hear(started.getRoute().getEndpoint());
        } else if (event instanceof CamelEvent.ExchangeSendingEvent sending) {
            hear(sending.getEndpoint());
        } else if (event instanceof CamelEvent.ExchangeSentEvent sent) {
            if (sent.getEndpoint() instanceof CashfinLeadsEndpoint e
                && e.getConfiguration().getOperation() == CashfinLeadsOperation.create
                && sent.getExchange().getException() == null) {
                long n = created(sent.getExchange());
                if (n > 0) {
                    counts.created(limiter(e), n);
                }
            }
        } else if (event instanceof CamelEvent.ExchangeCompletedEvent completed) {
            Exchange exchange = completed.getExchange();
            if (exchange.getFromEndpoint() instanceof CashfinLeadsEndpoint e && !exchange.isFailed()) {
                counts.emitted(limiter(e));
            }
        }
    }

    /** The leads an exchange sent to a create endpoint created. */
    private static long created(Exchange exchange) {
        Integer bulk = exchange.getMessage().getHeader(CashfinLeadsConstants.CREATED_COUNT, Integer.class);
        if (bulk != null) {
            return bulk;
        }
        return Boolean.TRUE.equals(exchange.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED,
                Boolean.class)) ? 1 : 0;
    }

    /** Listens to the 429 answers of the client of {@code endpoint}, once per client. */
    private void hear(Endpoint endpoint) {
        if (endpoint instanceof CashfinLeadsEndpoint e) {
            CashfinClient client = e.clientIfStarted();
            if (client != null && heard.add(client)) {
                client.addCallListener(new CallListener() {
                    @Override
                    public void onCall(ApiOperation operation, CallOutcome outcome, long durationNanos) {
                        if (outcome == CallOutcome.RATE_LIMITED) {
                            counts.rateLimited(client.getRateLimiter());
                        }
                    }

                    @Override
                    public void onLimiterWait(ApiOperation operation, long waitedNanos) {
                        // not charted
                    }
                });
            }
        }
    }

    private static CallRateLimiter limiter(CashfinLeadsEndpoint endpoint) {
        CashfinClient client = endpoint.clientIfStarted();
        return client == null ? null : client.getRateLimiter();
    }
}
