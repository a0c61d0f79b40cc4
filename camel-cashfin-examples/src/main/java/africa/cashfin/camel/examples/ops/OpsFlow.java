package africa.cashfin.camel.examples.ops;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.Settings;
import africa.cashfin.camel.examples.csv.ImportBoard;
import africa.cashfin.camel.examples.csv.InboxDrop;
import africa.cashfin.camel.examples.form.ClientAddress;

/**
 * The operations page's wiring: reads the {@code cashfin.ops.*} settings and binds the bean
 * {@code routes/ops.camel.yaml} calls ({@code opsPage}, {@code opsFiles}, the imports section {@code opsImportsPanel}, and {@code opsHeaderFilter}, the endpoints' header filter). The page is served by the form's HTTP server under
 * {@value OpsPage#PATH}; its sections are the {@link OpsPanel} beans other flows bind.
 */
public final class OpsFlow {

    private static final Logger LOG = LoggerFactory.getLogger(OpsFlow.class);

    private OpsFlow() {
    }

    /**
     * Binds the page's beans.
     *
     * @param context  where the beans are bound (and the panels looked up)
     * @param settings the page's settings
     * @param imports  Flow 1's dropped files (the imports section)
     * @param inbox    Flow 1's inbox (the upload)
     * @throws IllegalArgumentException when the settings would serve the page to other machines without credentials,
     *                                  or credentials are incomplete (the message names the settings)
     */
    public static OpsFlow bind(CamelContext context, Settings settings, ImportBoard imports, InboxDrop inbox) {
        ClientAddress proxies = ClientAddress.trusting(settings.text("cashfin.form.trusted-proxies"));
        OpsAccess access = OpsAccess.from(settings, proxies);
        OpsCsrf csrf = new OpsCsrf();
        context.getRegistry().bind("opsPage", new OpsPage(context, access, csrf));
        context.getRegistry().bind("opsFiles", new OpsFiles(imports, inbox, csrf));
        context.getRegistry().bind("opsImportsPanel", new ImportsPanel(imports));
        context.getRegistry().bind("opsHeaderFilter", new OpsHeaderFilter());
        LOG.info("Operations page at {}: {}", OpsPage.PATH, access.describe());
        return new OpsFlow();
    }
}
