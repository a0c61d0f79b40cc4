package africa.cashfin.camel.leads;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;

/**
 * A started Camel context per test whose {@code cashfin-leads} component points at the simulator (secret and base URL
 * set once, as a user would); see {@link SimulatorContextSupport} for a context the test starts itself.
 */
abstract class SimulatorRouteSupport extends SimulatorContextSupport {

    ProducerTemplate template;

    @BeforeEach
    void startCamel() throws Exception {
        newContext().start();
        template = context.createProducerTemplate();
    }

    /** Sends {@code body} to the endpoint {@code uri} and returns the exchange, failed or not. */
    Exchange send(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }
}
