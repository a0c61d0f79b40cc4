package africa.cashfin.camel.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether error answers echo the request's {@code Authorization} header back, as some APIs and gateways in debug mode
 * do. The docs do not say Cashfin never does; a client must not pass the echoed secret on into its exception messages.
 */
public enum SecretEcho {
    /** Error answers carry only the documented fields (default). */
    OFF,
    /**
     * Every error answer (4xx/5xx with a JSON body) carries {@code "errors": {"authorization": "received <header>"}}
     * next to its own fields.
     */
    ERRORS,
    /**
     * Every error answer is malformed JSON whose bare token is the header value, e.g.
     * {@code {"success":false,"error":"Invalid request","received":cs_abc...}}: a JSON parser quotes the token in its
     * error message.
     */
    MALFORMED;

    /**
     * @param text {@code off}, {@code errors} or {@code malformed}, any case
     * @return the mode
     */
    public static SecretEcho parse(String text) {
        for (SecretEcho e : values()) {
            if (e.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown secret echo '" + text + "': use off, errors or malformed");
    }

    /**
     * @return the reply as this mode answers it when the request carried {@code authorization}; a gateway's HTML page
     *         (either mode) gets the header printed into it
     */
    Reply apply(Reply reply, String authorization) {
        if (this == OFF || authorization == null || reply.fault != null || reply.status < 400) {
            return reply;
        }
        Reply echoed;
        if (reply.isHtml()) {
            // a gateway in debug mode: the request headers printed into its page
            String page = ((Reply.Html) reply.body).page();
            int end = page.lastIndexOf("</body>");
            String debug = "<pre class=\"debug\">Authorization: " + authorization + "</pre>\n";
            echoed = Reply.html(reply.status, end < 0 ? page + debug : page.substring(0, end) + debug + page.substring(end));
        } else if (this == ERRORS) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (reply.body instanceof Map<?, ?> m) {
                m.forEach((k, v) -> body.put(String.valueOf(k), v));
            }
            Map<String, Object> errors = new LinkedHashMap<>();
            if (body.get("errors") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> errors.put(String.valueOf(k), v));
            }
            errors.put("authorization", "received " + authorization);
            body.put("errors", errors);
            echoed = Reply.json(reply.status, body);
        } else {
            echoed = Reply.json(reply.status, new JsonWriter.Raw(
                    "{\"success\":false,\"error\":\"Invalid request\",\"received\":" + authorization + "}"));
        }
        reply.headers.forEach(echoed::header);
        return echoed;
    }

    /** @return the name as the admin API and {@code switches()} show it */
    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
