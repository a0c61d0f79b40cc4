package africa.cashfin.camel.examples.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeUtility;

import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.CashfinFailures;
import africa.cashfin.camel.examples.common.DailyCap;
import africa.cashfin.camel.examples.common.DuplicateMessages;
import africa.cashfin.camel.examples.common.FailedAttempts;
import africa.cashfin.camel.examples.common.InboundCounts;
import africa.cashfin.camel.examples.common.InboundCounts.Outcome;
import africa.cashfin.camel.examples.common.LogSafe;
import africa.cashfin.camel.examples.common.LeadProblem;
import africa.cashfin.camel.examples.common.MappedLead;
import africa.cashfin.camel.examples.common.PerKeyLimit;
import africa.cashfin.camel.examples.common.SpreadsheetSafeCsv;

/**
 * The Camel side of Flow 3 (mailbox): the steps of {@code routes/mailbox.camel.yaml} call these methods around
 * {@link MailToLead}.
 * <p>
 * Every mail ends in one of two IMAP folders, so none is imported twice and none is lost: the <em>imported</em>
 * folder after its lead was created, the <em>rejected</em> folder when it cannot become a lead (no sender, automatic
 * reply, unreadable) or Cashfin refused the lead for good (validation, 4xx other than 429). The reason of each
 * rejection is logged and appended to {@code rejected-mail.csv}. When Cashfin is unavailable (429, 5xx, network) the
 * exception is thrown again: the mail stays unread in the inbox and is tried at the next poll.
 * <p>
 * Limits ({@link MailLimits}): a mail over the size limits is rejected before its content is read (one log line); a
 * sender over its cap has its further mails rejected without a lead (one log line when that starts, every mail
 * listed in {@code rejected-mail.csv}).
 * <p>
 * The folder is chosen by setting camel-mail's {@code moveTo} header on every mail, which also replaces any
 * {@code moveTo}, {@code copyTo} or {@code delete} header a sender may have put into the mail itself.
 * <p>
 * A mail whose handling fails (its headers cannot be loaded, anything unexpected) stays unread for the next poll with
 * one log line per failure; after {@code maxAttempts} failed attempts ({@link FailedAttempts}) it is moved to the
 * rejected folder with the last reason, so it cannot hold up the mail behind it. Waiting for Cashfin (429, 5xx,
 * network) is not the mail's failure and is not counted.
 */
public final class MailLeads {

    /** Header: {@code create} when the body is a lead to create, {@code rejected} otherwise. */
    public static final String OUTCOME = "CashfinMailOutcome";
    /** Failed attempts after which a mail is moved to the rejected folder, by default. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Name of the file with one line per rejected mail, in the mail work directory. */
    public static final String REJECTED_FILE = "rejected-mail.csv";

    /** Exchange property: the failure was Cashfin's availability (429, 5xx, network), not the mail's. */
    private static final String WAITS_FOR_CASHFIN = "CashfinMailWaitsForCashfin";

    private static final Logger LOG = LoggerFactory.getLogger(MailLeads.class);

    private final MailToLead mapper;
    private final String importedFolder;
    private final String rejectedFolder;
    private final Path rejectedLog;
    private final Clock clock;
    private final MailLimits limits;
    private final PerKeyLimit senders;
    private final FailedAttempts attempts;
    private final MailSender senderIdentity;
    private final DailyCap daily;
    private final DuplicateMessages duplicates;
    private final InboundCounts counts;

    /** Like the full constructor, with {@link MailLimits#defaults()}. */
    public MailLeads(MailToLead mapper, String importedFolder, String rejectedFolder, Path workDirectory, Clock clock) {
        this(mapper, importedFolder, rejectedFolder, workDirectory, clock, MailLimits.defaults());
    }

