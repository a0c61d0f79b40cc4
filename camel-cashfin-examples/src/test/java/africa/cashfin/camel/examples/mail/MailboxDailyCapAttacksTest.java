package africa.cashfin.camel.examples.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import jakarta.mail.internet.MimeMessage;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.util.GreenMailUtil;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.app.LogLines;

/**
 * The security review's finding 8 (issue 19), second half: there was no overall mail cap, so senders rotating their
 * address (each under its per-sender cap) turned any number of mails into leads. Its own app: the cap is per UTC day.
 */
class MailboxDailyCapAttacksTest {

    private static final int PER_DAY = 4;

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.mail.limit.per-day", String.valueOf(PER_DAY));

    @Test
    void mailFromManySendersStopsAtTheMailboxsDailyCapWithOneWarning() throws Exception {
        int sent = PER_DAY + 3;
        try (LogLines log = new LogLines(Level.WARN)) {
            for (int i = 0; i < sent; i++) {
                MimeMessage m = GreenMailUtil.createTextEmail(APP.setting("cashfin.mail.username"),
                        "Sender " + i + " <sender" + i + "@rotating.example>", "Enquiry " + i, "Hello",
                        APP.app().services().greenMail().getImap().getServerSetup());
                m.saveChanges();
                APP.app().services().greenMail().getUserManager().getUser(APP.setting("cashfin.mail.username"))
                        .deliver(m);
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> count("cashfin.mail.imported-folder")
                    + count("cashfin.mail.rejected-folder") == sent);
            assertThat(count("cashfin.mail.imported-folder")).isEqualTo(PER_DAY);
            assertThat(APP.cashfin().leads()).hasSize(PER_DAY);
            assertThat(Files.readAllLines(APP.app().mailLeads().rejectedLog(), StandardCharsets.UTF_8))
                    .filteredOn(l -> l.contains("cashfin.mail.limit.per-day")).hasSize(sent - PER_DAY);
            assertThat(log.lines()).filteredOn(l -> l.contains("daily cap")).singleElement()
                    .satisfies(l -> assertThat(l).contains("cashfin.mail.limit.per-day"));
        }
    }

    private static long count(String key) {
        return MailDemo.folderCount(APP.app().settings(), key);
    }
}
