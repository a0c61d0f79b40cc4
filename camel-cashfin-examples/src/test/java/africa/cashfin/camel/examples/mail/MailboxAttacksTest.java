package africa.cashfin.camel.examples.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.app.ExamplesDemo;

/**
 * The security review's attacks on the mailbox (issue 19), through the real app and the embedded GreenMail:
 * auto-replies and bounces recognised by the usual headers and senders, not only {@code Auto-Submitted} (finding 9).
 */
class MailboxAttacksTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp();

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void autoRepliesAndBouncesAreRejectedByTheirHeadersAndSendersNotMadeLeads() throws Exception {
        long before = count("cashfin.mail.rejected-folder");
        List<MimeMessage> automatic = List.of(
                with(plain("Newsletter <news@bulk.example>", "Monthly news", "Offers."), "Precedence", "bulk"),
                with(plain("Lists <owner@list.example>", "Digest", "Posts."), "Precedence", "list"),
                with(plain("Amina <amina@auto.example>", "Re: your enquiry", "I am away."), "X-Autoreply", "yes"),
                with(plain("Ben <ben@auto.example>", "Auto: thanks", "Thanks."), "X-Autorespond", "Thanks"),
                plain("Mail Delivery Subsystem <MAILER-DAEMON@mx.example>", "Undelivered Mail", "Bounce."),
                plain("postmaster@mx.example", "Delivery Status Notification", "Failed."),
                with(plain("Chidi <chidi@bounce.example>", "Returned mail", "See attached."), "Return-Path", "<>"));
        for (MimeMessage m : automatic) {
            deliver(m);
        }

        await().atMost(WAIT).until(() -> count("cashfin.mail.rejected-folder") == before + automatic.size());
        assertThat(count("cashfin.mail.folder")).isZero();
        assertThat(APP.cashfin().leads()).isEmpty();
        assertThat(Files.readString(APP.app().mailLeads().rejectedLog(), StandardCharsets.UTF_8))
                .contains("Precedence: bulk", "Precedence: list", "X-Autoreply: yes", "X-Autorespond: Thanks",
                        "MAILER-DAEMON@mx.example", "postmaster@mx.example", "Return-Path: <>");
    }

    private static MimeMessage with(MimeMessage m, String header, String value) throws Exception {
        m.setHeader(header, value);
        return m;
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

    private static long count(String key) {
        return ExamplesDemo.folderCount(APP.app(), key);
    }
}
