package africa.cashfin.camel.examples.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Who a mail is counted against in the per-sender cap ({@link MailLimits}): the sender as far as it can be believed.
 * <ul>
 * <li>When an {@code Authentication-Results} header (RFC 8601) was added by one of the mail servers named in
 * {@code cashfin.mail.trusted-authserv-ids} (its authserv-id, e.g. {@code mx.google.com}), and only then, its results
 * are believed: {@code dmarc=pass}, or {@code dkim=pass} with {@code header.d} the From address's domain, authenticate
 * the From address; else {@code spf=pass} authenticates the envelope sender ({@code smtp.mailfrom}). The key is then
 * {@code verified:<address>}.</li>
 * <li>Otherwise the key is {@code unverified:<From address>}: never Reply-To, which a sender sets freely. So mail that
 * merely claims to be from someone is counted apart from that person's authenticated mail: ten forged mails do not lock
 * the real sender out, and rotating Reply-To does not escape the cap.</li>
 * </ul>
 * Authentication-Results headers from other servers (a sender can write any header) are ignored, so are headers from a
 * trusted server below another server's (only the topmost trusted block is read, as RFC 8601 section 5 advises for
 * the receiving server's own header). Thread-safe.
 */
public final class MailSender {

    private final Set<String> trustedAuthservIds;

    /** @param trustedAuthservIds comma-separated authserv-ids of the receiving mail servers; blank: believe none */
    public MailSender(String trustedAuthservIds) {
        this.trustedAuthservIds = trustedAuthservIds == null ? Set.of()
                : java.util.Arrays.stream(trustedAuthservIds.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** True when some Authentication-Results header may be believed. */
    public boolean trustsAuthenticationResults() {
        return !trustedAuthservIds.isEmpty();
    }

    /**
     * The cap key.
     *
     * @param from                  the From header (may be null)
     * @param authenticationResults the Authentication-Results headers, topmost first (may be null)
     */
    public String key(String from, String[] authenticationResults) {
        String fromAddress = address(from);
        String verified = verified(fromAddress, authenticationResults);
        return verified != null ? "verified:" + verified
                : "unverified:" + (fromAddress == null ? "(no address)" : fromAddress);
    }

    private String verified(String fromAddress, String[] headers) {
        if (headers == null || trustedAuthservIds.isEmpty()) {
            return null;
        }
        for (String header : headers) {
            List<String> parts = parts(header);
            if (parts.isEmpty()) {
                continue;
            }
            String authserv = parts.get(0).split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (!trustedAuthservIds.contains(authserv)) {
                continue;
            }
            String fromDomain = fromAddress == null ? null : fromAddress.substring(fromAddress.indexOf('@') + 1);
            String spfSender = null;
            for (String result : parts.subList(1, parts.size())) {
                String[] words = result.trim().split("\\s+");
                String method = words[0].toLowerCase(Locale.ROOT);
                if (fromAddress != null && method.equals("dmarc=pass")) {
                    return fromAddress;
                }
                if (fromAddress != null && method.equals("dkim=pass")
                        && fromDomain.equalsIgnoreCase(property(words, "header.d"))) {
                    return fromAddress;
                }
                if (method.equals("spf=pass")) {
                    spfSender = address(property(words, "smtp.mailfrom"));
                }
            }
            // the topmost block of a trusted server is its verdict on this mail; blocks below it may be forged
            return spfSender;
        }
        return null;
    }

    private static String property(String[] words, String name) {
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq > 0 && w.substring(0, eq).equalsIgnoreCase(name)) {
                return w.substring(eq + 1).replace("\"", "");
            }
        }
        return null;
    }

    /** The header without comments, split at the semicolons. */
    private static List<String> parts(String header) {
        if (header == null) {
            return List.of();
        }
        StringBuilder plain = new StringBuilder();
        int depth = 0;
        for (char c : header.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                plain.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
            }
        }
        List<String> parts = new ArrayList<>();
        for (String p : plain.toString().split(";")) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        return parts;
    }

    /** The first address in a header, lower case, or null. */
    static String address(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
                String s = a.getAddress();
                if (s != null && s.indexOf('@') > 0) {
                    return s.trim().toLowerCase(Locale.ROOT);
                }
            }
        } catch (AddressException e) {
            return null;
        }
        return null;
    }
}
