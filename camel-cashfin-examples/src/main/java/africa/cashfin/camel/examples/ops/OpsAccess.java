package africa.cashfin.camel.examples.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

import africa.cashfin.camel.examples.common.Settings;
import africa.cashfin.camel.examples.form.ClientAddress;

/**
 * Who may see the operations page ({@code /ops}): the one home of its access rules.
 * <ul>
 * <li><b>Loopback only</b> (the default, {@value #ALLOW_REMOTE}{@code =false}): a request is served only when its client
 * is this machine: the connection comes from a loopback address and carries no {@code X-Forwarded-For} or
 * {@code Forwarded} header, or it comes from a trusted proxy ({@code cashfin.form.trusted-proxies}) that reports a
 * loopback client. A proxy on this machine that is not listed as trusted forwards other people's requests from
 * loopback: they are refused (403), not taken for local ones.</li>
 * <li><b>Credentials</b>: a bearer token ({@value #TOKEN}, for scripts: {@code Authorization: Bearer <token>}) and/or
 * a user name and password ({@value #USERNAME}, {@value #PASSWORD}: HTTP basic authentication, for browsers). When
 * either is set, every request needs one of them (401 otherwise), also from loopback. There is no default password.
 * </li>
 * <li><b>From other machines</b> ({@value #ALLOW_REMOTE}{@code =true}): only with credentials; without any, the app
 * refuses to start and says which settings to give.</li>
 * </ul>
 * Credentials are compared in constant time and never logged, shown or echoed. Thread-safe.
 */
public final class OpsAccess {

    /** Setting: serve the page to other machines too (then credentials are required). */
    public static final String ALLOW_REMOTE = "cashfin.ops.allow-remote";
    /** Setting: a bearer token that opens the page ({@code Authorization: Bearer <token>}). */
    public static final String TOKEN = "cashfin.ops.token";
    /** Setting: the basic-authentication user name. */
    public static final String USERNAME = "cashfin.ops.username";
    /** Setting: the basic-authentication password. */
    public static final String PASSWORD = "cashfin.ops.password";
    /** The shortest token accepted. */
    static final int MIN_TOKEN = 24;
    /** The shortest password accepted. */
    static final int MIN_PASSWORD = 12;

    /** What to answer a request. */
    public enum Decision {
        /** Serve it. */
        ALLOWED(200, null),
        /** Not from this machine (or through an untrusted proxy), and the page is loopback only: 403. */
        NOT_LOCAL(403, "The operations page is served to this machine only. Open it on the machine the app runs on"
                       + " (for example over an SSH tunnel), or set cashfin.ops.allow-remote=true with credentials"
                       + " (see docs/security.md)."),
        /** Credentials missing or wrong: 401. */
        UNAUTHORIZED(401, "The operations page needs the user name and password (or the token) it is configured"
                          + " with.");

        private final int status;
        private final String text;

        Decision(int status, String text) {
            this.status = status;
            this.text = text;
        }

        /** The HTTP status to answer. */
        public int status() {
            return status;
        }

        /** The one line to answer a refusal with (null when allowed). */
        public String text() {
            return text;
        }
    }

    private final boolean allowRemote;
    private final byte[] token;
    private final byte[] basic;
    private final ClientAddress proxies;

