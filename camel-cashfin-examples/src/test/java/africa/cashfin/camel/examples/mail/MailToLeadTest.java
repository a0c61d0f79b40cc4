package africa.cashfin.camel.examples.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.examples.common.MappedLead;

class MailToLeadTest {

    private final Session session = Session.getInstance(new Properties());
    private final MailToLead mail = new MailToLead();

    private MimeMessage message(String from, String subject) throws Exception {
        MimeMessage m = new MimeMessage(session);
        if (from != null) {
            m.setFrom(new InternetAddress(from));
        }
        m.setRecipients(Message.RecipientType.TO, "sales@cashfin.example");
        if (subject != null) {
            m.setSubject(subject, "UTF-8");
        }
        return m;
    }

    @Test
    void plainTextMailBecomesALead() throws Exception {
        MimeMessage m = message("Amina Otieno <amina@savannah.example>", "Quote for 20 solar kits");
        m.setText("Hello,\n\nWe need 20 kits for Kisumu.\n\nAmina\n", "UTF-8");
        m.saveChanges();
        MappedLead r = mail.fromMessage(m);
        assertThat(r.isValid()).isTrue();
        assertThat(r.problems()).isEmpty();
        assertThat(r.lead().getName()).isEqualTo("Amina Otieno");
        assertThat(r.lead().getEmail()).isEqualTo("amina@savannah.example");
        assertThat(r.lead().getSource()).isEqualTo("email");
        assertThat(r.lead().getRequest())
                .isEqualTo("Quote for 20 solar kits\n\nHello,\n\nWe need 20 kits for Kisumu.\n\nAmina");
    }

    @Test
    void multipartAlternativePrefersPlainText() throws Exception {
        MimeMessage m = message("Kwame <kwame@example.gh>", "Hi");
        MimeMultipart alt = new MimeMultipart("alternative");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>HTML version</p>", "text/html; charset=UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Plain version", "UTF-8");
        alt.addBodyPart(html);
        alt.addBodyPart(text);
        m.setContent(alt);
        m.saveChanges();
        assertThat(mail.fromMessage(m).lead().getRequest()).isEqualTo("Hi\n\nPlain version");
    }

    @Test
    void htmlOnlyMailIsConvertedToText() throws Exception {
        MimeMessage m = message("Zanele Dlamini <zanele@example.co.za>", "Enquiry");
        m.setContent("<html><head><style>p{color:red}</style></head><body><p>Dear team,</p>"
                + "<p>Please call me &amp; send <b>prices</b>.<br>Thanks</p><script>alert(1)</script></body></html>",
                "text/html; charset=UTF-8");
        m.saveChanges();
        MappedLead r = mail.fromMessage(m);
        assertThat(r.lead().getRequest()).isEqualTo("Enquiry\n\nDear team,\nPlease call me & send prices.\nThanks");
    }

    @Test
    void attachmentsAreSkippedInMixedMail() throws Exception {
        MimeMessage m = message("Chidi <chidi@example.ng>", "With file");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setText("attached text that is not the message", "UTF-8");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        attachment.setFileName("notes.txt");
        MimeBodyPart body = new MimeBodyPart();
        body.setText("See the attachment.", "UTF-8");
        mixed.addBodyPart(attachment);
        mixed.addBodyPart(body);
        m.setContent(mixed);
        m.saveChanges();
        assertThat(mail.fromMessage(m).lead().getRequest()).isEqualTo("With file\n\nSee the attachment.");
    }

    @Test
    void encodedNonLatinNamesAndSubjectsAreDecoded() throws Exception {
        MimeMessage m = message(null, "ጥያቄ: የዋጋ ዝርዝር");
        m.setFrom(new InternetAddress("abebe@example.et", "አበበ ቢቂላ", "UTF-8"));
        m.setText("ሰላም", "UTF-8");
        m.saveChanges();
        MimeMessage reread = new MimeMessage(session, roundTrip(m));
        MappedLead r = mail.fromMessage(reread);
        assertThat(r.lead().getName()).isEqualTo("አበበ ቢቂላ");
        assertThat(r.lead().getRequest()).isEqualTo("ጥያቄ: የዋጋ ዝርዝር\n\nሰላም");
    }

