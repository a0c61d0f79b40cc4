package africa.cashfin.camel.examples.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import africa.cashfin.camel.examples.common.LeadChecks;
import africa.cashfin.camel.examples.common.LeadProblem;
import africa.cashfin.camel.examples.common.MappedLead;
import africa.cashfin.camel.leads.model.Lead;

/**
 * Turns an enquiry e-mail into a lead with {@code source=email}.
 * <ul>
 * <li>Sender: the {@code Reply-To} address when there is one (contact-form notifications are sent from a no-reply
 * address with the visitor in Reply-To), else {@code From}. Its display name is the lead's name; without one the name
 * is made from the address ({@code amina.otieno@...} gives {@code Amina Otieno}) and a warning says so.</li>
 * <li>Text: the {@code text/plain} part, preferred in {@code multipart/alternative}; else the HTML part converted with
 * {@link HtmlToText}; attachments are skipped. {@code request} is the subject, a blank line and the text, trimmed and
 * cut to {@code maxRequestLength} characters (a warning says when).</li>
 * <li>Errors (the mail is not a lead; the route moves it aside with the reason): no parseable sender address, and
 * automatic mail ({@link AutomaticMail}: out-of-office replies, auto-responders, bounces, bulk and list mail).</li>
 * </ul>
 * Never throws for bad mail: unreadable content is reported as an error. Thread-safe.
 */
public final class MailToLead {

    /** The lead source of mail leads. */
    public static final String SOURCE = "email";
    /** Default bound on {@code request}, in characters. */
    public static final int DEFAULT_MAX_REQUEST_LENGTH = 4000;

    private final int maxRequestLength;

    /** With {@link #DEFAULT_MAX_REQUEST_LENGTH}. */
    public MailToLead() {
        this(DEFAULT_MAX_REQUEST_LENGTH);
    }

    /** @param maxRequestLength bound on {@code request} in characters, at least 100 */
    public MailToLead(int maxRequestLength) {
        if (maxRequestLength < 100) {
            throw new IllegalArgumentException("maxRequestLength must be at least 100, was " + maxRequestLength);
        }
        this.maxRequestLength = maxRequestLength;
    }

    /** The lead in {@code message} and the problems found; never throws for bad mail. */
    public MappedLead fromMessage(Message message) {
        try {
            String automatic = AutomaticMail.reason(message);
            if (automatic != null) {
                return new MappedLead(new Lead().setSource(SOURCE), List.of(LeadProblem.error("mail",
                        "automatic mail (" + automatic + "), such as an out-of-office reply or a bounce; not a lead")));
            }
            return from(header(message, "Reply-To"), header(message, "From"), message.getSubject(),
                    bodyText(message));
        } catch (MessagingException | IOException | RuntimeException e) {
            return new MappedLead(new Lead().setSource(SOURCE), List.of(LeadProblem.error("mail",
                    "the mail cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")")));
        }
    }

    private static String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : MimeUtility.unfold(String.join(", ", values));
    }

    /**
     * The lead from plain inputs.
     *
     * @param replyTo the Reply-To header ({@code "Name <address>"}), may be null
     * @param from    the From header, may be null
     * @param subject the subject, may be null
     * @param text    the body as plain text, may be null
     */
    public MappedLead from(String replyTo, String from, String subject, String text) {
        List<LeadProblem> problems = new ArrayList<>();
        Lead lead = new Lead().setSource(SOURCE);
        InternetAddress sender = firstAddress(replyTo);
        if (sender == null) {
            sender = firstAddress(from);
        }
        if (sender == null) {
            problems.add(LeadProblem.error("email", "the mail has no readable sender address (From: "
                    + (from == null ? "missing" : "'" + from + "'") + ", Reply-To: "
                    + (replyTo == null ? "missing" : "'" + replyTo + "'") + "); a lead needs someone to answer"));
        } else {
            lead.setEmail(sender.getAddress());
            String name = LeadChecks.clean(sender.getPersonal());
            if (name == null) {
                name = nameFromAddress(sender.getAddress());
                problems.add(LeadProblem.warning("name", "the sender gave no name; '" + name
                        + "' was made from the address"));
            }
            lead.setName(name);
        }
        String s = LeadChecks.clean(subject);
        String t = text == null ? null : LeadChecks.clean(HtmlToText.tidy(text));
        String request = s == null ? t : t == null ? s : s + "\n\n" + t;
        if (request == null) {
            problems.add(LeadProblem.warning("request", "the mail has no subject and no text"));
        } else if (request.length() > maxRequestLength) {
            problems.add(LeadProblem.warning("request", "the text was cut to " + maxRequestLength + " of "
                    + request.length() + " characters"));
            request = request.substring(0, maxRequestLength - 1) + "…";
        }
        lead.setRequest(request);
        return new MappedLead(lead, problems);
    }

    private static InternetAddress firstAddress(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
            for (InternetAddress a : parsed) {
                if (a.getAddress() != null && LeadChecks.isEmail(a.getAddress())) {
                    return a;
                }
            }
            return null;
        } catch (AddressException e) {
            return null;
        }
    }

    /** {@code amina.otieno@example.com} gives {@code Amina Otieno}. */
    static String nameFromAddress(String address) {
        String local = address.substring(0, address.indexOf('@')).replaceAll("[0-9]+", "");
        String name = Arrays.stream(local.split("[._+\\-]+")).filter(w -> !w.isEmpty())
                .map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1))
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? address : name;
    }

    /**
     * The text of a mail part: {@code text/plain} as is, {@code text/html} converted, {@code multipart/alternative}
     * preferring plain text, other multiparts the first text part that is not an attachment; {@code ""} when none.
     */
    public static String bodyText(Part part) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return "";
        }
        if (part.isMimeType("text/plain")) {
            return content(part);
        }
        if (part.isMimeType("text/html")) {
            return HtmlToText.convert(content(part));
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart mp) {
            if (part.isMimeType("multipart/alternative")) {
                for (int i = 0; i < mp.getCount(); i++) {
                    if (mp.getBodyPart(i).isMimeType("text/plain")) {
                        return bodyText(mp.getBodyPart(i));
                    }
                }
            }
            for (int i = 0; i < mp.getCount(); i++) {
                String text = bodyText(mp.getBodyPart(i));
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static String content(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
