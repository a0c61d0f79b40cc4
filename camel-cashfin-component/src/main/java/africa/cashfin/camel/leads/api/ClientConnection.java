package africa.cashfin.camel.leads.api;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.auth.BasicAuthCache;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import africa.cashfin.camel.leads.api.limit.CallRateLimiter;

/**
 * The HTTP connection of one {@link CashfinClient} (one secret): it sends through the pooled HttpClient that every
 * client of the same base URL and connection options shares ({@link HttpPools}: one connection pool and one eviction
 * thread, whatever the number of secrets), writes its own secret into each request and knows every secret it sends,
 * hence {@link #secretMask()}. Proxy Basic credentials are sent up front.
 * <p>
 * A call's rate-limit permit is sent (checked against the sliding log and counted) by an exec-chain step right after
 * CONNECT, when the connection (and any TLS handshake) is ready, so that opening a connection does not bunch calls at
 * the server.
 */
final class ClientConnection implements Closeable {

    private static final String PERMIT_ATTRIBUTE = "cashfin.rateLimitPermit";

    private final CashfinClientSettings settings;
    private final HttpPools pools;
    /** The pooled client shared with the other secrets of the base URL. */
    private final HttpPools.Pooled pooled;
    private final CloseableHttpClient http;
    /** The HTTP proxy, or null when connecting directly. */
    private final HttpHost proxy;

    /** A connection on the JVM's shared pool of its base URL and connection options. */
    ClientConnection(CashfinClientSettings settings) {
        this(settings, HttpPools.shared());
    }

    ClientConnection(CashfinClientSettings settings, HttpPools pools) {
        this.settings = settings;
        this.pools = pools;
        this.pooled = pools.acquire(settings, ClientConnection::sendPermit);
        this.http = pooled.http();
        this.proxy = pooled.proxy();
    }

    /**
     * Masks every secret this connection sends: the client secret, the proxy password and, since a proxy may echo
     * {@code Proxy-Authorization} back, its Basic token (as good as the password).
     */
    SecretMask secretMask() {
        return new SecretMask(settings.getClientSecret(), settings.getProxyPassword(), proxyBasicToken(settings));
    }

    /**
     * Sends {@code request} with the Authorization header and reads the whole answer; {@code permit} is sent once the
     * connection is ready.
     *
     * @throws IOException                  no complete answer
     * @throws PermitInterruptedException   the wait for the permit was interrupted; the request was not sent
     */
    RawResponse execute(HttpUriRequestBase request, CallRateLimiter.Permit permit) throws IOException {
        request.setHeader(HttpHeaders.AUTHORIZATION, settings.getClientSecret());
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(PERMIT_ATTRIBUTE, permit);
        if (proxy != null && settings.getProxyUsername() != null) {
            // Basic credentials up front: no 407 round trip per connection
            BasicScheme basic = new BasicScheme();
            basic.initPreemptive(proxyCredentials(settings));
            BasicAuthCache authCache = new BasicAuthCache();
            authCache.put(proxy, basic);
            context.setAuthCache(authCache);
        }
        return http.execute(request, context, r -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : r.getHeaders()) {
                headers.put(h.getName().toLowerCase(Locale.ROOT), h.getValue());
            }
            byte[] body = r.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(r.getEntity());
            return new RawResponse(r.getCode(), r.getReasonPhrase(), headers.get("content-type"), headers, body);
        });
    }

    /** Gives the shared pool back; the last connection of a pool closes it (its calls in flight fail). */
    @Override
    public void close() {
        pools.release(pooled);
    }

    /**
     * The exec-chain step right after CONNECT: the call's rate-limit permit is sent (checked against the sliding log
     * and counted) when the connection is ready, so the time spent opening a connection or a TLS handshake does not
     * bunch calls at the server.
     */
    private static ClassicHttpResponse sendPermit(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Object permit = scope.clientContext.getAttribute(PERMIT_ATTRIBUTE);
        if (permit instanceof CallRateLimiter.Permit p) {
            try {
                p.send();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PermitInterruptedException(e);
            }
        }
        return chain.proceed(request, scope);
    }

    /** Carries an interruption out of the exec chain: the request was not sent. */
    static final class PermitInterruptedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PermitInterruptedException(InterruptedException cause) {
            super(cause);
        }
    }

    static UsernamePasswordCredentials proxyCredentials(CashfinClientSettings settings) {
        String password = settings.getProxyPassword();
        return new UsernamePasswordCredentials(settings.getProxyUsername(),
                password == null ? new char[0] : password.toCharArray());
    }

    /** The {@code Proxy-Authorization: Basic} token of the proxy credentials, or null without them. */
    private static String proxyBasicToken(CashfinClientSettings settings) {
        if (settings.getProxyUsername() == null) {
            return null;
        }
        String password = settings.getProxyPassword() == null ? "" : settings.getProxyPassword();
        return Base64.getEncoder().encodeToString(
                (settings.getProxyUsername() + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
