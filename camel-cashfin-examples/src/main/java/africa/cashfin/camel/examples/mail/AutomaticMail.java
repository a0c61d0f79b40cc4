package africa.cashfin.camel.examples.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

/**
 * Tells automatic mail (out-of-office replies, auto-responders, bounces, list and bulk mail) from mail a person wrote,
 * by the headers and senders mail systems use (RFC 3834, RFC 3464 and the common non-standard ones):
 * <ul>
 * <li>{@code Auto-Submitted} other than {@code no};</li>
 * <li>{@code Precedence: bulk}, {@code junk}, {@code list} or {@code auto_reply};</li>
 * <li>{@code X-Autoreply}, {@code X-Autorespond} (any value);</li>
 * <li>an empty {@code Return-Path} ({@code <>}: the envelope sender of bounces and auto-replies);</li>
 * <li>a sender ({@code From} or {@code Sender}) whose local part is {@code mailer-daemon} or {@code postmaster};</li>
 * <li>a delivery report ({@code Content-Type: multipart/report}).</li>
 * </ul>
 */
public final class AutomaticMail {

    private static final Set<String> PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");
    private static final Set<String> SYSTEM_SENDERS = Set.of("mailer-daemon", "postmaster");

    private AutomaticMail() {
    }

    /** Why {@code message} is automatic mail (the header and its value), or null when it looks written by a person. */
    public static String reason(Message message) throws MessagingException {
        String[] autoSubmitted = message.getHeader("Auto-Submitted");
        if (autoSubmitted != null && Arrays.stream(autoSubmitted)
                .anyMatch(v -> !v.trim().toLowerCase(Locale.ROOT).startsWith("no"))) {
            return "Auto-Submitted: " + String.join(", ", autoSubmitted);
        }
        String[] precedence = message.getHeader("Precedence");
        if (precedence != null && Arrays.stream(precedence)
                .anyMatch(v -> PRECEDENCE.contains(v.trim().toLowerCase(Locale.ROOT)))) {
            return "Precedence: " + String.join(", ", precedence);
        }
        for (String header : new String[] {"X-Autoreply", "X-Autorespond"}) {
            String[] v = message.getHeader(header);
            if (v != null) {
                return header + ": " + String.join(", ", v);
            }
        }
        String[] returnPath = message.getHeader("Return-Path");
        if (returnPath != null && Arrays.stream(returnPath).anyMatch(v -> v.replaceAll("[\\s<>]", "").isEmpty())) {
            return "Return-Path: <> (a bounce or an automatic reply)";
        }
        for (String header : new String[] {"From", "Sender"}) {
            String[] values = message.getHeader(header);
            if (values == null) {
                continue;
            }
            for (String v : values) {
                String local = localPart(v);
                if (local != null && SYSTEM_SENDERS.contains(local)) {
                    return header + ": " + v.trim() + " (a mail system, not a person)";
                }
            }
        }
        String type = message.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            return "Content-Type: multipart/report (a delivery report)";
        }
        return null;
    }

    private static String localPart(String header) {
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(header, false);
            if (addresses.length == 0 || addresses[0].getAddress() == null) {
                return null;
            }
            String address = addresses[0].getAddress();
            int at = address.indexOf('@');
            return (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.AddressException e) {
            return null;
        }
    }
}
