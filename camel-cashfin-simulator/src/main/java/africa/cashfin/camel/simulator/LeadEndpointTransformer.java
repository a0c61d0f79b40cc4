package africa.cashfin.camel.simulator;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Locale;

/**
 * WireMock transformer bound to one Cashfin endpoint stub: {@code cashfin-create} or {@code cashfin-list}.
 * Not applied globally.
 */
final class LeadEndpointTransformer implements ResponseDefinitionTransformerV2 {

    private final Endpoint endpoint;
    private final LeadApi api;

    LeadEndpointTransformer(Endpoint endpoint, LeadApi api) {
        this.endpoint = endpoint;
        this.api = api;
    }

    static String nameFor(Endpoint endpoint) {
        return "cashfin-" + endpoint.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        return api.handle(endpoint, serveEvent.getRequest());
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return nameFor(endpoint);
    }
}
