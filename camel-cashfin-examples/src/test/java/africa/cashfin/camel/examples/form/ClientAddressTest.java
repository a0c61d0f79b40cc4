package africa.cashfin.camel.examples.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxies = ClientAddress.trusting("10.0.0.0/8, 192.168.1.5, 2001:db8::/32");

    @Test
    void loopbackIsAnAddressLiteralOnly() {
        for (String local : new String[] {"127.0.0.1", "127.9.9.9", "::1", "[::1]", "[::1]:8080", "::ffff:127.0.0.1"}) {
            assertThat(ClientAddress.isLoopback(local)).as(local).isTrue();
        }
        for (String other : new String[] {"localhost", "10.0.0.1", "2001:db8::1", "", "   ", "evil.example.com"}) {
            assertThat(ClientAddress.isLoopback(other)).as(other).isFalse();
        }
        assertThat(ClientAddress.isLoopback(null)).isFalse();
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(ClientAddress.trusting("").resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertThat(behindProxies.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void theRightmostAddressThatIsNotATrustedProxyIsTheClient() {
        assertThat(behindProxies.resolve("10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
        // the client wrote the left-most hop itself; our proxies appended the rest
        assertThat(behindProxies.resolve("10.1.2.3", "1.1.1.1, 198.51.100.1, 192.168.1.5, 10.9.9.9"))
                .isEqualTo("198.51.100.1");
        assertThat(behindProxies.resolve("[2001:db8::7]:443", "2001:db8::1, [2a00:1450::5]:1234"))
                .isEqualTo("2a00:1450::5");
    }

    @Test
    void garbageOrHostNamesInTheHeaderStopTheWalkWithoutALookUp() {
        assertThat(behindProxies.resolve("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
        assertThat(behindProxies.resolve("10.1.2.3", "198.51.100.1, cafe, 10.2.2.2")).isEqualTo("10.2.2.2");
    }

    @Test
    void ipv4WithAPortAndMappedAddressesAreRead() {
        assertThat(behindProxies.resolve("10.1.2.3:5555", "198.51.100.1:8080")).isEqualTo("198.51.100.1");
        assertThat(behindProxies.resolve("::ffff:10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        assertThat(ClientAddress.limitKey("2a00:1450:4001:81c::200e"))
                .isEqualTo(ClientAddress.limitKey("2a00:1450:4001:81c:1:2:3:4")).isEqualTo("2a00:1450:4001:81c::/64");
        assertThat(ClientAddress.limitKey("198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void aBadTrustedProxyIsRefusedAtStartUp() {
        assertThatThrownBy(() -> ClientAddress.trusting("proxy.internal")).hasMessageContaining("proxy.internal")
                .hasMessageContaining("never host names");
        assertThatThrownBy(() -> ClientAddress.trusting("10.0.0.0/33")).hasMessageContaining("prefix length");
    }
}
