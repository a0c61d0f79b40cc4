package africa.cashfin.camel.leads.console;

import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.CashfinLeadsEndpoint;
import africa.cashfin.camel.leads.api.CallOutcome;
import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.limit.CallRateLimiter;
import africa.cashfin.camel.leads.consumer.ConsumerStatistics;

/**
 * The figures of a context's {@code cashfin-leads} endpoints per tenant (their {@code tenantId}, else their secret's
 * fingerprint) and in total, read on request from what the endpoints already count (nothing is kept per tenant in
 * between): calls today (the calls of the server's day of each of the tenant's secrets, from its rate limiter; absent
 * without a daily limit), calls since start (its clients') and how many failed, the last poll, leads emitted, failures
 * (failed polls and failed lead exchanges). For the dev console and the component's JMX totals.
 */
public final class TenantFigures {

    private final Map<String, Figures> tenants = new TreeMap<>();
    private final Figures totals = new Figures();

    private TenantFigures() {
    }

    /** The figures of {@code context}'s endpoints now. */
    public static TenantFigures of(CamelContext context) {
        Map<Endpoint, CashfinLeadsConsumer> consumers = consumers(context);
        TenantFigures figures = new TenantFigures();
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof CashfinLeadsEndpoint e) {
                CashfinLeadsConsumer consumer = consumers.get(e);
                figures.add(e.getConfiguration().effectiveTenantId(), e.clientIfStarted(),
                            consumer == null ? null : consumer.getStatistics());
            }
        }
        return figures;
    }

    /** The lead consumer of each endpoint that has one in {@code context}'s routes (one pass over the routes). */
    static Map<Endpoint, CashfinLeadsConsumer> consumers(CamelContext context) {
        Map<Endpoint, CashfinLeadsConsumer> consumers = new IdentityHashMap<>();
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof CashfinLeadsConsumer c) {
                consumers.put(c.getEndpoint(), c);
            }
        }
        return consumers;
    }

    private void add(String tenant, CashfinClient client, ConsumerStatistics consumer) {
        Figures f = tenants.computeIfAbsent(tenant, k -> new Figures());
        f.add(client, consumer);
        totals.add(client, consumer);
    }

    /** The tenants, sorted. */
    public Set<String> tenantIds() {
        return Collections.unmodifiableSet(tenants.keySet());
    }

    /** The figures of {@code tenant}, or null when no endpoint works for it. */
    public Figures tenant(String tenant) {
        return tenants.get(tenant);
    }

    /** The figures of every endpoint (a secret's calls today counted once, even when tenants share it). */
    public Figures totals() {
        return totals;
    }

    /** {@code tenants[]} (one object per tenant, with its id as {@code tenant}) and {@code totals}, into {@code root}. */
    void putInto(JsonObject root) {
        JsonArray array = new JsonArray();
        tenants.forEach((tenant, f) -> {
            JsonObject json = new JsonObject();
            json.put("tenant", tenant);
            json.putAll(f.toJson());
            array.add(json);
        });
        root.put("tenants", array);
        root.put("totals", totals.toJson());
    }

    /** The text view's lines from {@link #putInto}'s JSON: one per tenant, then the totals. */
    static String text(JsonObject root) {
        StringBuilder sb = new StringBuilder();
        JsonArray array = (JsonArray) root.get("tenants");
        if (array == null || array.isEmpty()) {
            return "";
        }
        for (Object o : array) {
            JsonObject t = (JsonObject) o;
            sb.append("Tenant ").append(t.get("tenant")).append(": ").append(line(t)).append('\n');
        }
        sb.append("All tenants: ").append(line((JsonObject) root.get("totals"))).append('\n');
        return sb.toString();
    }

    /** One tenant's (or the totals') figures in one line. */
    static String line(JsonObject f) {
        return "calls today " + (f.get("callsToday") == null ? "-" : f.get("callsToday")) + " (since start "
               + f.get("calls") + ", " + f.get("failedCalls") + " failed), last poll "
               + (f.get("lastPoll") == null ? "never" : f.get("lastPoll")) + ", leads emitted " + f.get("leadsEmitted")
               + ", failures " + f.get("failures") + " (polls " + f.get("pollsFailed") + ", leads "
               + f.get("leadsFailed") + ")";
    }

    /** The figures of one tenant, or of all. */
    public static final class Figures {
        private final Set<CashfinClient> clients = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<CallRateLimiter> limiters = Collections.newSetFromMap(new IdentityHashMap<>());
        private long calls;
        private long failedCalls;
        private long callsToday = -1;
        private int endpoints;
        private int consumers;
        private long leadsEmitted;
        private long leadsFailed;
        private long pollsFailed;
        private Instant lastPoll;

        private void add(CashfinClient client, ConsumerStatistics consumer) {
            endpoints++;
            if (client != null && clients.add(client)) {
                calls += client.getStatistics().totalCalls();
                failedCalls += client.getStatistics().totalCalls() - client.getStatistics().calls(CallOutcome.SUCCESS);
                CallRateLimiter limiter = client.getRateLimiter();
                if (limiters.add(limiter)) {
                    limiter.dayCallsUsed().ifPresent(used -> callsToday = Math.max(0, callsToday) + used);
                }
            }
            if (consumer != null) {
                consumers++;
                leadsEmitted += consumer.emittedCount();
                leadsFailed += consumer.failedCount();
                pollsFailed += consumer.failedPolls();
                Instant at = consumer.lastPollAt();
                if (at != null && (lastPoll == null || at.isAfter(lastPoll))) {
                    lastPoll = at;
                }
            }
        }

        /** Calls of the server's day of the secrets (each once), -1 when none has a daily limit. */
        public long callsToday() {
            return callsToday;
        }

        /** Calls since the clients started. */
        public long calls() {
            return calls;
        }

        /** Calls since start not answered 2xx. */
        public long failedCalls() {
            return failedCalls;
        }

        /** The latest end of a poll, or null. */
        public Instant lastPoll() {
            return lastPoll;
        }

        /** Leads whose exchange completed. */
        public long leadsEmitted() {
            return leadsEmitted;
        }

        /** Failed polls plus failed lead exchanges. */
        public long failures() {
            return pollsFailed + leadsFailed;
        }

        JsonObject toJson() {
            JsonObject json = new JsonObject();
            if (callsToday >= 0) {
                json.put("callsToday", callsToday);
            }
            json.put("calls", calls);
            json.put("failedCalls", failedCalls);
            json.put("endpoints", endpoints);
            json.put("consumers", consumers);
            if (lastPoll != null) {
                json.put("lastPoll", lastPoll.toString());
            }
            json.put("leadsEmitted", leadsEmitted);
            json.put("failures", failures());
            json.put("pollsFailed", pollsFailed);
            json.put("leadsFailed", leadsFailed);
            return json;
        }

        /** One line: calls today (since start, failed), last poll, leads emitted, failures. */
        @Override
        public String toString() {
            return line(toJson());
        }
    }
}
