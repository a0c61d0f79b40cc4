package africa.cashfin.camel.examples.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.WireMock;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.EmbeddedServices;
import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * The security review's finding about Flow 4 (issue 19, finding 12): a CRM that echoes the request in its error body
 * had its bearer token printed in the log.
 */
class SyncAttacksTest {

    private static final String TOKEN = "pat-na1-0f3c9d2e-secret-token";

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.crm.token", TOKEN);

    @Test
    void anEchoingCrmErrorDoesNotPutTheTokenInTheLog() {
        List<String> lines = new CopyOnWriteArrayList<>();
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("all-lines", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage()
                          + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        };
        capture.start();
        logs.getRootLogger().addAppender(capture);
        try {
            APP.app().services().crm().stubFor(WireMock.post(WireMock.urlPathEqualTo(EmbeddedServices.CRM_CONTACTS_PATH))
                    .atPriority(1).willReturn(WireMock.aResponse().withStatus(400)
                            .withBody("bad request; you sent Authorization: {{request.headers.Authorization}}")
                            .withTransformers("response-template")));
            APP.cashfin().seedLeads(1, 7);

            await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(l -> l.contains("HTTP 400")));
            assertThat(lines).filteredOn(l -> l.contains("HTTP 400")).allSatisfy(l -> assertThat(l)
                    .contains("Authorization: Bearer xxxxxx").doesNotContain(TOKEN));
            assertThat(lines).noneMatch(l -> l.contains(TOKEN));
        } finally {
            logs.getRootLogger().removeAppender(capture);
        }
    }
}
