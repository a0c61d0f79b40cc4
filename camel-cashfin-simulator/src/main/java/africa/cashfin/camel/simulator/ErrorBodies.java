package africa.cashfin.camel.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** The error bodies the simulator sends, copied from Cashfin's docs where the docs show one. */
final class ErrorBodies {

    /** Documented missing-name error text. */
    static final String NAME_REQUIRED =
            "Key: 'ApiLeadRequest.Name' Error:Field validation for 'Name' failed on the 'required' tag";

    private ErrorBodies() {
    }

    static Map<String, Object> error(String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", false);
        m.put("error", error);
        return m;
    }

    static Map<String, Object> message(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", false);
        m.put("message", message);
        return m;
    }

    static Reply unauthorized() {
        return Reply.json(401, message("Unauthorized access!"));
    }

    static Reply rateLimited(long retryAfterSeconds) {
        Map<String, Object> m = error("Rate limit exceeded. Please try again later.");
        m.put("retry_after", retryAfterSeconds);
        return Reply.json(429, m).header("Retry-After", retryAfterSeconds);
    }

    /** Body for an injected failure with the given status. */
    static Reply injected(Endpoint endpoint, int status) {
        switch (status) {
            case 429:
                return rateLimited(1);
            case 401:
                return unauthorized();
            case 500:
                return Reply.json(500, error(endpoint == Endpoint.CREATE ? "Error creating lead" : "Error fetching leads"));
            case 502:
                return Reply.json(502, error("Bad gateway"));
            case 503:
                return Reply.json(503, error("Service temporarily unavailable")).header("Retry-After", 1);
            case 504:
                return Reply.json(504, error("Gateway timeout"));
            case 400:
                return Reply.json(400, error("Bad request"));
            case 403:
                return Reply.json(403, message("Forbidden"));
            case 404:
                return Reply.json(404, error("Not found"));
            case 409:
                return Reply.json(409, error("Duplicate entry"));
            case 422: {
                Map<String, Object> m = error("There are problems with your submission");
                Map<String, Object> errors = new LinkedHashMap<>();
                errors.put("name", "Simulated validation failure");
                m.put("errors", errors);
                return Reply.json(422, m);
            }
            default:
                return Reply.json(status, error("Simulated failure (HTTP " + status + ")"));
        }
    }
}
