package africa.cashfin.camel.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import africa.cashfin.camel.simulator.CashfinSimulator;

/**
 * The security review's findings about how the app starts (issue 19, findings 4 and 12): with a variable missing it
 * silently started a stub ("pushed to the CRM (HTTP 201)" to a stub CRM), and the form ran without a CAPTCHA outside
 * the demo.
 */
class StartupAttacksTest {

    @TempDir
    Path work;

    @Test
    void aProductionRunRefusesToStartWithStandIns() {
        assertThatThrownBy(() -> new CashfinExamplesApp(settings(Map.of("cashfin.profile", "production"))).start())
                .hasStackTraceContaining("CASHFIN_PROFILE=production")
                .hasStackTraceContaining("stub CRM (set CASHFIN_CRM_URL)")
                .hasStackTraceContaining("Cashfin simulator (set CASHFIN_BASE_URL");
    }

    @Test
    void standInsAreNamedInOneWarningLine() {
        try (AppWarnings warnings = new AppWarnings();
                CashfinExamplesApp app = new CashfinExamplesApp(settings(Map.of())).start()) {
            assertThat(warnings.lines()).noneMatch(w -> w.contains("trusted-authserv-ids")); // the demo's own mailbox
            assertThat(warnings.lines()).filteredOn(w -> w.startsWith("STAND-INS RUNNING")).singleElement()
                    .satisfies(w -> assertThat(w).contains("Cashfin simulator", "GreenMail", "H2", "stub CRM",
                            "CASHFIN_PROFILE=production"));
        }
    }

    @Test
    void outsideTheDemoTheFormDoesNotStartWithoutACaptchaUnlessToldTo() {
        try (CashfinSimulator cashfin = CashfinSimulator.builder().start()) {
            Map<String, String> real = Map.of("cashfin.base-url", cashfin.baseUrl(), "cashfin.client-secret",
                    cashfin.secret());

            assertThatThrownBy(() -> new CashfinExamplesApp(settings(real)).start())
                    .hasStackTraceContaining("The web form needs a CAPTCHA against scripted posts");

            Map<String, String> withoutCaptcha = new LinkedHashMap<>(real);
            withoutCaptcha.put("cashfin.form.captcha.provider", "none");
            try (CashfinExamplesApp app = new CashfinExamplesApp(settings(withoutCaptcha)).start()) {
                assertThat(app.camelContext().getRoute("web-form-submit")).isNotNull();
            }
        }
    }

    /**
     * Finding 8's default: with a real mailbox and no {@code cashfin.mail.trusted-authserv-ids}, one warning at start
     * says that every sender is unverified and what to set (the embedded GreenMail of the demo gets none).
     */
    @Test
    void aRealMailboxWithoutTrustedAuthServersIsNamedInOneWarningLine() {
        GreenMail mailServer = new GreenMail(new ServerSetup(ExamplesApp.freePort(), "127.0.0.1",
                ServerSetup.PROTOCOL_IMAP));
        mailServer.start();
        try {
            mailServer.setUser("leads@example.test", "leads@example.test", "secret-mail-password");
            Map<String, String> realMailbox = Map.of("cashfin.mail.protocol", "imap", "cashfin.mail.host",
                    "127.0.0.1", "cashfin.mail.port", String.valueOf(mailServer.getImap().getPort()),
                    "cashfin.mail.username", "leads@example.test", "cashfin.mail.password", "secret-mail-password");
            try (AppWarnings warnings = new AppWarnings();
                    CashfinExamplesApp app = new CashfinExamplesApp(settings(realMailbox)).start()) {
                assertThat(warnings.lines()).filteredOn(w -> w.contains("trusted-authserv-ids")).singleElement()
                        .satisfies(w -> assertThat(w).startsWith("Mailbox: cashfin.mail.trusted-authserv-ids")
                                .contains("CASHFIN_MAIL_TRUSTED_AUTHSERV_IDS", "unverified", "Set it to"));
            }
            Map<String, String> trusted = new LinkedHashMap<>(realMailbox);
            trusted.put("cashfin.mail.trusted-authserv-ids", "mx.example.test");
            try (AppWarnings warnings = new AppWarnings();
                    CashfinExamplesApp app = new CashfinExamplesApp(settings(trusted)).start()) {
                assertThat(warnings.lines()).isNotEmpty() // the stand-ins line: warnings are seen
                        .noneMatch(w -> w.contains("trusted-authserv-ids"));
            }
        } finally {
            mailServer.stop();
        }
    }

    /** The WARN lines of the app's own loggers (the app's and its flows') while open. */
    private static final class AppWarnings implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final org.apache.logging.log4j.core.Logger logger = ((LoggerContext) LogManager.getContext(false))
                .getRootLogger();
        private final AbstractAppender capture = new AbstractAppender("app-warnings-" + System.nanoTime(), null, null,
                true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().name().equals("WARN")
                    && event.getLoggerName().startsWith("africa.cashfin.camel.examples.")) {
                    lines.add(event.getMessage().getFormattedMessage());
                }
            }
        };

        AppWarnings() {
            capture.start();
            logger.addAppender(capture);
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            logger.removeAppender(capture);
            capture.stop();
        }
    }

    private Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("cashfin.work-dir", work.toString());
        o.put("camel.server.port", String.valueOf(ExamplesApp.freePort()));
        o.putAll(extra);
        return o;
    }
}
