package africa.cashfin.camel.examples.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.simulator.Endpoint;

/** Flow 3 through the real app: mail delivered to the embedded GreenMail, leads in the simulator, mail moved. */
class MailboxFlowTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp();

    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeEach
    void resetCashfin() {
        APP.cashfin().reset();
    }

    @Test
    void enquiryBecomesAnEmailLeadAndTheMailIsMovedSoItIsNeverImportedTwice() throws Exception {
        long before = count("cashfin.mail.imported-folder");
        deliver(sample("samples/enquiry.eml"));

        await().atMost(WAIT).until(() -> APP.cashfin().leadCount() == 1);
        assertThat(APP.cashfin().leads().get(0)).containsEntry("name", "Wanjiku Muthoni")
                .containsEntry("email", "wanjiku.muthoni@nakuru-flowers.example").containsEntry("source", "email");
        assertThat((String) APP.cashfin().leads().get(0).get("request")).startsWith("Enquiry: payment collection")
                .contains("M-Pesa");
        await().atMost(WAIT).until(() -> count("cashfin.mail.folder") == 0
                                         && count("cashfin.mail.imported-folder") == before + 1);

        // another mail arrives and is imported: the first one is not imported again
        deliver(plain("Kofi Boateng <kofi@kumasi-cocoa.example>", "Cocoa export invoicing", "Please call me."));
        await().atMost(WAIT).until(() -> APP.cashfin().leadCount() == 2);
        await().atMost(WAIT).until(() -> count("cashfin.mail.folder") == 0);
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("name"))
                .containsExactlyInAnyOrder("Wanjiku Muthoni", "Kofi Boateng");
    }

    @Test
    void automaticReplyIsMovedAsideWithTheReason() throws Exception {
        long before = count("cashfin.mail.rejected-folder");
        MimeMessage ooo = plain("Joseph Kamau <joseph@example.co.ke>", "Out of office", "Back on Monday.");
        ooo.setHeader("Auto-Submitted", "auto-replied");
        deliver(ooo);

        await().atMost(WAIT).until(() -> count("cashfin.mail.rejected-folder") == before + 1);
        assertThat(count("cashfin.mail.folder")).isZero();
        assertThat(Files.readString(APP.app().mailLeads().rejectedLog(), StandardCharsets.UTF_8))
                .contains("Out of office").contains("automatic mail");
        assertThat(APP.cashfin().createCalls()).isZero();
    }

    @Test
    void mailStaysInTheInboxWhileCashfinIsUnavailableAndIsImportedLater() throws Exception {
        APP.cashfin().failNext(1, 503, Endpoint.CREATE);
        deliver(plain("Grace Nakato <grace@kampala-schools.example>", "School fees", "Mobile money please."));

        await().atMost(WAIT).until(() -> APP.cashfin().leadCount() == 1);
        assertThat(APP.cashfin().createCalls()).isGreaterThanOrEqualTo(2);
        assertThat(APP.cashfin().leads().get(0)).containsEntry("name", "Grace Nakato");
        await().atMost(WAIT).until(() -> count("cashfin.mail.folder") == 0);
    }

    private static void deliver(MimeMessage message) throws Exception {
        APP.app().services().greenMail().getUserManager().getUser(APP.setting("cashfin.mail.username"))
                .deliver(message);
    }

    private static MimeMessage sample(String resource) throws Exception {
        try (InputStream in = MailboxFlowTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new MimeMessage(GreenMailUtil.getSession(APP.app().services().greenMail().getImap()
                    .getServerSetup()), in);
        }
    }

    private static MimeMessage plain(String from, String subject, String text) throws Exception {
        MimeMessage m = GreenMailUtil.createTextEmail(APP.setting("cashfin.mail.username"), from, subject, text,
                APP.app().services().greenMail().getImap().getServerSetup());
        m.saveChanges();
        return m;
    }

    /** Messages in the folder named by setting {@code key}; 0 when it does not exist yet. */
    private static long count(String key) {
        return MailDemo.folderCount(APP.app().settings(), key);
    }
}
