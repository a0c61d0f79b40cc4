package africa.cashfin.camel.examples.mail;

import java.nio.file.Path;
import java.time.Clock;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.DuplicateMessages;
import africa.cashfin.camel.examples.common.FailedAttempts;
import africa.cashfin.camel.examples.common.InboundCounts;
import africa.cashfin.camel.examples.common.Settings;

/**
 * Flow 3's wiring: reads the {@code cashfin.mail.*} settings and binds the bean {@code routes/mailbox.camel.yaml}
 * calls ({@code mailLeads}).
 */
public final class MailFlow {

    private static final Logger LOG = LoggerFactory.getLogger(MailFlow.class);

    private final MailLeads leads;

    private MailFlow(MailLeads leads) {
        this.leads = leads;
    }

    /**
     * Binds Flow 3's bean.
     *
     * @param context         where the bean is bound
     * @param settings        the flow's settings
     * @param workDir         the app's work directory (the flow keeps its files under {@code mail/})
     * @param clock           the limits' clock
     * @param duplicates      where later messages for existing leads are kept (shared with the web form)
     * @param embeddedMailbox the mailbox is the embedded GreenMail (no warning about unverified senders then)
     * @throws IllegalArgumentException when a setting is invalid (the message names it)
     */
    public static MailFlow bind(CamelContext context, Settings settings, Path workDir, Clock clock,
            DuplicateMessages duplicates, boolean embeddedMailbox) {
        MailLimits mailLimits = new MailLimits(settings.integer("cashfin.mail.limit.per-sender"),
                settings.duration("cashfin.mail.limit.per-sender-period"),
                settings.integer("cashfin.mail.limit.max-senders"), settings.number("cashfin.mail.max-size"),
                settings.number("cashfin.mail.max-attachment-size"), settings.integer("cashfin.mail.limit.per-day"),
                settings.text("cashfin.mail.trusted-authserv-ids"));
        int maxAttempts = settings.integer("cashfin.mail.max-attempts");
        MailLeads leads = new MailLeads(new MailToLead(), settings.text("cashfin.mail.imported-folder"),
                settings.text("cashfin.mail.rejected-folder"), workDir.resolve("mail"), clock, mailLimits,
                new FailedAttempts(maxAttempts, mailLimits.maxSenders()), duplicates, new InboundCounts(clock));
        LOG.info("Mailbox: at most {} mails per sender per {} and {} a day in all become leads (senders {}); mails over"
                 + " {} bytes or with a part over {} bytes are rejected unread; a mail failing {} times is rejected",
                mailLimits.perSender(), mailLimits.perSenderPeriod(), mailLimits.perDay(),
                mailLimits.trustedAuthservIds().isBlank() ? "by their From address, Authentication-Results not believed"
                        : "authenticated by the Authentication-Results of " + mailLimits.trustedAuthservIds().trim(),
                mailLimits.maxMailSize(), mailLimits.maxAttachmentSize(), maxAttempts);
        if (mailLimits.trustedAuthservIds().isBlank() && !embeddedMailbox) {
            LOG.warn("Mailbox: cashfin.mail.trusted-authserv-ids (CASHFIN_MAIL_TRUSTED_AUTHSERV_IDS) is not set, so no"
                     + " Authentication-Results header is believed and every sender is capped by its From address as"
                     + " unverified: forged mail can spend a real sender's cap. Set it to the authserv-id your mail"
                     + " server writes into Authentication-Results (its first word, e.g. mx.example.com).");
        }
        context.getRegistry().bind("mailLeads", leads);
        return new MailFlow(leads);
    }

    /** The route's bean (rejected mail log etc.). */
    public MailLeads leads() {
        return leads;
    }
}
