package africa.cashfin.camel.leads.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.URISupport;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.CashfinLeadsEndpoint;
import africa.cashfin.camel.leads.api.CallOutcome;
import africa.cashfin.camel.leads.api.CallStatistics;
import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.CashfinClientSettings;
import africa.cashfin.camel.leads.api.limit.BudgetShare;
import africa.cashfin.camel.leads.api.limit.CallRateLimiter;
import africa.cashfin.camel.leads.api.limit.RateWindow;
import africa.cashfin.camel.leads.consumer.ConsumerStatistics;
import africa.cashfin.camel.leads.scan.ScanStatistics;

/**
 * The {@code cashfin-leads} dev console (text and JSON): per endpoint its calls by outcome, the last failed call, and
 * for a consumer the cursor, the last poll's figures (pages, calls, emitted, failed, strategy), the failed leads
 * waiting for a retry (the retry ledger's size and the next retry), the sweep's progress
 * (with the action {@link #SWEEP_NOW}) and the last error; per
 * client secret the rate limiter's state (limits, pace, calls in the current windows, 429s, time spent waiting); per
 * tenant (an endpoint's {@code tenantId}, else its secret's fingerprint) and in total the calls today, the last poll,
 * the leads emitted and the failures ({@link TenantFigures}).
 * Secrets show only as their fingerprint ({@code secret#2d0a5fe178cc}); URIs are masked.
 */
@DevConsole(name = "cashfin-leads", displayName = "Cashfin Leads",
            description = "Cashfin Leads endpoints: calls, consumer cursor and polls, rate limiter per client secret")
public class CashfinLeadsDevConsole extends AbstractDevConsole {

