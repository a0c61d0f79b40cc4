package africa.cashfin.camel.leads.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Which hosts may receive the client secret over plain http: a {@code *.localhost} name counts only when everything it
 * resolves to is loopback (a hosts file or DNS can point such a name at another machine), and names that are not
 * localhost names are never looked up. The resolver stands in for a hosts file the test cannot edit.
 */
class LoopbackHostsTest {

    private final List<String> lookedUp = new ArrayList<>();

    private LoopbackHosts resolving(Map<String, String[]> hosts) {
        return new LoopbackHosts(host -> {
            lookedUp.add(host);
            String[] addresses = hosts.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] result = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                result[i] = InetAddress.getByName(addresses[i]); // literals: no lookup
            }
            return result;
        });
    }

    @Test
    void aLocalhostNameMappedToAnotherMachineIsRefused() {
        LoopbackHosts hosts = resolving(Map.of("api.localhost", new String[] { "10.0.0.5" },
                "both.localhost", new String[] { "127.0.0.1", "192.168.1.20" }));

        assertThatThrownBy(() -> BaseUrlAndProxy.checkBaseUrl("http://api.localhost:8080", hosts))
                .hasMessageContaining("'api.localhost' resolves to 10.0.0.5, which is not a loopback address")
                .hasMessageContaining("secret would travel in clear text").hasMessageContaining("Use https://");
        assertThat(hosts.isLoopback("both.localhost")).as("every address must be loopback").isFalse();
    }

    @Test
    void aLocalhostNameThatDoesNotResolveIsRefused() {
        LoopbackHosts hosts = resolving(Map.of());

        assertThatThrownBy(() -> BaseUrlAndProxy.checkBaseUrl("http://sim.localhost:8080", hosts))
                .hasMessageContaining("'sim.localhost' does not resolve to an address")
                .hasMessageContaining("http://127.0.0.1:8080");
    }

    @Test
    void localhostNamesResolvingToLoopbackAndLoopbackLiteralsAreAccepted() {
        LoopbackHosts hosts = resolving(Map.of("localhost", new String[] { "127.0.0.1", "::1" },
                "sim.localhost", new String[] { "127.0.0.1" }));

        assertThat(BaseUrlAndProxy.checkBaseUrl("http://sim.localhost:8080/", hosts))
                .hasToString("http://sim.localhost:8080");
        assertThat(hosts.isLoopback("LOCALHOST")).isTrue();
        assertThat(hosts.isLoopback("127.9.9.9")).isTrue();
        assertThat(hosts.isLoopback("[::1]")).isTrue();
    }

    @Test
    void otherNamesAreNeverLookedUpNorTrusted() {
        LoopbackHosts hosts = resolving(Map.of("localhost.evil.example", new String[] { "127.0.0.1" }));

        assertThat(hosts.isLoopback("localhost.evil.example")).isFalse();
        assertThat(hosts.isLoopback("api.cashfin.africa")).isFalse();
        assertThat(hosts.isLoopback("0.0.0.0")).isFalse();
        assertThat(lookedUp).as("literals are parsed, other names never looked up").isEmpty();
    }

    @Test
    void aRemoteProxyForPlainHttpIsRefusedEvenWhenItsNameSaysLocalhost() {
        LoopbackHosts hosts = resolving(Map.of("proxy.localhost", new String[] { "10.1.2.3" }));
        URI local = BaseUrlAndProxy.checkBaseUrl("http://127.0.0.1:8080", hosts);

        assertThatThrownBy(() -> BaseUrlAndProxy.checkProxy(local, "proxy.localhost", 3128, null, null, hosts))
                .hasMessageContaining("through the proxy proxy.localhost")
                .hasMessageContaining("resolves to 10.1.2.3")
                .hasMessageContaining("Authorization header in clear text");
        // https is tunnelled through the proxy: the name is not even looked up
        lookedUp.clear();
        BaseUrlAndProxy.checkProxy(URI.create("https://api.cashfin.africa"), "proxy.localhost", 3128,
                null, null, hosts);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void anUnresolvableLocalhostNameIsRefusedWithTheSystemResolver() {
        // with systemd's nss-myhostname every *.localhost resolves to loopback (and is then rightly accepted)
        boolean resolves;
        try {
            InetAddress.getAllByName("cashfin-unbound.localhost");
            resolves = true;
        } catch (UnknownHostException e) {
            resolves = false;
        }
        assumeThat(resolves).as("the name does not resolve here").isFalse();
        assertThatThrownBy(() -> BaseUrlAndProxy.checkBaseUrl("http://cashfin-unbound.localhost:8080"))
                .hasMessageContaining("does not resolve");
    }
}