    /**
     * @param mapper         mail to lead
     * @param importedFolder IMAP folder for imported mail
     * @param rejectedFolder IMAP folder for mail that cannot become a lead
     * @param workDirectory  where {@value #REJECTED_FILE} is written
     * @param clock          for the time stamps of that file
     * @param limits         the per-sender cap and the size limits
     */
    public MailLeads(MailToLead mapper, String importedFolder, String rejectedFolder, Path workDirectory, Clock clock,
            MailLimits limits) {
        this(mapper, importedFolder, rejectedFolder, workDirectory, clock, limits,
                new FailedAttempts(DEFAULT_MAX_ATTEMPTS, limits.maxSenders()),
                new DuplicateMessages(workDirectory.resolve("duplicates.csv"), clock), new InboundCounts(clock));
    }

    /**
     * Like the constructor above.
     *
     * @param attempts   the failed attempts per mail, and how many are allowed before the mail is rejected
     * @param duplicates where a mail for a lead Cashfin already has is kept
     * @param counts     where the mails that became leads and those refused by a limit (per sender, daily cap, size)
     *                   are counted for the operations page
     */
    public MailLeads(MailToLead mapper, String importedFolder, String rejectedFolder, Path workDirectory, Clock clock,
            MailLimits limits, FailedAttempts attempts, DuplicateMessages duplicates, InboundCounts counts) {
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.duplicates = Objects.requireNonNull(duplicates, "duplicates");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.senders = limits.senderLimit();
        this.senderIdentity = new MailSender(limits.trustedAuthservIds());
        this.daily = new DailyCap(limits.perDay());
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.importedFolder = Objects.requireNonNull(importedFolder, "importedFolder");
        this.rejectedFolder = Objects.requireNonNull(rejectedFolder, "rejectedFolder");
        this.rejectedLog = workDirectory.resolve(REJECTED_FILE);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the mailbox turned into leads and refused by a limit today, by reason (the operations page shows it). */
    public InboundCounts counts() {
        return counts;
    }

    /** The file listing rejected mail. */
    public Path rejectedLog() {
        return rejectedLog;
    }

    /** Turns the mail into a lead body (header {@value #OUTCOME}={@code create}) or rejects it. */
    public void toLead(Exchange exchange) {
        try {
            exchange.getMessage().getHeaders();
        } catch (RuntimeException e) {
            // camel-mail maps the mail's headers on first use; when they cannot be loaded (a malformed envelope) the
            // message is replaced so the folder headers can still be set, and the failure counts as an attempt
            Message mail = original(exchange);
            DefaultMessage plain = new DefaultMessage(exchange);
            plain.setBody(mail);
            exchange.setIn(plain);
            throw new IllegalStateException("its headers cannot be loaded (" + oneLine(e) + ")", e);
        }
        exchange.getMessage().removeHeaders("copyTo");
        exchange.getMessage().removeHeader(MailConstants.MAIL_DELETE);
        Message mail = original(exchange);
        String tooLarge = sizeProblem(mail);
        if (tooLarge != null) {
            counts.count(Outcome.SIZE);
            reject(exchange, mail, tooLarge, true);
            return;
        }
        MappedLead mapped = mail == null
                ? new MappedLead(new africa.cashfin.camel.leads.model.Lead().setSource(MailToLead.SOURCE),
                        List.of(LeadProblem.error("mail", "the exchange carries no mail message")))
                : mapper.fromMessage(mail);
        if (mapped.isValid()) {
            String sender = senderKey(mail);
            PerKeyLimit.Decision perSender = senders.tryConsume(sender);
            if (!perSender.allowed()) {
                if (perSender.firstRefusal()) {
                    LOG.warn("Mail from {}: more than {} mails in {}; its further mails are moved to {} without a lead"
                             + " until it slows down (cashfin.mail.limit.per-sender; listed in {})", sender,
                            limits.perSender(), limits.perSenderPeriod(), rejectedFolder, rejectedLog);
                }
                counts.count(Outcome.PER_CLIENT);
                reject(exchange, mail, "sender " + sender + " sent more than " + limits.perSender() + " mails in "
                        + limits.perSenderPeriod() + " (cashfin.mail.limit.per-sender)", false);
                return;
            }
            PerKeyLimit.Decision today = daily.tryConsume();
            if (!today.allowed()) {
                if (today.firstRefusal()) {
                    LOG.warn("Mailbox: {} mails became leads today, the mailbox's daily cap (cashfin.mail.limit.per-day);"
                             + " further mails are moved to {} without a lead until midnight UTC (listed in {})",
                            daily.perDay(), rejectedFolder, rejectedLog);
                }
                counts.count(Outcome.DAILY_CAP);
                reject(exchange, mail, "the mailbox's daily cap of " + daily.perDay() + " mails was reached"
                        + " (cashfin.mail.limit.per-day); move the mail back to the inbox tomorrow", false);
                return;
            }
            if (!mapped.warnings().isEmpty()) {
                LOG.info("Mail '{}': imported with warnings: {}", subject(mail), mapped.warningText());
            }
            exchange.getMessage().setHeader(OUTCOME, "create");
            exchange.getMessage().setHeader(MailConstants.MAIL_MOVE_TO, importedFolder);
            exchange.getMessage().setBody(mapped.lead());
            exchange.setProperty(DuplicateMessages.SUBMITTED, mapped.lead());
        } else {
            reject(exchange, mail, mapped.errorText(), true);
        }
    }

    /**
     * Logs the created lead; a mail for a lead Cashfin already had ({@code deduplicateBy}) is kept in
     * {@link DuplicateMessages} (its message is not dropped). Either way the mail moves to the imported folder.
     */
    public void created(Exchange exchange) {
        boolean found = Boolean.FALSE.equals(exchange.getMessage().getHeader("CamelCashfinLeadCreated",
                Boolean.class));
        Message mail = original(exchange);
        Object leadId = exchange.getMessage().getHeader("CamelCashfinLeadId");
        counts.count(Outcome.ACCEPTED);
        if (found) {
            duplicates.keep("mailbox", leadId, "mail '" + subject(mail) + "' " + header(mail, "Message-ID"),
                    exchange.getProperty(DuplicateMessages.SUBMITTED));
        } else {
            LOG.info("Mail '{}': lead {} created, mail moved to {}", subject(mail), leadId, importedFolder);
        }
    }

    /**
     * Cashfin did not take the lead: a permanent refusal rejects the mail; anything that may succeed later (429, 5xx,
     * network) is thrown again so the mail stays in the inbox, unread, for the next poll.
     */
    public void refused(Exchange exchange) throws Exception {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // the mail did not become a lead after all: its slot of the daily cap is given back
        daily.refund();
        if (e == null || CashfinFailures.mayWorkLater(e)) {
            exchange.setProperty(WAITS_FOR_CASHFIN, true);
            throw e == null ? new IllegalStateException("Cashfin create failed without an exception") : e;
        }
        reject(exchange, original(exchange), "Cashfin refused the lead: " + e.getMessage(), true);
    }

    /**
     * The handling of the mail failed (the route's {@code doCatch}): one line says why and {@link LeftUnread} is thrown,
     * so camel-mail rolls the mail back (it stays unread in the inbox for the next poll); after
     * {@link FailedAttempts#maxAttempts()} failed attempts the mail is moved to the rejected folder with the reason
     * instead. Waiting for Cashfin (429, 5xx, network) is not counted: the mail waits in the inbox until Cashfin takes
     * it (the component logs the outage).
     */
    public void failed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Message mail = original(exchange);
        String reason = e == null ? "unknown failure" : oneLine(e);
        if (Boolean.TRUE.equals(exchange.getProperty(WAITS_FOR_CASHFIN, Boolean.class))) {
            LOG.debug("Mail '{}' waits in the inbox until Cashfin takes its lead: {}", subject(mail), reason);
            throw new LeftUnread(reason);
        }
        String key = attemptKey(exchange, mail);
        int n = attempts.failed(key);
        if (n >= attempts.maxAttempts()) {
            reject(exchange, mail, "its handling failed " + n + " times (cashfin.mail.max-attempts), last: " + reason,
                    true);
            return;
        }
        LOG.warn("Mail '{}' from {} failed (attempt {} of {}), left unread for the next poll: {}", subject(mail),
                header(mail, "From"), n, attempts.maxAttempts(), reason);
        throw new LeftUnread(reason);
    }