    @Test
    void replyToWinsOverFrom() throws Exception {
        MimeMessage m = message("Website <noreply@cashfin.example>", "Form");
        m.setReplyTo(new InternetAddress[] { new InternetAddress("Fatima Zahra <fatima@example.ma>") });
        m.setText("x");
        m.saveChanges();
        MappedLead r = mail.fromMessage(m);
        assertThat(r.lead().getEmail()).isEqualTo("fatima@example.ma");
        assertThat(r.lead().getName()).isEqualTo("Fatima Zahra");
    }

    @Test
    void missingSenderNameIsMadeFromTheAddressWithAWarning() throws Exception {
        MimeMessage m = message("amina.otieno@example.com", "Hi");
        m.setText("x");
        m.saveChanges();
        MappedLead r = mail.fromMessage(m);
        assertThat(r.isValid()).isTrue();
        assertThat(r.lead().getName()).isEqualTo("Amina Otieno");
        assertThat(r.warningText()).contains("'Amina Otieno'");
    }

    @Test
    void noSenderAddressIsAnError() throws Exception {
        MimeMessage m = message(null, "Who am I");
        m.setText("x");
        m.saveChanges();
        MappedLead r = mail.fromMessage(m);
        assertThat(r.isValid()).isFalse();
        assertThat(r.errorText()).contains("no readable sender address").contains("From: missing");
    }

    @Test
    void unparseableSenderIsAnError() {
        MappedLead r = mail.from(null, "not an address", "Hi", "x");
        assertThat(r.isValid()).isFalse();
        assertThat(r.errorText()).contains("'not an address'");
    }

    @Test
    void automaticRepliesAreNotLeads() throws Exception {
        MimeMessage m = message("Amina <amina@example.com>", "Out of office");
        m.setHeader("Auto-Submitted", "auto-replied");
        m.setText("I am away");
        m.saveChanges();
        MappedLead r = mail.fromMessage(m);
        assertThat(r.isValid()).isFalse();
        assertThat(r.errorText()).contains("automatic mail").contains("auto-replied");

        m.setHeader("Auto-Submitted", "no");
        m.saveChanges();
        assertThat(mail.fromMessage(m).isValid()).isTrue();
    }

    @Test
    void longTextIsCutWithAWarning() {
        MailToLead small = new MailToLead(100);
        MappedLead r = small.from(null, "A <a@example.com>", "S", "x".repeat(500));
        assertThat(r.lead().getRequest()).hasSize(100).endsWith("…");
        assertThat(r.warningText()).contains("cut to 100 of 503");
    }

    @Test
    void emptyMailIsStillALeadWithAWarning() {
        MappedLead r = mail.from(null, "A <a@example.com>", "  ", null);
        assertThat(r.isValid()).isTrue();
        assertThat(r.lead().getRequest()).isNull();
        assertThat(r.warningText()).contains("no subject and no text");
    }

    @Test
    void unreadableMailIsReportedNotThrown() throws Exception {
        MimeMessage broken = new MimeMessage(session) {
            @Override
            public String[] getHeader(String name) throws MessagingException {
                throw new MessagingException("folder closed");
            }
        };
        MappedLead r = mail.fromMessage(broken);
        assertThat(r.isValid()).isFalse();
        assertThat(r.errorText()).contains("cannot be read").contains("folder closed");
    }

    private static InputStream roundTrip(MimeMessage m) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        String raw = out.toString(StandardCharsets.US_ASCII);
        assertThat(raw).as("headers are RFC 2047 encoded on the wire").contains("=?UTF-8?");
        return new ByteArrayInputStream(out.toByteArray());
    }
}
