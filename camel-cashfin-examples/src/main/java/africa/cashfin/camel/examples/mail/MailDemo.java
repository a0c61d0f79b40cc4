package africa.cashfin.camel.examples.mail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.commons.csv.CSVRecord;

import africa.cashfin.camel.examples.common.DemoStep;
import africa.cashfin.camel.examples.common.Settings;

/**
 * Flow 3 in the demo: sends {@code samples/enquiry.eml} and an out-of-office reply to the embedded mailbox over SMTP;
 * finished when the inbox is empty, a mail was imported and the rejected-mail log exists. A real mailbox is left
 * alone: the demo sends no mail to it.
 */
public final class MailDemo implements DemoStep {

    private final Settings settings;
    private final MailLeads leads;
    private final int smtpPort;

    /**
     * @param settings the app's settings (the mailbox's address, user and folders)
     * @param leads    the flow's bean (the rejected-mail log)
     * @param smtpPort the embedded mail server's SMTP port, or 0 for a real mailbox
     */
    public MailDemo(Settings settings, MailLeads leads, int smtpPort) {
        this.settings = settings;
        this.leads = leads;
        this.smtpPort = smtpPort;
    }

    @Override
    public String name() {
        return "mailbox";
    }

    @Override
    public void use() throws Exception {
        if (smtpPort > 0) {
            send(DemoStep.resource("samples/enquiry.eml"));
            send(outOfOffice(settings.text("cashfin.mail.username")));
        }
    }

    @Override
    public boolean finished() {
        return smtpPort <= 0 || folderCount(settings, "cashfin.mail.folder") == 0
                                && folderCount(settings, "cashfin.mail.imported-folder") > 0
                                && Files.exists(leads.rejectedLog());
    }

    @Override
    public void summarise(StringBuilder s) throws Exception {
        s.append("\nFlow 3, mailbox (").append(settings.text("cashfin.mail.username")).append("):\n");
        if (smtpPort <= 0) {
            s.append("  a real mailbox is configured: the demo sends no mail to it\n");
            return;
        }
        s.append("  imported: ").append(folderCount(settings, "cashfin.mail.imported-folder"))
                .append(" mail, moved to ").append(settings.text("cashfin.mail.imported-folder")).append('\n');
        s.append("  rejected: ").append(folderCount(settings, "cashfin.mail.rejected-folder"))
                .append(" mail, moved to ").append(settings.text("cashfin.mail.rejected-folder")).append('\n');
        if (Files.exists(leads.rejectedLog())) {
            for (CSVRecord r : DemoStep.readCsv(leads.rejectedLog())) {
                s.append("  rejected '").append(r.get("subject")).append("': ").append(r.get("reason")).append('\n');
            }
        }
    }

    /**
     * Messages in the mail folder named by setting {@code folderKey} of the mailbox on 127.0.0.1 (the embedded mail
     * server); 0 when the folder does not exist yet, -1 when the mailbox cannot be read.
     */
    public static int folderCount(Settings settings, String folderKey) {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", Integer.parseInt(settings.text("cashfin.mail.port")),
                    settings.text("cashfin.mail.username"), settings.text("cashfin.mail.password"));
            Folder folder = store.getFolder(settings.text(folderKey));
            if (!folder.exists()) {
                return 0;
            }
            folder.open(Folder.READ_ONLY);
            try {
                return folder.getMessageCount();
            } finally {
                folder.close(false);
            }
        } catch (Exception e) {
            return -1;
        }
    }

    private void send(InputStream eml) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        Session session = Session.getInstance(props);
        try (InputStream in = eml) {
            MimeMessage message = new MimeMessage(session, in);
            Transport.send(message, new Address[] {new InternetAddress(settings.text("cashfin.mail.username"))});
        }
    }

    private static InputStream outOfOffice(String to) {
        String eml = "From: Joseph Kamau <joseph.kamau@example.co.ke>\r\n" + "To: " + to + "\r\n"
                     + "Subject: Out of office: back on Monday\r\n" + "Auto-Submitted: auto-replied\r\n"
                     + "Message-ID: <ooo-0001@example.co.ke>\r\n" + "Content-Type: text/plain; charset=UTF-8\r\n"
                     + "\r\n" + "I am out of the office until Monday and will answer your mail then.\r\n";
        return new ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8));
    }
}