    /**
     * Thrown by {@link #failed(Exchange)} so camel-mail leaves the mail unread; already logged, so it carries no stack
     * trace and the route's error handler does not log it again.
     */
    public static final class LeftUnread extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeftUnread(String reason) {
            super("left unread for the next poll: " + reason, null, false, false);
        }
    }

    /** Whom the per-sender cap counts the mail against ({@link MailSender}): never Reply-To. */
    private String senderKey(Message mail) {
        String[] results;
        String from;
        try {
            results = mail == null ? null : mail.getHeader("Authentication-Results");
            String[] f = mail == null ? null : mail.getHeader("From");
            from = f == null || f.length == 0 ? null : MimeUtility.unfold(f[0]);
        } catch (MessagingException | RuntimeException e) {
            results = null;
            from = null;
        }
        return senderIdentity.key(from, results);
    }

    /** The mail's IMAP UID (which a sender cannot choose), else camel-mail's key for it. */
    private static String attemptKey(Exchange exchange, Message mail) {
        try {
            if (mail != null && mail.getFolder() instanceof UIDFolder folder) {
                return "uid:" + folder.getUID(mail);
            }
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("No IMAP UID for the mail: {}", e.getMessage());
        }
        return "key:" + exchange.getProperty("CamelMailMessageId", String.class);
    }

    /** The failure's message on one line (a message from a mail's content cannot start a log line of its own). */
    private static String oneLine(Throwable e) {
        return LogSafe.oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** Why the mail is too large to read, or null; a mail whose structure cannot be read is left to the mapper. */
    private String sizeProblem(Message mail) {
        if (mail == null) {
            return null;
        }
        try {
            return limits.sizeProblem(mail);
        } catch (MessagingException | IOException | RuntimeException e) {
            return null;
        }
    }

    private void reject(Exchange exchange, Message mail, String reason, boolean log) {
        exchange.getMessage().setHeader(OUTCOME, "rejected");
        exchange.getMessage().setHeader(MailConstants.MAIL_MOVE_TO, rejectedFolder);
        String from = header(mail, "From");
        String messageId = header(mail, "Message-ID");
        if (log) {
            LOG.warn("Mail '{}' from {} not imported, moved to {}: {}", subject(mail), from, rejectedFolder, reason);
        }
        String line = SpreadsheetSafeCsv.row(List.of(Instant.now(clock).toString(), messageId, from, subject(mail),
                rejectedFolder, reason), ',');
        try {
            Files.createDirectories(rejectedLog.getParent());
            boolean fresh = !Files.exists(rejectedLog);
            String head = fresh ? SpreadsheetSafeCsv.row(List.of("received", "message_id", "from", "subject",
                    "moved_to", "reason"), ',') : "";
            Files.writeString(rejectedLog, head + line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException io) {
            throw new UncheckedIOException("Cannot record the rejected mail in " + rejectedLog, io);
        }
    }

    private static Message original(Exchange exchange) {
        MailMessage mm = exchange.getIn(MailMessage.class);
        if (mm != null && mm.getOriginalMessage() != null) {
            return mm.getOriginalMessage();
        }
        return exchange.getMessage().getBody(Message.class);
    }

    private static String subject(Message mail) {
        try {
            // one line: a subject (RFC 2047 can encode line breaks) cannot forge a log line or a row of the rejected list
            return mail == null || mail.getSubject() == null ? "(no subject)" : LogSafe.oneLine(mail.getSubject());
        } catch (MessagingException | RuntimeException e) {
            return "(unreadable subject)";
        }
    }

    private static String header(Message mail, String name) {
        try {
            String[] v = mail == null ? null : mail.getHeader(name);
            return v == null || v.length == 0 ? "" : LogSafe.oneLine(String.join(", ", v));
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }
}
