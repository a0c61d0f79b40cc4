package africa.cashfin.camel.simulator;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON admin API under {@code /__cashfin/}: flips every switch and reads the inspection of a
 * {@link CashfinSimulator}. Admin calls need no secret and are neither counted nor rate limited.
 * Routes are listed in docs/simulator.md.
 */
final class AdminApi {

    private static final String PREFIX = "/__cashfin";
    private static final Pattern LEAD_FIELD = Pattern.compile("/leads/([^/]+)/(status|source)");

    private final CashfinSimulator sim;

    AdminApi(CashfinSimulator sim) {
        this.sim = sim;
    }

    Reply handle(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = (q < 0 ? url : url.substring(0, q)).substring(PREFIX.length());
        boolean get = request.getMethod().equals(RequestMethod.GET);
        boolean post = request.getMethod().equals(RequestMethod.POST);
        try {
            if (get) {
                switch (path) {
                    case "/leads":
                        return ok("leads", sim.leads());
                    case "/stats":
                        return Reply.json(200, sim.stats());
                    case "/switches":
                        return Reply.json(200, sim.switches());
                    default:
                        return notFound(path);
                }
            }
            if (!post) {
                return notFound(path);
            }
            Map<String, Object> body = body(request);
            Matcher m = LEAD_FIELD.matcher(path);
            if (m.matches()) {
                String field = m.group(2);
                return ok("lead", field.equals("status") ? sim.updateLead(m.group(1), text(body, field))
                        : sim.updateLeadSource(m.group(1), text(body, field)));
            }
            return post(path, body);
        } catch (NoSuchElementException e) {
            return Reply.json(404, ErrorBodies.error(e.getMessage()));
        } catch (IllegalArgumentException | ClassCastException e) {
            return Reply.json(400, ErrorBodies.error(e.getMessage()));
        }
    }

    private Reply post(String path, Map<String, Object> body) {
        switch (path) {
            case "/reset":
                sim.reset();
                return done();
            case "/fail-next":
            case "/fail-next-after-processing":
                failNext(body, path.endsWith("after-processing") || Boolean.TRUE.equals(body.get("afterProcessing")));
                return done();
            case "/random-failures":
                sim.randomFailureRate(number(body, "rate").doubleValue(),
                        body.get("seed") == null ? 0 : number(body, "seed").longValue());
                return done();
            case "/latency":
                sim.latency(Duration.ofMillis(number(body, "millis").longValue()));
                return done();
            case "/busy-crm":
                sim.busyCrm(number(body, "leadsPerPage").intValue());
                return done();
            case "/sort-order":
                sim.sortOrder(SortOrder.parse(text(body, "order")));
                return done();
            case "/secret-echo":
                sim.secretEcho(SecretEcho.parse(text(body, "mode")));
                return done();
            case "/page-info-key":
                sim.pageInfoKey(PageInfoKey.parse(text(body, "key")));
                return done();
            case "/plan":
                sim.plan(plan(body));
                return done();
            case "/rate-limit-mode":
                sim.rateLimitMode(RateLimitMode.parse(text(body, "mode")));
                return done();
            case "/latency-jitter":
                sim.latencyJitter(Duration.ofMillis(optional(body, "minMillis")),
                        Duration.ofMillis(number(body, "maxMillis").longValue()), optional(body, "seed"));
                return done();
            case "/seed":
                return ok("leads", sim.seedLeads(number(body, "count").intValue(),
                        body.get("seed") == null ? 42 : number(body, "seed").longValue(),
                        body.get("spacingMillis") == null ? Duration.ofMinutes(10)
                                : Duration.ofMillis(number(body, "spacingMillis").longValue())));
            case "/leads-leave-while-paging":
                sim.leadsLeaveWhilePaging(number(body, "leads").intValue(),
                        body.get("how") == null ? Departure.DELETED : Departure.parse(text(body, "how")));
                return done();
            case "/malformed-records":
                sim.malformedRecords(number(body, "everyNth").intValue());
                return done();
            case "/page-info-shape":
                sim.pageInfoShape(PageInfoShape.parse(text(body, "shape")));
                return done();
            case "/tie-order":
                tieOrder(body);
                return done();
            case "/late-visibility":
                sim.lateVisibility(Duration.ofMillis(number(body, "millis").longValue()));
                return done();
            case "/backdated-leads":
                return ok("leads", sim.backdatedLeads(body.get("count") == null ? 1 : number(body, "count").intValue(),
                        Duration.ofMillis(number(body, "ageMillis").longValue())));
            case "/churn":
                sim.churn(number(body, "rate").doubleValue(), optional(body, "seed"));
                return done();
            case "/limit-cap":
                sim.limitCap(number(body, "limit").intValue());
                return done();
            case "/gateway-error-pages":
                sim.gatewayErrorPages(flag(body, "enabled"));
                return done();
            case "/retry-after-format":
                sim.retryAfterFormat(RetryAfterFormat.parse(text(body, "format")));
                return done();
            case "/leads":
                return ok("lead", sim.addLead(body));
            default:
                return notFound(path);
        }
    }

