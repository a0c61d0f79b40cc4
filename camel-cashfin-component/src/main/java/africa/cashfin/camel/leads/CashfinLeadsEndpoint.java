package africa.cashfin.camel.leads;

import java.util.Map;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

import africa.cashfin.camel.leads.api.CashfinClient;

/**
 * Create and list leads in the Cashfin CRM through the Cashfin Business API.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "cashfin-leads", title = "Cashfin Leads",
             syntax = "cashfin-leads:operation", category = { Category.SAAS, Category.API },
             headersClass = CashfinLeadsConstants.class)
public class CashfinLeadsEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriParam
    private final CashfinLeadsConfiguration configuration;

    private volatile CashfinClient client;

    public CashfinLeadsEndpoint(String uri, CashfinLeadsComponent component, CashfinLeadsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public CashfinLeadsComponent getComponent() {
        return (CashfinLeadsComponent) super.getComponent();
    }

    /** This endpoint's options. */
    public CashfinLeadsConfiguration getConfiguration() {
        return configuration;
    }

    /** The shared API client; available while the endpoint is started. */
    public CashfinClient getClient() {
        CashfinClient c = client;
        if (c == null) {
            throw new IllegalStateException("Endpoint " + this + " is not started");
        }
        return c;
    }

    @Override
    public Producer createProducer() {
        return new CashfinLeadsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The cashfin-leads consumer is not available in this version; use"
                                                + " the producer operations create and list");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (client == null) {
            client = getComponent().acquireClient(configuration);
        }
    }

    @Override
    protected void doStop() throws Exception {
        CashfinClient c = client;
        client = null;
        if (c != null) {
            getComponent().releaseClient(c);
        }
        super.doStop();
    }

    @Override
    public String getServiceUrl() {
        return configuration.effectiveBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "rest";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("operation", String.valueOf(configuration.getOperation()));
    }
}
