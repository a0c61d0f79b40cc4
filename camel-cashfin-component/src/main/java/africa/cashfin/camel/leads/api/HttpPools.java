package africa.cashfin.camel.leads.api;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import africa.cashfin.camel.leads.api.limit.SecretFingerprint;

/**
 * Shares one pooled Apache HttpClient 5 (its connection pool and its one idle-connection eviction thread) among every
 * {@link ClientConnection} of the JVM with the same base URL and connection options (timeouts, pool size, TLS context,
 * HTTP proxy and its credentials), whatever their client secret: a thousand tenants of one base URL cost one pool and
 * one eviction thread, not a thousand. Nothing of a secret is in a pooled client: each request carries its own
 * {@code Authorization} header, written by its {@link ClientConnection}, and connections keep no state
 * ({@code disableConnectionState}), so any tenant's request may use any idle connection. Reference counted: a pooled
 * client is closed when its last connection is closed.
 */
final class HttpPools {

    private static final String USER_AGENT = "camel-cashfin/0.1";
    private static final HttpPools SHARED = new HttpPools();

    private final Map<Key, Pooled> pools = new HashMap<>();

    /** The pools of this JVM. */
    static HttpPools shared() {
        return SHARED;
    }

    /**
     * The pooled client for {@code settings}' base URL and connection options, created on first use; pair every call
     * with {@link #release}.
     *
     * @param afterConnect the exec-chain step run right after CONNECT (the rate-limit permit); the same for every user
     */
    synchronized Pooled acquire(CashfinClientSettings settings, ExecChainHandler afterConnect) {
        Pooled p = pools.computeIfAbsent(Key.of(settings), k -> new Pooled(k, settings, afterConnect));
        p.users++;
        return p;
    }

    /** Gives a pooled client back; closes it when nobody uses it any more. */
    synchronized void release(Pooled pooled) {
        if (pools.get(pooled.key) == pooled && --pooled.users <= 0) {
            pools.remove(pooled.key);
            pooled.close();
        }
    }

    /** Number of open pooled clients (one per base URL and connection options). */
    synchronized int size() {
        return pools.size();
    }

    /** What a pooled client is shared by: everything of the settings that shapes a connection, never the secret. */
    private record Key(URI baseUrl, Duration connectTimeout, Duration responseTimeout, int maxConnections,
                       SSLContextIdentity sslContext, String proxyHost, int proxyPort,
                       SecretFingerprint proxyCredentials) {
        static Key of(CashfinClientSettings s) {
            return new Key(s.getBaseUrl(), s.getConnectTimeout(), s.getResponseTimeout(), s.getMaxConnections(),
                    new SSLContextIdentity(s.getSslContext()), s.getProxyHost(), s.getProxyPort(),
                    s.proxyCredentialsFingerprint());
        }
    }

    /** An SSLContext compared by identity (the component keeps one per SSLContextParameters). */
    private record SSLContextIdentity(SSLContext context) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SSLContextIdentity other && other.context == context;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(context);
        }
    }

    /**
     * One pooled HttpClient: pool size (per route and in total: one base URL is one route), connect and response
     * timeouts, TLS context; HTTP/1.1; no automatic retries, no redirects (a redirect would carry the secret to another
     * host), no cookies, no connection state; connections that never log the Authorization header
     * ({@link SecretSafeConnectionFactory}); an optional HTTP proxy ({@code CONNECT} tunnel for https) with Basic
     * credentials.
     */
    static final class Pooled {
        private final Key key;
        private final PoolingHttpClientConnectionManager connectionManager;
        private final CloseableHttpClient http;
        /** The HTTP proxy, or null when connecting directly. */
        private final HttpHost proxy;
        private int users;

        private Pooled(Key key, CashfinClientSettings settings, ExecChainHandler afterConnect) {
            this.key = key;
            PoolingHttpClientConnectionManagerBuilder cm = PoolingHttpClientConnectionManagerBuilder.create()
                    .setConnectionFactory(new SecretSafeConnectionFactory())
                    .setMaxConnTotal(settings.getMaxConnections())
                    .setMaxConnPerRoute(settings.getMaxConnections())
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(settings.getConnectTimeout()))
                            .setSocketTimeout(Timeout.of(settings.getResponseTimeout()))
                            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                            .build());
            if (settings.getSslContext() != null) {
                cm.setTlsSocketStrategy(new DefaultClientTlsStrategy(settings.getSslContext()));
            }
            this.connectionManager = cm.build();
            HttpClientBuilder builder = HttpClients.custom();
            this.proxy = settings.getProxyHost() == null ? null
                    : new HttpHost("http", settings.getProxyHost(), settings.getProxyPort());
            if (proxy != null) {
                builder.setProxy(proxy);
                if (settings.getProxyUsername() != null) {
                    // challenge-based for a CONNECT tunnel (https); also sent up front on every request (authCache)
                    BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                    credentials.setCredentials(new AuthScope(proxy), ClientConnection.proxyCredentials(settings));
                    builder.setDefaultCredentialsProvider(credentials);
                }
            }
            this.http = builder
                    .setConnectionManager(connectionManager)
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setResponseTimeout(Timeout.of(settings.getResponseTimeout()))
                            .setRedirectsEnabled(false)
                            .build())
                    // the limiter counts a call when it leaves: after the connection (and any TLS handshake) is ready
                    .addExecInterceptorAfter(ChainElement.CONNECT.name(), "cashfin-rate-limit", afterConnect)
                    .disableAutomaticRetries()
                    .disableRedirectHandling()
                    .disableCookieManagement()
                    // no per-user connection state: a connection carries no tenant's identity between requests
                    .disableConnectionState()
                    .evictIdleConnections(TimeValue.ofSeconds(30))
                    .setUserAgent(USER_AGENT)
                    .build();
        }

        CloseableHttpClient http() {
            return http;
        }

        HttpHost proxy() {
            return proxy;
        }

        private void close() {
            http.close(CloseMode.GRACEFUL);
            connectionManager.close(CloseMode.GRACEFUL);
        }
    }
}