    private void failNext(Map<String, Object> body, boolean after) {
        int count = body.get("count") == null ? 1 : number(body, "count").intValue();
        Endpoint endpoint = body.get("endpoint") == null ? null : endpoint(text(body, "endpoint"));
        if (body.get("fault") != null) {
            var fault = FaultSwitchboard.parseFault(text(body, "fault"));
            if (after) {
                sim.failNextAfterProcessing(count, fault, endpoint);
            } else {
                sim.failNext(count, fault, endpoint);
            }
        } else {
            int status = number(body, "status").intValue();
            if (after) {
                sim.failNextAfterProcessing(count, status, endpoint);
            } else {
                sim.failNext(count, status, endpoint);
            }
        }
    }

    private void tieOrder(Map<String, Object> body) {
        String order = text(body, "order").trim();
        if (order.equalsIgnoreCase("shuffled")) {
            sim.shuffleTies(optional(body, "seed"));
        } else if (order.equalsIgnoreCase("stable")) {
            sim.stableTies();
        } else {
            throw new IllegalArgumentException("Unknown tie order '" + order + "': use stable or shuffled");
        }
    }

    private static boolean flag(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new IllegalArgumentException("'" + key + "' must be true or false, got " + (v == null ? "nothing" : v));
    }

    private static Endpoint endpoint(String text) {
        for (Endpoint e : Endpoint.values()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown endpoint '" + text + "': use create or list");
    }

    private static Plan plan(Map<String, Object> body) {
        if (body.get("plan") != null) {
            return Plan.parse(text(body, "plan"));
        }
        return Plan.custom(optional(body, "perSecond"), optional(body, "perMinute"), optional(body, "perDay"));
    }

    private static long optional(Map<String, Object> body, String key) {
        return body.get(key) == null ? 0 : number(body, key).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Request request) {
        String text = request.getBodyAsString();
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        Object parsed;
        try {
            parsed = Json.read(text, Object.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Admin request body is not valid JSON: send a JSON object");
        }
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("Admin request body must be a JSON object");
        }
        return (Map<String, Object>) parsed;
    }

    private static Number number(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v instanceof Number) {
            return (Number) v;
        }
        throw new IllegalArgumentException("'" + key + "' must be a JSON number, got " + (v == null ? "nothing" : v));
    }

    private static String text(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            throw new IllegalArgumentException("'" + key + "' is required");
        }
        return v.toString();
    }

    private static Reply ok(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        if (value instanceof List) {
            m.put("count", ((List<?>) value).size());
        }
        m.put(key, value);
        return Reply.json(200, m);
    }

    private Reply done() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        m.put("switches", sim.switches());
        return Reply.json(200, m);
    }

    private static Reply notFound(String path) {
        return Reply.json(404, ErrorBodies.error("Unknown admin route " + PREFIX + path
                + ": see docs/simulator.md for GET /__cashfin/leads|stats|switches and the POST switches"));
    }
}