    /**
     * @param allowRemote serve other machines too
     * @param token       the bearer token, or null/blank for none
     * @param username    the basic user name, or null/blank for none
     * @param password    the basic password, or null/blank for none
     * @param proxies     the trusted proxies
     * @throws IllegalArgumentException when the settings would open the page to other machines without credentials,
     *                                  or credentials are half given or too short (the message names the settings)
     */
    public OpsAccess(boolean allowRemote, String token, String username, String password, ClientAddress proxies) {
        this.proxies = Objects.requireNonNull(proxies, "proxies");
        boolean hasUser = !blank(username);
        boolean hasPassword = !blank(password);
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException("The operations page's basic authentication needs both " + USERNAME
                    + " (CASHFIN_OPS_USERNAME) and " + PASSWORD + " (CASHFIN_OPS_PASSWORD); only the "
                    + (hasUser ? "user name" : "password") + " is set");
        }
        if (hasPassword && password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException(PASSWORD + " (CASHFIN_OPS_PASSWORD) must be at least " + MIN_PASSWORD
                    + " characters");
        }
        if (!blank(token) && token.trim().length() < MIN_TOKEN) {
            throw new IllegalArgumentException(TOKEN + " (CASHFIN_OPS_TOKEN) must be at least " + MIN_TOKEN
                    + " characters (for example: openssl rand -hex 24)");
        }
        if (allowRemote && blank(token) && !hasPassword) {
            throw new IllegalArgumentException("The operations page (/ops) is set to be served to other machines ("
                    + ALLOW_REMOTE + "=true, CASHFIN_OPS_ALLOW_REMOTE) but has no credentials: set CASHFIN_OPS_USERNAME"
                    + " and CASHFIN_OPS_PASSWORD (browsers), or CASHFIN_OPS_TOKEN (scripts), or leave it on this"
                    + " machine only (CASHFIN_OPS_ALLOW_REMOTE=false). There is no default password.");
        }
        this.allowRemote = allowRemote;
        this.token = blank(token) ? null : token.trim().getBytes(StandardCharsets.UTF_8);
        this.basic = hasPassword ? (username.trim() + ":" + password).getBytes(StandardCharsets.UTF_8) : null;
    }

    /** The access rules in {@code settings} ({@value #ALLOW_REMOTE}, {@value #TOKEN}, ...). */
    public static OpsAccess from(Settings settings, ClientAddress proxies) {
        return new OpsAccess(Boolean.parseBoolean(settings.string(ALLOW_REMOTE, "false")), settings.text(TOKEN),
                settings.text(USERNAME), settings.text(PASSWORD), proxies);
    }

    /** True when a user name and password are configured (the 401 then asks the browser for them). */
    public boolean basicAuthentication() {
        return basic != null;
    }

    /** The rules in words, for the start-up log (no credential in it). */
    public String describe() {
        String who = allowRemote ? "any machine" : "this machine only";
        String creds = basic != null && token != null ? "basic authentication or the token"
                : basic != null ? "basic authentication" : token != null ? "the token" : "no credentials";
        return who + ", " + creds;
    }

    /**
     * @param remoteAddress the connection's peer address
     * @param forwardedFor  all {@code X-Forwarded-For} lines, or null
     * @param forwarded     the {@code Forwarded} header, or null
     * @param authorization the {@code Authorization} header, or null
     */
    public Decision check(String remoteAddress, String forwardedFor, String forwarded, String authorization) {
        if (!allowRemote && !local(remoteAddress, forwardedFor, forwarded)) {
            return Decision.NOT_LOCAL;
        }
        if (token == null && basic == null) {
            return Decision.ALLOWED;
        }
        return authenticated(authorization) ? Decision.ALLOWED : Decision.UNAUTHORIZED;
    }

    private boolean local(String remoteAddress, String forwardedFor, String forwarded) {
        boolean viaProxy = !blank(forwardedFor) || !blank(forwarded);
        if (proxies.isTrustedProxy(remoteAddress)) {
            return blank(forwarded) && ClientAddress.isLoopback(proxies.resolve(remoteAddress, forwardedFor));
        }
        return !viaProxy && ClientAddress.isLoopback(remoteAddress);
    }

    private boolean authenticated(String authorization) {
        if (blank(authorization)) {
            return false;
        }
        String a = authorization.trim();
        int space = a.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = a.substring(0, space);
        String value = a.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer") && token != null) {
            return MessageDigest.isEqual(token, value.getBytes(StandardCharsets.UTF_8));
        }
        if (scheme.equalsIgnoreCase("Basic") && basic != null) {
            try {
                return MessageDigest.isEqual(basic, Base64.getDecoder().decode(value));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "OpsAccess[" + describe() + "]";
    }
}
