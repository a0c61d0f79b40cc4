package africa.cashfin.camel.simulator;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Serves {@code POST /business/lead/create} and {@code GET /business/lead/list}. Order of checks: latency jitter
 * (the request arrives late), injected failure (before processing), {@code Authorization}, rate limit, validation
 * and processing, injected failure after processing (only after a successful one). Before a list page is cut: busy-CRM
 * inserts, churn, a lead leaving (switches); every answer but a network fault carries {@code Date} from the clock.
 */
final class LeadApi {

    private final Set<String> secrets;
    private final LeadStore store;
    private final RateLimiter limiter;
    private final FaultSwitchboard faults;
    private final RequestCounters counters;
    private final Switches switches;
    private final IntConsumer busyCrm;
    private final Clock clock;

    LeadApi(Set<String> secrets, LeadStore store, RateLimiter limiter, FaultSwitchboard faults,
            RequestCounters counters, Switches switches, IntConsumer busyCrm, Clock clock) {
        this.clock = clock;
        this.secrets = secrets;
        this.store = store;
        this.limiter = limiter;
        this.faults = faults;
        this.counters = counters;
        this.switches = switches;
        this.busyCrm = busyCrm;
    }

    ResponseDefinition handle(Endpoint endpoint, Request request) {
        switches.jitter.delay(); // network jitter on the way in: the request "arrives" (is counted) late
        Reply reply = switches.secretEcho.apply(serve(endpoint, request), request.getHeader("Authorization"));
        if (reply.fault == null) {
            dated(reply);
        }
        counters.record(endpoint, reply.outcome());
        return reply.toDefinition(switches.latencyMillis);
    }

    private Reply serve(Endpoint endpoint, Request request) {
        String secret = request.getHeader("Authorization");
        boolean authorized = secret != null && secrets.contains(secret);
        InjectedFailure before = faults.takeBefore(endpoint);
        if (before != null) {
            return failure(endpoint, before, authorized ? secret : "");
        }
        if (!authorized) {
            return ErrorBodies.unauthorized().rateLimitHeaders(limiter.peek(""));
        }
        RateLimitDecision decision = limiter.acquire(secret);
        if (!decision.allowed) {
            return ErrorBodies.rateLimited(decision.retryAfterSeconds).rateLimitHeaders(decision);
        }
        Reply reply = endpoint == Endpoint.CREATE ? create(request) : list(request);
        reply.rateLimitHeaders(decision);
        if (reply.outcome() == Outcome.OK) {
            InjectedFailure after = faults.takeAfter(endpoint);
            if (after != null) {
                return failure(endpoint, after, secret);
            }
        }
        return reply;
    }

    /**
     * The {@code Date} header from the simulator's clock, and {@code Retry-After} (written in seconds by the bodies)
     * in the configured format.
     */
    private void dated(Reply reply) {
        Instant now = clock.instant();
        reply.header("Date", RetryAfterFormat.date(now));
        String retryAfter = reply.headers.get("Retry-After");
        if (retryAfter != null) {
            reply.header("Retry-After", switches.retryAfterFormat.value(Long.parseLong(retryAfter), now));
        }
    }

    private Reply failure(Endpoint endpoint, InjectedFailure failure, String secretForHeaders) {
        if (failure.fault != null) {
            return Reply.fault(failure.fault);
        }
        int status = failure.status;
        Reply reply = switches.gatewayErrorPages && status >= 502 && status <= 504
                ? ErrorBodies.gatewayPage(status) : ErrorBodies.injected(endpoint, status);
        return reply.rateLimitHeaders(limiter.peek(secretForHeaders));
    }

    private Reply create(Request request) {
        Object parsed;
        try {
            byte[] body = request.getBody();
            parsed = body == null || isBlank(body) ? null : Json.read(body, Object.class);
        } catch (IOException | RuntimeException e) {
            return Reply.json(400, ErrorBodies.error(
                    "Invalid JSON body: send a JSON object such as {\"name\": \"Jane Smith\"} with Content-Type: application/json"));
        }
        if (!(parsed instanceof Map)) {
            return Reply.json(400, ErrorBodies.error(parsed == null
                    ? "Empty request body: send a JSON object such as {\"name\": \"Jane Smith\"}"
                    : "json: cannot unmarshal " + goType(parsed) + " into Go value of type ApiLeadRequest"));
        }
        Map<?, ?> json = (Map<?, ?>) parsed;
        Map<String, Object> input = new LinkedHashMap<>();
        String typeError = copyTyped(json, input);
        if (typeError != null) {
            return Reply.json(400, ErrorBodies.error(typeError));
        }
        Object name = input.get("name");
        if (name == null || name.toString().isBlank()) {
            return Reply.json(400, ErrorBodies.error(ErrorBodies.NAME_REQUIRED));
        }
        Map<String, Object> lead = store.create(input, "api", switches.lateVisibilityMillis);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", true);
        envelope.put("message", "Lead created successfully");
        envelope.put("data", lead);
        return Reply.json(201, envelope);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Copies documented fields with Go-like type checks; unknown fields are ignored. */
    private static String copyTyped(Map<?, ?> json, Map<String, Object> input) {
        for (String field : concat("name", LeadFields.STRING_INPUTS)) {
            Object v = json.get(field);
            if (v != null && !(v instanceof String)) {
                return "json: cannot unmarshal " + goType(v) + " into Go struct field ApiLeadRequest." + field
                        + " of type string";
            }
            if (v != null && !((String) v).isEmpty()) {
                input.put(field, v);
            }
        }
        Object budget = json.get("budget");
        if (budget != null && !(budget instanceof Number)) {
            return "json: cannot unmarshal " + goType(budget) + " into Go struct field ApiLeadRequest.budget of type float64";
        }
        input.put("budget", budget);
        return null;
    }

    private static List<String> concat(String first, List<String> rest) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String goType(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof List) {
            return "array";
        }
        return "object";
    }

    private Reply list(Request request) {
        int busy = switches.busyCrmLeadsPerPage;
        if (busy > 0) {
            busyCrm.accept(busy);
        }
        switches.churn.beforeList(store); // CRM users work leads between two list requests
        LeadQuery query = LeadQuery.of(param(request, "page"), param(request, "limit"), param(request, "search"),
                param(request, "status"), param(request, "source")).capped(switches.limitCap);
        if (query.page > 1 && switches.leavingLeads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // a client is paging: a lead above it leaves the list before it reads on
            store.leave(query, switches.sortOrder, 1, switches.departure);
        }
        LeadPage page = store.list(query, switches.sortOrder, switches.malformedEveryNth,
                switches.tieShuffle.forRequest());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", true);
        envelope.put("data", page.leads);
        PageInfoShape shape = switches.pageInfoShape;
        if (shape != PageInfoShape.NONE) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("total", page.total);
            info.put("page", page.page);
            info.put("limit", page.limit);
            if (shape == PageInfoShape.COMPLETE) {
                info.put("pages", page.pages());
            }
            envelope.put(switches.pageInfoKey.jsonName(), info);
        }
        return Reply.json(200, envelope);
    }

    private static String param(Request request, String name) {
        QueryParameter p = request.queryParameter(name);
        return p != null && p.isPresent() ? p.firstValue() : null;
    }
}
