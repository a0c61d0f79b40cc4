package africa.cashfin.camel.examples.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMailUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;

/** Flow 3's limits through the real app and GreenMail: the per-sender cap and the mail and attachment size limits. */
class MailboxLimitsFlowTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.mail.limit.per-sender", "3")
            .with("cashfin.mail.max-size", String.valueOf(400 * 1024))
            .with("cashfin.mail.max-attachment-size", String.valueOf(100 * 1024));

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aFloodFromOneSenderBecomesNoMoreThanItsCapWhileOtherSendersAreImported() throws Exception {
        long imported = count("cashfin.mail.imported-folder");
        long rejected = count("cashfin.mail.rejected-folder");
        APP.cashfin().reset();
        for (int i = 1; i <= 12; i++) {
            deliver(plain("Flood Er <flood@spam.example>", "Offer " + i, "Buy now " + i));
        }
        deliver(plain("Kofi Boateng <kofi@kumasi-cocoa.example>", "Cocoa invoicing", "Please call me."));

        await().atMost(WAIT).until(() -> count("cashfin.mail.folder") == 0
                                         && count("cashfin.mail.imported-folder") == imported + 4
                                         && count("cashfin.mail.rejected-folder") == rejected + 9);
        // 3 of the flood got through to Cashfin (one lead: deduplicateBy=email finds it again), 9 were rejected
        assertThat(APP.cashfin().leads()).extracting(l -> l.get("email"))
                .containsExactlyInAnyOrder("flood@spam.example", "kofi@kumasi-cocoa.example");
        String log = Files.readString(APP.app().mailLeads().rejectedLog(), StandardCharsets.UTF_8);
        assertThat(log.lines().filter(l -> l.contains("cashfin.mail.limit.per-sender"))).hasSize(9);
    }

    @Test
    void mailsAndAttachmentsOverTheSizeLimitsAreMovedAsideUnread() throws Exception {
        long rejected = count("cashfin.mail.rejected-folder");
        APP.cashfin().reset();
        deliver(withAttachment("Big Attach <big.attach@example.com>", "Brochure", 150 * 1024));
        deliver(plain("Huge Mail <huge@example.com>", "Long story", "x".repeat(500 * 1024)));

        await().atMost(WAIT).until(() -> count("cashfin.mail.rejected-folder") == rejected + 2
                                         && count("cashfin.mail.folder") == 0);
        String log = Files.readString(APP.app().mailLeads().rejectedLog(), StandardCharsets.UTF_8);
        assertThat(log).contains("attachment 'brochure.pdf' is ").contains("over the limit of 100 KB")
                .contains("cashfin.mail.max-attachment-size").contains("cashfin.mail.max-size");
        assertThat(APP.cashfin().createCalls()).isZero();
    }

    private static void deliver(MimeMessage message) throws Exception {
        APP.app().services().greenMail().getUserManager().getUser(APP.setting("cashfin.mail.username"))
                .deliver(message);
    }

    private static MimeMessage plain(String from, String subject, String text) throws Exception {
        MimeMessage m = GreenMailUtil.createTextEmail(APP.setting("cashfin.mail.username"), from, subject, text,
                APP.app().services().greenMail().getImap().getServerSetup());
        m.saveChanges();
        return m;
    }

    private static MimeMessage withAttachment(String from, String subject, int attachmentBytes) throws Exception {
        MimeMessage m = plain(from, subject, "See the attachment.");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("See the attachment.", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        byte[] bytes = new byte[attachmentBytes];
        Arrays.fill(bytes, (byte) 'a');
        file.setContent(bytes, "application/octet-stream");
        file.setFileName("brochure.pdf");
        m.setContent(new MimeMultipart(text, file));
        m.saveChanges();
        return m;
    }

    private static long count(String key) {
        return MailDemo.folderCount(APP.app().settings(), key);
    }
}
