package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * Routes against a WireMock server standing in for Cashfin. The component is configured once, as a user would with
 * {@code camel.component.cashfin-leads.*}: secret and base URL. HTTP/2 is off so injected faults reach the client as
 * on a real HTTP/1.1 connection.
 */
abstract class CashfinTestSupport extends CamelTestSupport {

    static final String SECRET = "cs_T3stSecretValue0123456789";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
            .build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        CashfinLeadsComponent component = ctx.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        component.getConfiguration().setClientSecret(SECRET);
        component.getConfiguration().setBaseUrl(wm.baseUrl());
        // these tests check single calls and error mapping: no pacing, no retries (see ResilienceTest etc.)
        component.getConfiguration().setPlan("unlimited");
        component.getConfiguration().setMaxRetries(0);
        return ctx;
    }

    /** Sends {@code body} to {@code uri} and returns the exchange, failed or not. */
    Exchange send(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }
}
