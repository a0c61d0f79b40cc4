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
        List<String> warnings = new CopyOnWriteArrayList<>();
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("stand-ins", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().name().equals("WARN")) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        capture.start();
        org.apache.logging.log4j.core.Logger logger = logs.getLogger(CashfinExamplesApp.class.getName());
        logger.addAppender(capture);
        try (CashfinExamplesApp app = new CashfinExamplesApp(settings(Map.of())).start()) {
            assertThat(warnings).filteredOn(w -> w.startsWith("STAND-INS RUNNING")).singleElement()
                    .satisfies(w -> assertThat(w).contains("Cashfin simulator", "GreenMail", "H2", "stub CRM",
                            "CASHFIN_PROFILE=production"));
        } finally {
            logger.removeAppender(capture);
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

    private Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("cashfin.work-dir", work.toString());
        o.put("camel.server.port", String.valueOf(ExamplesApp.freePort()));
        o.putAll(extra);
        return o;
    }
}