    public CashfinLeadsDevConsole() {
        super("camel", "cashfin-leads", "Cashfin Leads",
              "Cashfin Leads endpoints: calls, consumer cursor and polls, rate limiter per client secret");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        JsonObject root = (JsonObject) doCallJson(options);
        StringBuilder sb = new StringBuilder();
        for (Object o : (JsonArray) root.get("endpoints")) {
            JsonObject e = (JsonObject) o;
            sb.append("Endpoint: ").append(e.get("uri")).append('\n');
            sb.append(String.format(Locale.ROOT, "    Operation: %s  Base URL: %s  Secret: %s  Proxy: %s%n",
                    e.get("operation"), e.get("baseUrl"), e.get("secret"), e.getOrDefault("proxy", "none")));
            sb.append("    Tenant: ").append(e.get("tenant")).append('\n');
            JsonObject calls = (JsonObject) e.get("calls");
            if (calls != null) {
                sb.append(String.format(Locale.ROOT, "    Calls: %s total, 2xx %s, 4xx %s, 429 %s, 5xx %s, transport %s;"
                                                     + " waited for the limiter %s ms%n",
                        calls.get("total"), calls.get("2xx"), calls.get("4xx"), calls.get("429"), calls.get("5xx"),
                        calls.get("transport"), calls.get("limiterWaitMillis")));
                if (calls.get("lastError") != null) {
                    sb.append("    Last failed call: ").append(calls.get("lastError")).append(" at ")
                            .append(calls.get("lastErrorAt")).append('\n');
                }
            }
            JsonObject share = (JsonObject) e.get("budgetShare");
            if (share != null) {
                sb.append(String.format(Locale.ROOT, "    Budget share: %s, pool %.3f of the budget: %s%n",
                        share.get("name") == null ? "pool only"
                                : "'" + share.get("name") + "' reserve " + share.get("reserve"),
                        ((Number) share.get("pool")).doubleValue(), share.get("state")));
            }
            JsonObject consumer = (JsonObject) e.get("consumer");
            if (consumer != null) {
                sb.append(String.format(Locale.ROOT, "    Consumer of route %s: cursor %s%n", consumer.get("routeId"),
                        consumer.get("cursor")));
                sb.append(String.format(Locale.ROOT, "    Leads: emitted %s, failed %s, malformed %s; polls %s (%s failed)%n",
                        consumer.get("leadsEmitted"), consumer.get("leadsFailed"), consumer.get("leadsMalformed"),
                        consumer.get("polls"), consumer.get("pollsFailed")));
                JsonObject last = (JsonObject) consumer.get("lastPoll");
                if (last != null) {
                    sb.append(String.format(Locale.ROOT, "    Last poll at %s in %s ms: strategy %s, order %s, pages %s,"
                                                         + " calls %s, emitted %s, succeeded %s, failed %s, malformed %s,"
                                                         + " complete %s%n",
                            consumer.get("lastPollAt"), consumer.get("lastPollDurationMillis"), last.get("strategy"),
                            last.get("order"), last.get("pages"), last.get("calls"), last.get("emitted"),
                            last.get("succeeded"), last.get("failed"), last.get("malformed"), last.get("complete")));
                }
                JsonObject failed = (JsonObject) consumer.get("failedLeads");
                if (failed != null) {
                    sb.append(String.format(Locale.ROOT, "    Failed leads waiting for a retry: %s%s%n",
                            failed.get("waiting"), failed.get("nextRetry") == null ? ""
                                    : " (next retry at " + failed.get("nextRetry") + ")"));
                }
                JsonObject cadence = (JsonObject) consumer.get("cadence");
                if (cadence != null) {
                    sb.append(String.format(Locale.ROOT, "    Cadence: %s, every %s ms%s%n", cadence.get("regime"),
                            cadence.get("delayMillis"), cadence.get("callsLeftToday") == null ? ""
                                    : String.format(Locale.ROOT, ", next poll %s, %s calls left today, %s projected",
                                            cadence.get("nextPollAt"), cadence.get("callsLeftToday"),
                                            cadence.get("projectedCallsToday"))));
                }
                JsonObject sweep = (JsonObject) consumer.get("sweep");
                if (sweep != null) {
                    sb.append(String.format(Locale.ROOT, "    Sweep: next page %s of the pass started %s%s; last full"
                                                         + " sweep %s; %s passes, %s pages read, %s leads recovered%n",
                            sweep.get("page"), sweep.getOrDefault("passStarted", "(none in progress)"),
                            Boolean.TRUE.equals(sweep.get("urgent")) ? " (brought forward: "
                                                                       + sweep.get("lastTrigger") + ")" : "",
                            sweep.getOrDefault("lastFullSweep", "never"), sweep.get("passes"), sweep.get("pagesRead"),
                            sweep.get("recovered")));
                }
                if (consumer.get("lastError") != null) {
                    sb.append("    Last error: ").append(consumer.get("lastError")).append(" at ")
                            .append(consumer.get("lastErrorAt")).append('\n');
                }
            }
        }
        if (root.get("sweepNow") != null) {
            for (Object o : (JsonArray) root.get("sweepNow")) {
                sb.append("Sweep now: ").append(o).append('\n');
            }
        }
        sb.append(TenantFigures.text(root));
        for (Object o : (JsonArray) root.get("limiters")) {
            JsonObject l = (JsonObject) o;
            sb.append(String.format(Locale.ROOT, "Rate limiter of %s: %s%n", l.get("secret"), l.get("limits")));
            sb.append(String.format(Locale.ROOT, "    Pace %s %%, sent in the last second %s, last minute %s; 429s %s;"
                                                 + " waited %s ms; next call in %s ms%s%n",
                    l.get("pacePercent"), l.getOrDefault("sentLastSecond", "-"), l.getOrDefault("sentLastMinute", "-"),
                    l.get("rateLimited"), l.get("waitedMillis"), l.get("nextCallInMillis"),
                    l.get("pausedUntil") == null ? "" : "; paused until " + l.get("pausedUntil")));
        }
        return sb.toString();
    }

