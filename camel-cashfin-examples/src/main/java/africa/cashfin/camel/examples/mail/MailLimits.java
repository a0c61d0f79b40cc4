package africa.cashfin.camel.examples.mail;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import africa.cashfin.camel.examples.common.PerKeyLimit;

/**
 * The mailbox's limits against floods and oversized mail:
 * <ul>
 * <li><b>per sender</b>: at most {@code perSender} mails per {@code perSenderPeriod} from one sender become leads (a
 * Bucket4j bucket per sender, {@link PerKeyLimit}); further mails from that sender are rejected. The sender is the
 * authenticated one where a trusted {@code Authentication-Results} header allows, else the From address, never
 * Reply-To ({@link MailSender}).</li>
 * <li><b>per day</b>: at most {@code perDay} mails become leads per UTC day for the whole mailbox
 * ({@link africa.cashfin.camel.examples.common.DailyCap}), whatever the number of senders.</li>
 * <li><b>size</b>: a mail larger than {@code maxMailSize} bytes, or with a part (an attachment) larger than
 * {@code maxAttachmentSize} bytes, is rejected before its content is read. Sizes come from the IMAP server's
 * {@code RFC822.SIZE} and {@code BODYSTRUCTURE}, so nothing is downloaded to find them.</li>
 * </ul>
 * Thread-safe.
 *
 * @param perSender          mails per sender per period
 * @param perSenderPeriod    the period
 * @param maxSenders         senders tracked at once
 * @param maxMailSize        largest mail in bytes
 * @param maxAttachmentSize  largest single part in bytes
 * @param perDay             mails the whole mailbox turns into leads per UTC day
 * @param trustedAuthservIds authserv-ids of the receiving mail servers whose {@code Authentication-Results} are
 *                           believed ({@link MailSender}), comma-separated; blank for none
 */
public record MailLimits(int perSender, Duration perSenderPeriod, int maxSenders, long maxMailSize,
        long maxAttachmentSize, int perDay, String trustedAuthservIds) {

    /**
     * Defaults: 10 mails per sender per day, 10,000 senders tracked, mails up to 10 MB, parts up to 5 MB, 200 mails a
     * day in all, no Authentication-Results believed.
     */
    public static MailLimits defaults() {
        return new MailLimits(10, Duration.ofDays(1), 10_000, 10L << 20, 5L << 20, 200, "");
    }

    /** A MIME tree deeper than this is not walked further (a crafted mail cannot make the check recurse forever). */
    private static final int MAX_DEPTH = 20;

    public MailLimits {
        if (maxMailSize < 1 || maxAttachmentSize < 1) {
            throw new IllegalArgumentException("Mail size limits must be at least 1 byte");
        }
        if (perDay < 1) {
            throw new IllegalArgumentException("The mailbox's daily cap must be at least 1, not " + perDay);
        }
    }

    /** A fresh per-sender counter for these limits. */
    public PerKeyLimit senderLimit() {
        return new PerKeyLimit(perSender, perSenderPeriod, maxSenders);
    }

    /** Why the mail is too large, or null when it is within the limits. */
    public String sizeProblem(Message mail) throws MessagingException, IOException {
        int size = mail.getSize();
        if (size > maxMailSize) {
            return "the mail is " + megabytes(size) + ", over the limit of " + megabytes(maxMailSize)
                   + " (cashfin.mail.max-size); not read";
        }
        return partProblem(mail, 0);
    }

    private String partProblem(Part part, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return "the mail's MIME structure is nested deeper than " + MAX_DEPTH + " levels; not read";
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    String problem = partProblem(mp.getBodyPart(i), depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            return null;
        }
        int size = part.getSize();
        if (depth > 0 && size > maxAttachmentSize) {
            String name = part.getFileName();
            return (name == null ? "a " + part.getContentType().split(";")[0].trim() + " part" : "attachment '" + name
                    + "'") + " is " + megabytes(size) + ", over the limit of " + megabytes(maxAttachmentSize)
                   + " (cashfin.mail.max-attachment-size); not read";
        }
        return null;
    }

    /** "150 KB", "12.5 MB". */
    static String megabytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return ((bytes + 1023) / 1024) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
