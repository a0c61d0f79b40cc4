package africa.cashfin.camel.leads.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides whether a host of a base URL or proxy is this machine (loopback), where the client secret may travel over
 * plain {@code http://}. An address literal counts when it is loopback (127.0.0.0/8, ::1). A name counts only when it
 * is {@code localhost} or ends in {@code .localhost} <em>and</em> every address it resolves to is loopback: the name
 * alone is not trusted (a hosts file or DNS may map {@code api.localhost} to another machine). Other names are never
 * looked up and never count.
 */
final class LoopbackHosts {

    /** Resolves a host name to its addresses. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The result of a check: whether the host is loopback, and if not, why (for the error message). */
    record Verdict(boolean loopback, String reason) {
    }

    static final LoopbackHosts SYSTEM = new LoopbackHosts(InetAddress::getAllByName);

    private final Resolver resolver;

    LoopbackHosts(Resolver resolver) {
        this.resolver = resolver;
    }

    /** True when {@code host} is this machine; see the class comment. */
    boolean isLoopback(String host) {
        return check(host).loopback();
    }

    /** Whether {@code host} is this machine, and if not, why not. */
    Verdict check(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        boolean literal = h.matches("[0-9.]+") || h.contains(":");
        boolean localName = h.equals("localhost") || h.endsWith(".localhost");
        if (!literal && !localName) {
            return new Verdict(false, "'" + host + "' is not a loopback address");
        }
        InetAddress[] addresses;
        try {
            // a literal is parsed, never looked up
            addresses = literal ? new InetAddress[] { InetAddress.getByName(h) } : resolver.resolve(h);
        } catch (UnknownHostException e) {
            return new Verdict(false, "'" + host + "' does not resolve to an address");
        }
        if (addresses.length == 0) {
            return new Verdict(false, "'" + host + "' does not resolve to an address");
        }
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress()) {
                return new Verdict(false, "'" + host + "' resolves to " + a.getHostAddress()
                                          + ", which is not a loopback address");
            }
        }
        return new Verdict(true, null);
    }
}
