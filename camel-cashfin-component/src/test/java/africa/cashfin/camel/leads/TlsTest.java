package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import africa.cashfin.camel.leads.api.CashfinTransportException;
import africa.cashfin.camel.leads.api.CashfinTransportException.FailureKind;

/**
 * sslContextParameters is used for the HTTPS connection; an untrusted server certificate fails before sending; through
 * an HTTP proxy, https goes in a CONNECT tunnel opened with the proxy credentials, so the proxy never sees the secret.
 */
class TlsTest extends CamelTestSupport {

    private static final Path KEYSTORE = Path.of("target", "tls-test", "localhost.p12");

    @RegisterExtension
    static WireMockExtension tls = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort().http2TlsDisabled(true).http2PlainDisabled(true)
                    .keystorePath(localhostKeystore()).keystorePassword("changeit").keyManagerPassword("changeit")
                    .keystoreType("PKCS12"))
            .build();

    /** A self-signed certificate for localhost, made with the JDK's keytool. */
    private static String localhostKeystore() {
        try {
            Files.createDirectories(KEYSTORE.getParent());
            Files.deleteIfExists(KEYSTORE);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", KEYSTORE.toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return KEYSTORE.toAbsolutePath().toString();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the test keystore", e);
        }
    }

    @BeforeEach
    void stub() {
        tls.stubFor(get(urlPathEqualTo("/business/lead/list")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"success\": true, \"data\": []}")));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + KEYSTORE.toAbsolutePath());
        store.setPassword("changeit");
        store.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters trustWireMock = new SSLContextParameters();
        trustWireMock.setTrustManagers(trust);
        context.getRegistry().bind("trustWireMock", trustWireMock);
        String base = "https://localhost:" + tls.getRuntimeInfo().getHttpsPort();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:trusted")
                        .to("cashfin-leads:list?clientSecret=cs_x&baseUrl=" + base + "&sslContextParameters=#trustWireMock");
                from("direct:untrusted").to("cashfin-leads:list?clientSecret=cs_x&baseUrl=" + base);
                from("direct:via-proxy").to("cashfin-leads:list?clientSecret=RAW(" + TUNNEL_SECRET + ")&baseUrl=" + base
                                            + "&sslContextParameters=#trustWireMock&proxyHost=localhost&proxyPort="
                                            + proxy.port() + "&proxyUsername=esb&proxyPassword=RAW(" + PROXY_PASSWORD
                                            + ")");
            }
        };
    }

    private static final String TUNNEL_SECRET = "cs_TunnelledSecret123456";
    private static final String PROXY_PASSWORD = "Tunn3l#Pass";
    private static ConnectProxy proxy;

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = new ConnectProxy("Basic " + Base64.getEncoder()
                .encodeToString(("esb:" + PROXY_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.close();
    }

    @Test
    void httpsGoesThroughTheProxysConnectTunnelWithItsCredentialsAndTheProxyNeverSeesTheSecret() {
        Exchange out = template.send("direct:via-proxy", e -> {
        });
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(List.class)).isEmpty();
        assertThat(proxy.connects()).as("a CONNECT to the API host").isNotEmpty()
                .allMatch(head -> head.startsWith("CONNECT localhost:" + tls.getRuntimeInfo().getHttpsPort()));
        assertThat(proxy.connects().get(proxy.connects().size() - 1)).containsIgnoringCase("Proxy-Authorization: Basic");
        tls.verify(getRequestedFor(urlPathEqualTo("/business/lead/list"))
                .withHeader("Authorization", equalTo(TUNNEL_SECRET)));
        assertThat(proxy.relayedFromClient()).as("only TLS bytes went through the proxy").isNotEmpty()
                .doesNotContain(TUNNEL_SECRET).doesNotContain("/business/lead/list");
    }

    @Test
    void customTrustIsUsed() {
        Exchange out = template.send("direct:trusted", e -> {
        });
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(List.class)).isEmpty();
    }

    @Test
    void untrustedCertificateFailsBeforeSending() {
        Exchange out = template.send("direct:untrusted", e -> {
        });
        assertThat(out.getException()).isInstanceOf(CashfinTransportException.class);
        assertThat(((CashfinTransportException) out.getException()).getKind()).isEqualTo(FailureKind.NOT_SENT);
        assertThat(out.getException()).hasMessageContaining("could not connect")
                .hasMessageContaining("sslContextParameters");
    }
}
