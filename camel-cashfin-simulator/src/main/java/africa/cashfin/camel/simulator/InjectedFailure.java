package africa.cashfin.camel.simulator;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One queued failure: an HTTP status or a WireMock {@link Fault}, optionally restricted to one endpoint. */
final class InjectedFailure {

    final Endpoint endpoint;
    final int status;
    final Fault fault;
    int remaining;

    InjectedFailure(int count, Endpoint endpoint, int status, Fault fault) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (fault == null && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("An injected failure needs a 4xx/5xx status or a Fault, got " + status);
        }
        this.remaining = count;
        this.endpoint = endpoint;
        this.status = status;
        this.fault = fault;
    }

    boolean appliesTo(Endpoint e) {
        return endpoint == null || endpoint == e;
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("remaining", remaining);
        m.put("endpoint", endpoint == null ? null : endpoint.name().toLowerCase(Locale.ROOT));
        m.put("status", fault == null ? status : null);
        m.put("fault", fault == null ? null : fault.name());
        return m;
    }
}
