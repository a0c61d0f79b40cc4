package africa.cashfin.camel.examples.ops;

import io.vertx.core.http.HttpServerRequest;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.Settings;
import africa.cashfin.camel.examples.csv.ImportBoard;
import africa.cashfin.camel.examples.csv.InboxDrop;
import africa.cashfin.camel.examples.form.FormFlow;
import africa.cashfin.camel.examples.form.FormServerLimits;

/**
 * The operations page's wiring: reads the {@code cashfin.ops.*} settings and binds the bean
 * {@code routes/ops.camel.yaml} calls ({@code opsPage}, {@code opsFiles}, the imports section {@code opsImportsPanel}, and {@code opsHeaderFilter}, the endpoints' header filter). The page is served by the form's HTTP server under
 * {@value OpsPage#PATH}; its sections are the {@link OpsPanel} beans other flows bind.
 */
public final class OpsFlow {

    /** Setting: the largest file the upload takes, in bytes. */
    public static final String MAX_UPLOAD_SIZE = "cashfin.ops.max-upload-size";

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
     * @param form     the web form's flow: its HTTP server serves the page (the upload gets its own body limit among
     *                 the server's limits) behind its trusted proxies
     * @throws IllegalArgumentException when the settings would serve the page to other machines without credentials,
     *                                  or credentials are incomplete (the message names the settings)
     */
    public static OpsFlow bind(CamelContext context, Settings settings, ImportBoard imports, InboxDrop inbox,
            FormFlow form) {
        OpsAccess access = OpsAccess.from(settings, form.proxies());
        FormServerLimits server = form.serverLimits();
        OpsCsrf csrf = new OpsCsrf();
        long maxUpload = settings.number(MAX_UPLOAD_SIZE);
        if (maxUpload < 1) {
            throw new IllegalArgumentException("The upload's limit (" + MAX_UPLOAD_SIZE + ", CASHFIN_OPS_MAX_UPLOAD_SIZE)"
                                               + " must be at least 1 byte, not " + maxUpload);
        }
        // only a request the page admits and whose CSRF token matches gets the upload's limit: any other keeps the
        // server's (the form's 64 KB), so nobody else can make the server hold a large body
        server.limitBody(new FormServerLimits.BodyLimit(OpsFiles.UPLOAD_PATH, maxUpload, "Not taken: the file is"
                + " larger than " + maxUpload + " bytes, the most the upload takes (" + MAX_UPLOAD_SIZE + "). Drop it"
                + " into the inbox folder instead, which takes files of any size.",
                () -> LOG.info("Operations page: an upload was refused: larger than {} bytes ({})", maxUpload,
                        MAX_UPLOAD_SIZE),
                request -> mayUpload(access, csrf, request)));
        context.getRegistry().bind("opsPage", new OpsPage(context, access, csrf));
        context.getRegistry().bind("opsFiles", new OpsFiles(imports, inbox, csrf));
        context.getRegistry().bind("opsImportsPanel", new ImportsPanel(imports));
        context.getRegistry().bind("opsHeaderFilter", new OpsHeaderFilter());
        LOG.info("Operations page at {}: {}; uploads up to {} bytes", OpsPage.PATH, access.describe(), maxUpload);
        return new OpsFlow();
    }

    /** True when {@code request} would pass the page's access check and the upload's CSRF check. */
    static boolean mayUpload(OpsAccess access, OpsCsrf csrf, HttpServerRequest request) {
        String forwardedFor = String.join(",", request.headers().getAll("X-Forwarded-For"));
        return access.check(request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress(),
                forwardedFor.isEmpty() ? null : forwardedFor, request.getHeader("Forwarded"),
                request.getHeader("Authorization")) == OpsAccess.Decision.ALLOWED
               && csrf.refusal(request.getHeader("Cookie"), request.getHeader(OpsCsrf.HEADER),
                       request.getHeader("Sec-Fetch-Site")) == null;
    }
}
