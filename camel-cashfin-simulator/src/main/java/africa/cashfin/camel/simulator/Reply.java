package africa.cashfin.camel.simulator;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An answer being assembled: status, headers and a JSON (or, from a gateway, HTML) body, or a network fault. */
final class Reply {

    private static final HttpHeader CONTENT_TYPE = new HttpHeader("Content-Type", "application/json; charset=utf-8");
    private static final HttpHeader HTML = new HttpHeader("Content-Type", "text/html; charset=utf-8");

    final int status;
    final Fault fault;
    final Object body;
    final Map<String, String> headers = new LinkedHashMap<>();

    private Reply(int status, Fault fault, Object body) {
        this.status = status;
        this.fault = fault;
        this.body = body;
    }

    static Reply json(int status, Object body) {
        return new Reply(status, null, body);
    }

    /** An HTML page, as a gateway or proxy in front of the API answers; {@link #body} is the page text. */
    static Reply html(int status, String page) {
        return new Reply(status, null, new Html(page));
    }

    /** The body of an HTML answer. */
    record Html(String page) {
    }

    boolean isHtml() {
        return body instanceof Html;
    }

    static Reply fault(Fault fault) {
        return new Reply(0, fault, null);
    }

    Reply header(String name, Object value) {
        headers.put(name, String.valueOf(value));
        return this;
    }

    Reply rateLimitHeaders(RateLimitDecision d) {
        return header("X-RateLimit-Limit", d.limit)
                .header("X-RateLimit-Remaining", d.remaining)
                .header("X-RateLimit-Reset", d.resetEpochSecond);
    }

    Outcome outcome() {
        return fault != null ? Outcome.FAULT : Outcome.ofStatus(status);
    }

    ResponseDefinition toDefinition(int latencyMillis) {
        ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition();
        if (latencyMillis > 0) {
            b.withFixedDelay(latencyMillis);
        }
        if (fault != null) {
            return b.withFault(fault).build();
        }
        List<HttpHeader> all = new ArrayList<>(headers.size() + 1);
        all.add(isHtml() ? HTML : CONTENT_TYPE);
        headers.forEach((name, value) -> all.add(new HttpHeader(name, value)));
        String text = isHtml() ? ((Html) body).page() : JsonWriter.write(body);
        return b.withStatus(status).withHeaders(new HttpHeaders(all)).withBody(text).build();
    }
}
