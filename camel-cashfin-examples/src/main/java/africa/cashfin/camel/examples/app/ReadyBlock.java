package africa.cashfin.camel.examples.app;

import java.nio.file.Path;

import africa.cashfin.camel.examples.ops.OpsPage;

/**
 * The {@code Ready:} block the app logs once its routes run in {@code --run} mode: where the web form, the operations
 * page, the CSV inbox, the mailbox and Cashfin are, so that a user (or a script waiting for {@code Ready:}) knows when
 * and where to start.
 */
final class ReadyBlock {

    private ReadyBlock() {
    }

    /** The block for a started app. */
    static String of(CashfinExamplesApp app) {
        String host = app.setting("camel.server.host");
        String formHost = host == null || host.isBlank() || host.equals("0.0.0.0") ? "localhost" : host;
        EmbeddedServices services = app.services();
        String mailbox = app.setting("cashfin.mail.username") + " at " + app.setting("cashfin.mail.protocol") + "://"
                         + app.setting("cashfin.mail.host") + ":" + app.setting("cashfin.mail.port")
                         + (services.greenMail() != null
                                 ? " (embedded GreenMail; send mail to it via smtp://127.0.0.1:" + services.smtpPort() + ")"
                                 : "");
        String cashfin = app.setting("cashfin.base-url")
                         + (services.simulator() != null ? " (embedded simulator, " + app.setting("cashfin.plan")
                                                           + " plan)" : "");
        return "Ready:\n"
               + "  web form   http://" + formHost + ":" + app.setting("camel.server.port")
               + app.setting("cashfin.form.path") + "\n"
               + "  operations http://" + formHost + ":" + app.setting("camel.server.port") + OpsPage.PATH + " ("
               + (Boolean.parseBoolean(app.setting("cashfin.ops.allow-remote")) ? "with credentials"
                       : "this machine only") + ")\n"
               + "  CSV inbox  " + Path.of(app.setting("cashfin.csv.inbox")).toAbsolutePath()
               + " (drop .csv or .xlsx files here)\n"
               + "  mailbox    " + mailbox + "\n"
               + "  Cashfin    " + cashfin + "\n"
               + "Stop with Ctrl+C.";
    }
}
