package africa.cashfin.camel.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code Ready:} block of {@code --run}: every address in it is the running app's. */
class ReadyBlockTest {

    @RegisterExtension
    static ExamplesApp examples = new ExamplesApp();

    @Test
    void namesTheFormTheInboxTheMailboxAndTheSimulatorOfTheRunningApp() {
        CashfinExamplesApp app = examples.app();
        String block = app.readyBlock();
        assertThat(block).startsWith("Ready:\n")
                .contains("  web form   http://localhost:" + app.setting("camel.server.port") + "/contact\n")
                .contains("  operations http://localhost:" + app.setting("camel.server.port") + "/ops (this machine only)\n")
                .contains("  CSV inbox  " + java.nio.file.Path.of(app.setting("cashfin.csv.inbox")).toAbsolutePath())
                .contains("  mailbox    leads@example.test at imap://127.0.0.1:" + app.setting("cashfin.mail.port")
                          + " (embedded GreenMail; send mail to it via smtp://127.0.0.1:" + app.services().smtpPort())
                .contains("  Cashfin    " + app.services().simulator().baseUrl() + " (embedded simulator, starter plan)")
                .endsWith("Stop with Ctrl+C.")
                .doesNotContain(app.services().simulator().secret());
    }
}
