package africa.cashfin.camel.examples.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CSRF protection of the operations page's upload (a POST that writes a file into the inbox), by double submit: the
 * page sets a random token in a cookie ({@value #COOKIE}: {@code HttpOnly}, {@code SameSite=Strict}, path
 * {@code /ops}) and writes the same token into the page; the upload form sends it back in the header
 * {@value #HEADER}. An upload is accepted only when the header equals the cookie, and, when the browser says where
 * the request comes from ({@code Sec-Fetch-Site}), only from the same origin. Another site can neither read the page
 * (no CORS, {@code frame-ancestors 'none'}) nor set a custom header on a cross-site request without a CORS preflight
 * that is never granted, and a {@code SameSite=Strict} cookie is not sent with its requests at all. Thread-safe.
 */
public final class OpsCsrf {

    /** The cookie holding the token. */
    public static final String COOKIE = "cashfin_ops_csrf";
    /** The request header the upload sends the token in. */
    public static final String HEADER = "X-Ops-Csrf";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern IN_COOKIE = Pattern.compile("(?:^|;\\s*)" + COOKIE + "=([^;\\s]*)");

    /** The browser's token from its {@code Cookie} header when it has a well-formed one, else a new random token. */
    public String tokenFor(String cookieHeader) {
        String t = fromCookie(cookieHeader);
        return t != null ? t : OpsPage.randomToken(32);
    }

    /** The {@code Set-Cookie} value carrying {@code token}. */
    public String cookie(String token) {
        return COOKIE + "=" + token + "; Path=" + OpsPage.PATH + "; HttpOnly; SameSite=Strict";
    }

    /**
     * Null when the request may upload, else why not (one line for the 403 answer).
     *
     * @param cookieHeader  the request's {@code Cookie} header
     * @param headerToken   the request's {@value #HEADER} header
     * @param secFetchSite  the request's {@code Sec-Fetch-Site} header (null from clients that do not send it)
     */
    public String refusal(String cookieHeader, String headerToken, String secFetchSite) {
        if (secFetchSite != null && !secFetchSite.equalsIgnoreCase("same-origin")) {
            return "Refused: the upload came from another site (Sec-Fetch-Site: " + secFetchSite.replaceAll("[^a-z-]",
                    "") + "). Upload from the operations page itself.";
        }
        String cookie = fromCookie(cookieHeader);
        if (cookie == null || headerToken == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII),
                headerToken.trim().getBytes(StandardCharsets.US_ASCII))) {
            return "Refused: the upload's CSRF token is missing or does not match. Reload the operations page and"
                   + " upload again.";
        }
        return null;
    }

    private static String fromCookie(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        Matcher m = IN_COOKIE.matcher(cookieHeader);
        while (m.find()) {
            if (TOKEN.matcher(m.group(1)).matches()) {
                return m.group(1);
            }
        }
        return null;
    }
}
