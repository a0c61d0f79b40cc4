package africa.cashfin.camel.leads.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;

/**
 * A thread-safe client of the Cashfin Leads API for one account (one base URL and client secret). Plain Java: it knows
 * nothing of Camel.
 * <p>
 * One pooled Apache HttpClient 5 per instance; HTTP/1.1; no automatic retries and no redirects (a redirect would carry
 * the secret to another host); connections that never log the Authorization header ({@link SecretSafeConnectionFactory}). Every call goes through {@link #send}, the single place where rate limiting and retries
 * are applied.
 * <p>
 * Failures: {@link CashfinApiException} when the server answered badly, {@link CashfinTransportException} when no
 * complete answer arrived. Neither ever contains the client secret.
 */
public class CashfinClient implements Closeable {

    /** Path of the create call. */
    public static final String CREATE_PATH = "/business/lead/create";
    /** Path of the list call. */
    public static final String LIST_PATH = "/business/lead/list";

    private static final Logger LOG = LoggerFactory.getLogger(CashfinClient.class);
    private static final String USER_AGENT = "camel-cashfin/0.1";

    private final CashfinClientSettings settings;
    private final PoolingHttpClientConnectionManager connectionManager;
    private final CloseableHttpClient http;
    private final ResponseReader reader;

    /** A client with its own connection pool; {@link #close()} it when done. */
    public CashfinClient(CashfinClientSettings settings) {
        this.settings = settings;
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
        this.http = HttpClients.custom()
                .setConnectionManager(connectionManager)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.getResponseTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent(USER_AGENT)
                .build();
        this.reader = new ResponseReader(settings.getClientSecret(), System::currentTimeMillis);
    }

    /** The settings this client was built with. */
    public CashfinClientSettings getSettings() {
        return settings;
    }

    /**
     * Creates a lead: {@code POST /business/lead/create} with the lead's 14 request fields (never {@code _id},
     * timestamps or unknown extras). The lead should have been validated ({@code LeadValidator}) before.
     *
     * @return the created lead as the API returned it under {@code data}, with its {@code _id}
     * @throws CashfinApiException       the API refused or answered unreadably
     * @throws CashfinTransportException no complete answer; see {@link CashfinTransportException#getKind()}
     */
    public Lead create(Lead lead) {
        HttpPost post = new HttpPost(uri(CREATE_PATH, List.of()));
        post.setEntity(new ByteArrayEntity(LeadJson.toCreateRequest(lead), ContentType.APPLICATION_JSON));
        RawResponse response = send(post, CREATE_PATH);
        return reader.readCreated("POST", CREATE_PATH, response);
    }

    /**
     * Reads one page of leads: {@code GET /business/lead/list} with the query's non-null parameters. Page info is read
     * from {@code pagination} or, failing that, {@code meta}.
     *
     * @throws CashfinApiException       the API refused or answered unreadably
     * @throws CashfinTransportException no complete answer; see {@link CashfinTransportException#getKind()}
     */
    public LeadPage list(LeadQuery query) {
        List<NameValuePair> params = new ArrayList<>();
        add(params, "page", query.page());
        add(params, "limit", query.limit());
        add(params, "search", query.search());
        add(params, "status", query.status());
        add(params, "source", query.source());
        HttpGet get = new HttpGet(uri(LIST_PATH, params));
        RawResponse response = send(get, LIST_PATH);
        return reader.readPage("GET", LIST_PATH, response);
    }

    /** Closes the connection pool. Calls in flight fail. */
    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
        connectionManager.close(CloseMode.GRACEFUL);
    }

    @Override
    public String toString() {
        return "CashfinClient[" + settings.getBaseUrl() + "]";
    }

    /**
     * The single exit to the network: adds the Authorization header, executes, reads the whole answer and maps I/O
     * failures to {@link CashfinTransportException}. Rate limiting and retries belong here.
     */
    private RawResponse send(HttpUriRequestBase request, String path) {
        request.setHeader(HttpHeaders.AUTHORIZATION, settings.getClientSecret());
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        String method = request.getMethod();
        long start = System.nanoTime();
        try {
            RawResponse response = http.execute(request, r -> {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Header h : r.getHeaders()) {
                    headers.put(h.getName().toLowerCase(Locale.ROOT), h.getValue());
                }
                byte[] body = r.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(r.getEntity());
                return new RawResponse(r.getCode(), r.getReasonPhrase(), headers.get("content-type"), headers, body);
            });
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {}{} -> HTTP {} ({} bytes) in {} ms", method, settings.getBaseUrl(), path,
                        response.status(), response.body().length,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            return response;
        } catch (IOException e) {
            LOG.debug("{} {}{} failed after {} ms: {}", method, settings.getBaseUrl(), path,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), e.toString());
            throw transportFailure(method, path, e);
        }
    }

    private CashfinTransportException transportFailure(String method, String path, IOException e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        what = what.replace(settings.getClientSecret(), "xxxxxx");
        String call = "Cashfin " + method + " " + path + " at " + settings.getBaseUrl();
        if (e instanceof ConnectException || e instanceof ConnectTimeoutException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || e instanceof SSLHandshakeException
                || e instanceof SSLPeerUnverifiedException) {
            String timeout = e instanceof ConnectTimeoutException
                    ? " within connectTimeout " + settings.getConnectTimeout().toMillis() + " ms" : "";
            String advice = e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException
                    ? "the server's TLS certificate is not trusted for this host; check baseUrl and"
                      + " sslContextParameters (trust store)"
                    : "check baseUrl, DNS, proxy and firewall, then retry";
            return new CashfinTransportException(call + ": could not connect" + timeout + " (" + what
                    + "). The request was not sent; " + advice + ".",
                    CashfinTransportException.FailureKind.NOT_SENT, method, path, e);
        }
        String detail = e instanceof SocketTimeoutException
                ? "no response within responseTimeout " + settings.getResponseTimeout().toMillis() + " ms"
                : e instanceof InterruptedIOException ? "interrupted" : "the connection failed after sending";
        return new CashfinTransportException(call + ": " + detail + " (" + what + "). The request may or may not"
                + " have been processed" + ("POST".equals(method)
                        ? "; check whether the lead exists (list with search) before sending it again."
                        : "; it is safe to repeat."),
                CashfinTransportException.FailureKind.AMBIGUOUS, method, path, e);
    }

    private URI uri(String path, List<NameValuePair> params) {
        try {
            URI base = settings.getBaseUrl();
            URIBuilder b = new URIBuilder(base);
            String basePath = base.getRawPath() == null ? "" : base.getRawPath();
            b.setPath(basePath + path);
            if (!params.isEmpty()) {
                b.addParameters(params);
            }
            return b.build();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot build the URL for " + path + ": " + e.getReason(), e);
        }
    }

    private static void add(List<NameValuePair> params, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            params.add(new BasicNameValuePair(name, value.toString()));
        }
    }
}