    /**
     * The action "sweep now": {@code sweepNow=<routeId>} (or {@code *} for every consumer) brings a full sweep pass
     * of that consumer forward, like the JMX operation; e.g. {@code /q/dev/cashfin-leads?sweepNow=poll-leads}.
     */
    public static final String SWEEP_NOW = "sweepNow";

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        Object sweepNow = options == null ? null : options.get(SWEEP_NOW);
        if (sweepNow != null && !String.valueOf(sweepNow).isBlank()) {
            root.put("sweepNow", sweepNow(String.valueOf(sweepNow).trim()));
        }
        JsonArray endpoints = new JsonArray();
        Map<String, LimiterFigures> limiters = new LinkedHashMap<>();
        Map<Endpoint, CashfinLeadsConsumer> consumers = TenantFigures.consumers(getCamelContext());
        for (Endpoint endpoint : getCamelContext().getEndpoints()) {
            if (endpoint instanceof CashfinLeadsEndpoint e) {
                endpoints.add(endpoint(e, consumers.get(e), limiters));
            }
        }
        TenantFigures.of(getCamelContext()).putInto(root);
        JsonArray limiterArray = new JsonArray();
        limiters.values().forEach(l -> limiterArray.add(l.toJson()));
        root.put("endpoints", endpoints);
        root.put("limiters", limiterArray);
        return root;
    }

    private JsonObject endpoint(CashfinLeadsEndpoint endpoint, CashfinLeadsConsumer consumer,
                                Map<String, LimiterFigures> limiters) {
        JsonObject json = new JsonObject();
        json.put("uri", URISupport.sanitizeUri(endpoint.getEndpointUri()));
        json.put("operation", String.valueOf(endpoint.getConfiguration().getOperation()));
        json.put("state", endpoint.getStatus().name());
        json.put("tenant", endpoint.getConfiguration().effectiveTenantId());
        CashfinClient client = endpoint.clientIfStarted();
        if (client != null) {
            CashfinClientSettings settings = client.getSettings();
            CallRateLimiter limiter = client.getRateLimiter();
            json.put("baseUrl", settings.getBaseUrl().toString());
            json.put("secret", limiter.secret().toString());
            if (settings.getProxyHost() != null) {
                json.put("proxy", settings.getProxyHost() + ":" + settings.getProxyPort());
            }
            CallStatistics stats = client.getStatistics();
            JsonObject calls = new JsonObject();
            calls.put("total", stats.totalCalls());
            calls.put("2xx", stats.calls(CallOutcome.SUCCESS));
            calls.put("3xx", stats.calls(CallOutcome.REDIRECT));
            calls.put("4xx", stats.calls(CallOutcome.CLIENT_ERROR));
            calls.put("429", stats.calls(CallOutcome.RATE_LIMITED));
            calls.put("5xx", stats.calls(CallOutcome.SERVER_ERROR));
            calls.put("transport", stats.calls(CallOutcome.TRANSPORT));
            calls.put("limiterWaitMillis", stats.limiterWaitMillis());
            putIfSet(calls, "lastError", stats.lastError());
            putIfSet(calls, "lastErrorAt", stats.lastErrorAt());
            json.put("calls", calls);
            BudgetShare share = client.getBudgetShare();
            JsonObject budgetShare = new JsonObject();
            putIfSet(budgetShare, "name", share.name());
            budgetShare.put("reserve", share.reserve());
            budgetShare.put("pool", share.pool());
            budgetShare.put("state", share.state());
            json.put("budgetShare", budgetShare);
            limiters.computeIfAbsent(limiter.secret().toString(), k -> new LimiterFigures(limiter)).add(client);
        }
        if (consumer != null) {
            json.put("consumer", consumer(consumer));
        }
        return json;
    }

    private JsonArray sweepNow(String routeId) {
        JsonArray answers = new JsonArray();
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof CashfinLeadsConsumer c
                && ("*".equals(routeId) || routeId.equals(route.getRouteId()))) {
                answers.add(route.getRouteId() + ": " + c.sweepNow());
            }
        }
        if (answers.isEmpty()) {
            answers.add("No cashfin-leads consumer in route '" + routeId + "': give a route id, or * for all");
        }
        return answers;
    }

    private static JsonObject consumer(CashfinLeadsConsumer consumer) {
        ConsumerStatistics stats = consumer.getStatistics();
        JsonObject json = new JsonObject();
        json.put("routeId", consumer.getRouteId());
        json.put("cursor", consumer.getCursor());
        json.put("leadsEmitted", stats.emittedCount());
        json.put("leadsFailed", stats.failedCount());
        json.put("leadsMalformed", stats.malformedCount());
        json.put("polls", stats.polls());
        json.put("pollsFailed", stats.failedPolls());
        json.put("totalPollMillis", stats.totalPollTime().toMillis());
        ScanStatistics last = stats.lastPoll();
        if (last != null) {
            JsonObject poll = new JsonObject();
            poll.put("strategy", last.strategy());
            poll.put("order", String.valueOf(last.order()));
            poll.put("pages", last.pagesRead());
            poll.put("calls", last.calls());
            poll.put("emitted", last.emitted());
            poll.put("succeeded", last.succeeded());
            poll.put("failed", last.failed());
            poll.put("markedSeen", last.markedSeen());
            poll.put("malformed", last.malformed());
            poll.put("complete", last.complete());
            json.put("lastPoll", poll);
            json.put("lastPollDurationMillis", stats.lastPollDuration().toMillis());
            putIfSet(json, "lastPollAt", stats.lastPollAt());
        }
        JsonObject failed = new JsonObject();
        failed.put("waiting", consumer.getFailedLeadsWaiting());
        putIfSet(failed, "nextRetry", consumer.getNextFailedLeadRetry());
        json.put("failedLeads", failed);
        if (consumer.isSweepEnabled()) {
            JsonObject sweep = new JsonObject();
            sweep.put("page", consumer.getSweepPage());
            putIfSet(sweep, "passStarted", consumer.getSweepPassStarted());
            putIfSet(sweep, "lastFullSweep", consumer.getLastFullSweep());
            sweep.put("passes", consumer.getSweepPasses());
            sweep.put("pagesRead", consumer.getSweepPagesRead());
            sweep.put("recovered", consumer.getLeadsRecoveredBySweep());
            sweep.put("urgent", consumer.isSweepUrgent());
            putIfSet(sweep, "lastTrigger", consumer.getSweepLastTrigger());
            json.put("sweep", sweep);
        }
        JsonObject cadence = new JsonObject();
        cadence.put("regime", consumer.getPollingRegime());
        cadence.put("delayMillis", consumer.getCurrentDelayMillis());
        if (consumer.isAdaptivePolling()) {
            putIfSet(cadence, "nextPollAt", consumer.getNextPollAt());
            cadence.put("callsLeftToday", consumer.getCallsLeftToday());
            cadence.put("projectedCallsToday", consumer.getProjectedCallsToday());
        }
        json.put("cadence", cadence);
        putIfSet(json, "lastError", stats.lastError());
        putIfSet(json, "lastErrorAt", stats.lastErrorAt());
        return json;
    }

    private static void putIfSet(JsonObject json, String key, Object value) {
        if (value != null) {
            json.put(key, value instanceof Instant ? value.toString() : value);
        }
    }

    /** One secret's limiter, with the 429s and waits of the clients of this context that use it. */
    private static final class LimiterFigures {
        private final CallRateLimiter limiter;
        private final List<CashfinClient> clients = new ArrayList<>();

        LimiterFigures(CallRateLimiter limiter) {
            this.limiter = limiter;
        }

        void add(CashfinClient client) {
            if (!clients.contains(client)) {
                clients.add(client);
            }
        }

        JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.put("secret", limiter.secret().toString());
            json.put("limits", limiter.limits().toString());
            json.put("distributed", limiter.isDistributed());
            json.put("pacePercent", Math.round(limiter.paceShare() * 100));
            Map<RateWindow, Long> sent = limiter.sentInWindows();
            if (sent.containsKey(RateWindow.SECOND)) {
                json.put("sentLastSecond", sent.get(RateWindow.SECOND));
            }
            if (sent.containsKey(RateWindow.MINUTE)) {
                json.put("sentLastMinute", sent.get(RateWindow.MINUTE));
            }
            long rateLimited = 0;
            long waited = 0;
            for (CashfinClient client : clients) {
                rateLimited += client.getStatistics().calls(CallOutcome.RATE_LIMITED);
                waited += client.getStatistics().limiterWaitMillis();
            }
            json.put("rateLimited", rateLimited);
            json.put("waitedMillis", waited);
            Duration next = limiter.waitForNextCall();
            json.put("nextCallInMillis", next.toMillis());
            limiter.pausedUntil().ifPresent(until -> json.put("pausedUntil", until.toString()));
            return json;
        }
    }
}
