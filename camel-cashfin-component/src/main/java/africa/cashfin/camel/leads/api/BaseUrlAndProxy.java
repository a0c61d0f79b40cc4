package africa.cashfin.camel.leads.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the calls of a client may go: the base URL and the HTTP proxy, checked so that the client secret (and the
 * proxy credentials) never travel in clear text to another machine. The one home of these checks: the client
 * settings and the component's endpoint configuration (at route start) call them.
 */
public final class BaseUrlAndProxy {

    /** The production API (the only Cashfin environment). */
    public static final String DEFAULT_BASE_URL = "https://api.cashfin.africa";

    private BaseUrlAndProxy() {
    }

    /**
     * Parses and checks a base URL: absolute, http or https, no query; {@code http://} only for a loopback host
     * (127.0.0.0/8, ::1, or {@code localhost} / {@code *.localhost} when every address it resolves to is loopback)
     * because the secret travels in the Authorization header.
     *
     * @throws IllegalArgumentException saying what is wrong and what to do
     */
    public static URI checkBaseUrl(String text) {
        return checkBaseUrl(text, LoopbackHosts.SYSTEM);
    }

    static URI checkBaseUrl(String text, LoopbackHosts loopback) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("baseUrl '" + text + "' is not a valid URL: " + e.getReason()
                                               + ". Use e.g. " + DEFAULT_BASE_URL);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("baseUrl '" + text + "' must be an absolute http(s) URL with a host,"
                                               + " e.g. " + DEFAULT_BASE_URL);
        }
        if (uri.getUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must not carry user info, a query or a fragment; use e.g. "
                                               + DEFAULT_BASE_URL);
        }
        if (scheme.equals("http")) {
            LoopbackHosts.Verdict host = loopback.check(uri.getHost());
            if (!host.loopback()) {
                throw new IllegalArgumentException("baseUrl '" + text + "' uses http:// to a non-local host ("
                                                   + host.reason() + "): the client secret would travel in clear"
                                                   + " text. Use https:// (http:// is allowed only for 127.0.0.0/8,"
                                                   + " ::1, and localhost or *.localhost names that resolve only to"
                                                   + " those, e.g. a local simulator at http://127.0.0.1:8080)");
            }
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /**
     * Checks the proxy options together: a port 1..65535 with a host, credentials only with a host, a password only
     * with a user name; and a plain {@code http://} base URL only through a proxy on this machine (loopback), since
     * the proxy would read the {@code Authorization} header in clear.
     *
     * @param baseUrl the base URL as returned by {@link #checkBaseUrl(String)}
     * @throws IllegalArgumentException saying which option is wrong and what to do
     */
    public static void checkProxy(URI baseUrl, String host, Integer port, String username, String password) {
        checkProxy(baseUrl, host, port, username, password, LoopbackHosts.SYSTEM);
    }

    static void checkProxy(URI baseUrl, String host, Integer port, String username, String password,
                           LoopbackHosts loopback) {
        boolean hasHost = host != null && !host.isBlank();
        if (!hasHost) {
            if (port != null && port != 0) {
                throw new IllegalArgumentException("proxyPort is set but proxyHost is not: set proxyHost (e.g."
                                                   + " proxy.example.com) or remove proxyPort");
            }
            if ((username != null && !username.isBlank()) || (password != null && !password.isEmpty())) {
                throw new IllegalArgumentException("proxyUsername/proxyPassword are set but proxyHost is not: set"
                                                   + " proxyHost and proxyPort, or remove the proxy credentials");
            }
            return;
        }
        if (host.contains("/") || host.contains("@")) {
            throw new IllegalArgumentException("proxyHost must be a host name or address only (e.g."
                                               + " proxy.example.com), without scheme, path or user info; set the"
                                               + " port with proxyPort and credentials with proxyUsername/proxyPassword");
        }
        if (port == null || port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxyPort must be set to the proxy's port (1..65535, e.g. 3128)"
                                               + " when proxyHost is set" + (port == null ? "" : ", got " + port));
        }
        if ((username == null || username.isBlank()) && password != null && !password.isEmpty()) {
            throw new IllegalArgumentException("proxyPassword is set but proxyUsername is not: set both, or neither"
                                               + " for a proxy without authentication");
        }
        if ("http".equalsIgnoreCase(baseUrl.getScheme())) {
            LoopbackHosts.Verdict proxy = loopback.check(host.trim());
            if (!proxy.loopback()) {
                throw new IllegalArgumentException("baseUrl '" + baseUrl + "' uses http:// through the proxy "
                                                   + host.trim() + ", which is not on this machine ("
                                                   + proxy.reason() + "): the proxy would read the client secret"
                                                   + " in the Authorization header in clear text. Use an https://"
                                                   + " baseUrl (tunnelled through the proxy), or a proxy on this"
                                                   + " machine (127.0.0.1), or remove proxyHost for a local"
                                                   + " simulator");
            }
        }
    }
}
