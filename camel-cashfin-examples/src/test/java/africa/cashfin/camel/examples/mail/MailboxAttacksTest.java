package africa.cashfin.camel.examples.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.logging.log4j.Level;

import com.icegreen.greenmail.util.GreenMailUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;
import africa.cashfin.camel.examples.app.LogLines;

/**
 * The security review's attacks on the mailbox (issue 19), through the real app and the embedded GreenMail:
 * auto-replies and bounces recognised by the usual headers and senders, not only {@code Auto-Submitted} (finding 9); a
 * mail whose headers fail to load no longer blocks the mailbox (finding 5); a later mail for an existing lead is kept
 * (finding 6); the per-sender cap counts a mail against its authenticated sender, never Reply-To (finding 8).
 */
class MailboxAttacksTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.mail.max-attempts", "3")
            .with("cashfin.mail.limit.per-sender", "3").with("cashfin.mail.trusted-authserv-ids", "mx.cashfin.test");

    private static final int PER_SENDER = 3;
    /** The authserv-id of "our" receiving mail server, whose Authentication-Results are believed. */
    private static final String TRUSTED_MX = "mx.cashfin.test";

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
        assertThat(APP.cashfin().leads()).noneMatch(l -> String.valueOf(l.get("email"))
                .matches(".*@(bulk|list|auto|mx|bounce)\\.example"));
        assertThat(Files.readString(APP.app().mailLeads().rejectedLog(), StandardCharsets.UTF_8))
                .contains("Precedence: bulk", "Precedence: list", "X-Autoreply: yes", "X-Autorespond: Thanks",
                        "MAILER-DAEMON@mx.example", "postmaster@mx.example", "Return-Path: <>");
    }

    /**
     * Finding 5: a mail whose envelope the IMAP client cannot load failed on every poll with stack traces and stayed
     * unread; with 50 of them first (the poll's fetch size), a valid mail behind them was never read.
     */
    @Test
    void mailThatKeepsFailingIsRejectedAfterItsAttemptsWithOneLinePerFailureAndDoesNotBlockTheMailBehindIt()
            throws Exception {
        long rejectedBefore = count("cashfin.mail.rejected-folder");
        int attempts = 3;
        int broken = 50;
        try (LogLines log = new LogLines(Level.WARN)) {
            for (int i = 0; i < broken; i++) {
                deliver(raw("From: <<>>@@ broken-" + i + "\r\nSubject: broken " + i + "\r\n\r\nHello\r\n"));
            }
            deliver(plain("Zawadi Mwangi <zawadi@valid.example>", "Quote for 40 desks", "Please call me."));

            await().atMost(WAIT).until(() -> APP.cashfin().leads().stream()
                    .anyMatch(l -> "zawadi@valid.example".equals(l.get("email"))));
            await().atMost(WAIT).until(() -> count("cashfin.mail.rejected-folder") == rejectedBefore + broken);
            await().atMost(WAIT).until(() -> count("cashfin.mail.folder") == 0);
            assertThat(Files.readString(APP.app().mailLeads().rejectedLog(), StandardCharsets.UTF_8))
                    .contains("@@ broken-0", "@@ broken-49", "failed " + attempts + " times",
                            "Failed to load IMAP envelope");

            List<String> lines = log.lines();
            assertThat(lines).noneMatch(l -> l.contains(" THROWN "));
            for (int i = 0; i < broken; i++) {
                String from = "@@ broken-" + i + " ";
                assertThat(lines).as("lines about the mail from" + from).filteredOn(l -> l.contains(from))
                        .hasSize(attempts);
            }
            assertThat(lines).noneMatch(l -> l.contains("rolling back"));
        }
    }

    /** Finding 6, by mail: the genuine mail after a forged one for the same address was dropped as "already existed". */
    @Test
    void aLaterMailForAnExistingLeadIsKeptNotDropped() throws Exception {
        deliver(plain("Forger <kofi@genuine.example>", "hello", "ignore me"));
        await().atMost(WAIT).until(() -> APP.cashfin().leads().stream()
                .anyMatch(l -> "kofi@genuine.example".equals(l.get("email"))));

        deliver(plain("Kofi Mensah <kofi@genuine.example>", "Quote for a solar install", "Roof of 120 m2, Accra."));

        Path duplicates = APP.work().resolve("duplicates.csv");
        await().atMost(WAIT).until(() -> Files.exists(duplicates)
                && Files.readString(duplicates, StandardCharsets.UTF_8).contains("Roof of 120 m2, Accra."));
        assertThat(Files.readString(duplicates, StandardCharsets.UTF_8))
                .contains("mailbox", "Kofi Mensah", "kofi@genuine.example", "Quote for a solar install");
        assertThat(APP.cashfin().leads()).filteredOn(l -> "kofi@genuine.example".equals(l.get("email"))).hasSize(1);
    }

    /**
     * Finding 8: the per-sender cap trusted the claimed sender (Reply-To preferred). Mail that merely claims a sender
     * (no Authentication-Results of our mail server, or a forged one) is counted apart from the sender's authenticated
     * mail, so forged mails do not lock the real sender out.
     */
    @Test
    void forgedMailsDoNotLockTheAuthenticatedSenderOut() throws Exception {
        for (int i = 0; i <= PER_SENDER; i++) {
            MimeMessage forged = plain("Nia Achieng <nia@real-sender.example>", "forged " + i, "spam " + i);
            if (i == PER_SENDER) {
                // a sender can write any header: an Authentication-Results of a server we do not trust is ignored
                forged.setHeader("Authentication-Results", "evil.example; dmarc=pass header.from=real-sender.example");
            }
            deliver(forged);
        }
        await().atMost(WAIT).until(() -> rejectedLines().stream().anyMatch(l -> l.contains("forged " + PER_SENDER)));

        MimeMessage genuine = plain("Nia Achieng <nia@real-sender.example>", "genuine enquiry", "Please call me.");
        genuine.setHeader("Authentication-Results", TRUSTED_MX + "; spf=pass smtp.mailfrom=nia@real-sender.example;"
                + " dkim=pass header.d=real-sender.example; dmarc=pass (p=reject) header.from=real-sender.example");
        deliver(genuine);

        await().atMost(WAIT).until(() -> APP.cashfin().leads().stream()
                .anyMatch(l -> "nia@real-sender.example".equals(l.get("email")))
                && count("cashfin.mail.folder") == 0);
        assertThat(rejectedLines()).filteredOn(l -> l.contains("real-sender.example")).singleElement()
                .satisfies(l -> assertThat(l).contains("forged " + PER_SENDER, "unverified:nia@real-sender.example"));
    }

    /** Finding 8: rotating Reply-To escaped the per-sender cap (Reply-To was the key). */
    @Test
    void rotatingReplyToDoesNotEscapeThePerSenderCap() throws Exception {
        for (int i = 0; i <= PER_SENDER; i++) {
            MimeMessage m = plain("Bot <bot@rotating-reply.example>", "rotating " + i, "buy");
            m.setReplyTo(new InternetAddress[] {new InternetAddress("reply" + i + "@rotating-reply.example")});
            deliver(m);
        }
        await().atMost(WAIT).until(() -> rejectedLines().stream().anyMatch(l -> l.contains("rotating " + PER_SENDER)));
        assertThat(rejectedLines()).filteredOn(l -> l.contains("rotating-reply.example")).singleElement()
                .satisfies(l -> assertThat(l).contains("rotating " + PER_SENDER));
    }

    private static List<String> rejectedLines() throws Exception {
        Path file = APP.app().mailLeads().rejectedLog();
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static MimeMessage raw(String text) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
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
        return MailDemo.folderCount(APP.app().settings(), key);
    }
}
