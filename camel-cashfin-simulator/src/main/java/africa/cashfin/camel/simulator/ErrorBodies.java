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

    /**
     * The HTML page a gateway in front of Cashfin answers with on 502, 503 or 504 (nginx/Cloudflare style: a title, a
     * heading and a kilobyte of markup and inline CSS), {@code Retry-After: 1} on 503.
     */
    static Reply gatewayPage(int status) {
        String reason = status == 502 ? "Bad Gateway" : status == 503 ? "Service Temporarily Unavailable"
                : status == 504 ? "Gateway Time-out" : "Error";
        String title = status + " " + reason;
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(title).append("</title>\n<style>\n");
        for (String rule : GATEWAY_CSS) {
            page.append(rule).append('\n');
        }
        page.append("</style>\n</head>\n<body>\n<div class=\"box\">\n<h1>").append(title).append("</h1>\n")
                .append("<p>The server at api.cashfin.africa did not answer the gateway in time or sent an invalid")
                .append(" response. Please try again in a few moments.</p>\n")
                .append("<p class=\"ray\">Request ID: 8c2f1e0b7a5d4c3e &middot; edge: jnb01</p>\n")
                .append("</div>\n<hr><center>cashfin-edge</center>\n</body>\n</html>\n");
        Reply reply = Reply.html(status, page.toString());
        return status == 503 ? reply.header("Retry-After", 1) : reply;
    }

    private static final String[] GATEWAY_CSS = {
        "html,body{margin:0;padding:0;font-family:-apple-system,BlinkMacSystemFont,\"Segoe UI\",Roboto,sans-serif}",
        "body{background:#f4f5f7;color:#1f2933;line-height:1.5}",
        ".box{max-width:640px;margin:10vh auto;padding:32px 40px;background:#fff;border-radius:8px;"
                + "box-shadow:0 2px 12px rgba(0,0,0,.08)}",
        "h1{font-size:28px;font-weight:600;margin:0 0 16px}",
        "p{margin:0 0 12px;font-size:15px}",
        ".ray{color:#7b8794;font-size:13px;font-family:Menlo,Consolas,monospace}",
        "hr{border:0;border-top:1px solid #e4e7eb;max-width:640px}",
        "center{color:#9aa5b1;font-size:12px}",
    };

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
