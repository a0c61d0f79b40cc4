package africa.cashfin.camel.examples.form;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who sent a request: the remote address of the connection, or, when that is a <em>trusted proxy</em>, the address
 * the proxy reports in {@code X-Forwarded-For}.
 * <p>
 * {@code X-Forwarded-For} is written by the client first and appended to by every proxy, so only its right-hand part
 * added by our own proxies can be believed. The header is read from the right: addresses of trusted proxies are
 * skipped, and the first address that is not a trusted proxy is the client. A request whose connection does not come
 * from a trusted proxy is the client itself, whatever it writes in the header. Trusted proxies are IP addresses or
 * CIDR ranges ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); with none (the default) the header is ignored.
 * <p>
 * Only address literals are parsed: nothing in a header ever causes a DNS look-up. Thread-safe.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Range> trustedProxies;

    private ClientAddress(List<Range> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * @param trustedProxies comma-separated IP addresses and CIDR ranges of the proxies in front of the app; blank for
     *                       none
     * @throws IllegalArgumentException naming an entry that is not an address or range
     */
    public static ClientAddress trusting(String trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : (trustedProxies == null ? "" : trustedProxies).split(",")) {
            String e = entry.trim();
            if (!e.isEmpty()) {
                ranges.add(Range.parse(e));
            }
        }
        return new ClientAddress(ranges);
    }

    /**
     * @param remoteAddress the connection's remote IP address (the peer)
     * @param forwardedFor  the {@code X-Forwarded-For} header, possibly null
     * @return the client's address as text
     */
    public String resolve(String remoteAddress, String forwardedFor) {
        String remote = stripPort(remoteAddress);
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(remote)) {
            return remote;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = stripPort(hops[i].trim());
            byte[] bytes = literal(hop);
            if (bytes == null) {
                // garbage in the header: what is left of it was written by the client; stop at the last good hop
                return remote;
            }
            if (!isTrusted(bytes)) {
                return hop;
            }
            remote = hop;
        }
        return remote;
    }

    /**
     * True when {@code address} is a loopback address (an IP literal, an IPv6 one in brackets or not; anything else,
     * a host name too, is not: never a DNS look-up).
     */
    public static boolean isLoopback(String address) {
        byte[] b = literal(stripPort(address));
        try {
            return b != null && InetAddress.getByAddress(b).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** True when {@code address} (an IP literal) is one of the trusted proxies. */
    public boolean isTrustedProxy(String address) {
        return isTrusted(stripPort(address));
    }

    /**
     * The key a client is counted under: an IPv4 address as is; an IPv6 address by its /64 network, because one
     * subscriber usually holds a whole /64 and could otherwise take a fresh address for every request.
     */
    public static String limitKey(String address) {
        byte[] b = literal(address);
        if (b == null || b.length == 4) {
            return address;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return s.append(":/64").toString();
    }

    private boolean isTrusted(String address) {
        byte[] b = literal(address);
        return b != null && isTrusted(b);
    }

    private boolean isTrusted(byte[] address) {
        for (Range r : trustedProxies) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String stripPort(String address) {
        if (address == null) {
            return "";
        }
        String a = address.trim();
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end > 0 ? a.substring(1, end) : a;
        }
        int colon = a.indexOf(':');
        if (colon > 0 && colon == a.lastIndexOf(':')) {
            return a.substring(0, colon); // IPv4 with a port
        }
        return a;
    }

    /** The bytes of an IP address literal, or null when {@code s} is not one (never a DNS look-up). */
    static byte[] literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address range (a single address is a range of full length). */
    private record Range(byte[] network, int prefix) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw new IllegalArgumentException("Trusted proxy '" + text + "' is not an IP address or a CIDR range"
                        + " such as 10.0.0.0/8; list addresses, never host names");
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1).trim());
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("Trusted proxy '" + text + "' has a bad prefix length; use 0 to "
                            + bytes.length * 8);
                }
            }
            return new Range(bytes, prefix);
        }

        boolean contains(byte[] address) {
            byte[] a = address;
            if (a.length != network.length) {
                a = mapped(a, network.length);
                if (a == null) {
                    return false;
                }
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }

        /** An IPv4 address as IPv4-mapped IPv6 (::ffff:a.b.c.d) or back; null when it is not one. */
        private static byte[] mapped(byte[] a, int length) {
            if (a.length == 4 && length == 16) {
                byte[] m = new byte[16];
                m[10] = (byte) 0xff;
                m[11] = (byte) 0xff;
                System.arraycopy(a, 0, m, 12, 4);
                return m;
            }
            if (a.length == 16 && length == 4) {
                for (int i = 0; i < 10; i++) {
                    if (a[i] != 0) {
                        return null;
                    }
                }
                if ((a[10] & 0xff) != 0xff || (a[11] & 0xff) != 0xff) {
                    return null;
                }
                byte[] v4 = new byte[4];
                System.arraycopy(a, 12, v4, 0, 4);
                return v4;
            }
            return null;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s/%d", java.util.Arrays.toString(network), prefix);
        }
    }
}
