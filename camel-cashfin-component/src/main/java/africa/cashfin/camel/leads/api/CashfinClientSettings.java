package africa.cashfin.camel.leads.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import io.github.bucket4j.distributed.proxy.ProxyManager;

import africa.cashfin.camel.leads.api.limit.BudgetShares;
import africa.cashfin.camel.leads.api.limit.RateLimits;
import africa.cashfin.camel.leads.api.limit.RetryPolicy;
import africa.cashfin.camel.leads.api.limit.SecretFingerprint;
import africa.cashfin.camel.leads.api.limit.SharedAdmissionLog;

/**
 * Everything a {@link CashfinClient} needs to talk to one Cashfin account: base URL, client secret, timeouts, pool
 * size, TLS, HTTP proxy, the call limits of the secret and the retry budget. Immutable; build with {@link #builder()}.
 * <p>
 * Two settings are {@link #equals(Object) equal} when every field matches; the secret and the proxy credentials take
 * part through their {@link SecretFingerprint} only, and {@link #toString()} never shows them.
 */
public final class CashfinClientSettings {

    /** The production API (the only Cashfin environment). */
    public static final String DEFAULT_BASE_URL = BaseUrlAndProxy.DEFAULT_BASE_URL;
    /** Default time to establish a TCP/TLS connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time to wait for the response once the request is sent. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Default size of the connection pool. */
    public static final int DEFAULT_MAX_CONNECTIONS = 20;

    private final URI baseUrl;
    private final String clientSecret;
    private final SecretFingerprint secretFingerprint;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int maxConnections;
    private final SSLContext sslContext;
    private final RateLimits rateLimits;
    private final ProxyManager<String> rateLimitStore;
    private final String budgetShare;
    private final double budgetReserve;
    private final SharedAdmissionLog rateLimitLog;
    private final int maxRetries;
    private final Duration maxRetryWait;
    private final String proxyHost;
    private final int proxyPort;
    private final String proxyUsername;
    private final String proxyPassword;
    /** The fingerprint of the proxy credentials; null without them. */
    private final SecretFingerprint proxyCredentialsFingerprint;
    /** The tenant of the endpoints using these settings (a metrics tag), or null. */
    private final String tenant;

    private CashfinClientSettings(Builder b) {
        if (b.clientSecret == null || b.clientSecret.isBlank()) {
            throw new IllegalArgumentException(
                    "The Cashfin client secret is missing: set clientSecret (it is sent as the Authorization header)");
        }
        this.baseUrl = BaseUrlAndProxy.checkBaseUrl(b.baseUrl == null ? DEFAULT_BASE_URL : b.baseUrl);
        this.clientSecret = b.clientSecret.trim();
        this.secretFingerprint = SecretFingerprint.of(this.clientSecret);
        this.connectTimeout = positive("connectTimeout", b.connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        this.responseTimeout = positive("responseTimeout", b.responseTimeout, DEFAULT_RESPONSE_TIMEOUT);
        if (b.maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be 1 or more, got " + b.maxConnections);
        }
        this.maxConnections = b.maxConnections;
        this.sslContext = b.sslContext;
        this.rateLimits = b.rateLimits == null ? RateLimits.unlimited() : b.rateLimits;
        this.rateLimitStore = b.rateLimitStore;
        if (!(b.budgetReserve >= 0 && b.budgetReserve <= BudgetShares.MAX_TOTAL_RESERVE)) {
            throw new IllegalArgumentException("budgetReserve must be a fraction from 0 to "
                    + BudgetShares.MAX_TOTAL_RESERVE + " of the secret's call budget (e.g. 0.3 for 30 %), got "
                    + b.budgetReserve);
        }
        this.budgetReserve = b.budgetReserve;
        // the name matters only with a reserve: endpoints without one draw on the pool and share a client as before
        this.budgetShare = b.budgetReserve == 0 ? null : blankToNull(b.budgetShare);
        if (this.budgetReserve > 0 && this.budgetShare == null) {
            throw new IllegalArgumentException("budgetReserve=" + b.budgetReserve + " needs a share name (budgetShare)");
        }
        this.rateLimitLog = b.rateLimitLog;
        if (b.maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more (0 disables retrying), got " + b.maxRetries);
        }
        this.maxRetries = b.maxRetries;
        if (b.maxRetryWait == null || b.maxRetryWait.isNegative()) {
            throw new IllegalArgumentException("maxRetryWait must be a duration of 0 or more (e.g. 60s), got "
                                               + b.maxRetryWait);
        }
        this.maxRetryWait = b.maxRetryWait;
        BaseUrlAndProxy.checkProxy(this.baseUrl, b.proxyHost, b.proxyPort, b.proxyUsername, b.proxyPassword);
        this.proxyHost = blankToNull(b.proxyHost);
        this.proxyPort = this.proxyHost == null ? 0 : b.proxyPort;
        this.proxyUsername = this.proxyHost == null ? null : blankToNull(b.proxyUsername);
        this.proxyPassword = this.proxyUsername == null ? null : b.proxyPassword;
        this.tenant = blankToNull(b.tenant);
        this.proxyCredentialsFingerprint = this.proxyUsername == null ? null : SecretFingerprint.of(
                this.proxyUsername + "\u0000" + (this.proxyPassword == null ? "" : this.proxyPassword));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A builder with the defaults filled in (base URL, timeouts, pool size); only the secret must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Base URL without trailing slash, e.g. {@code https://api.cashfin.africa}. */
    public URI getBaseUrl() {
        return baseUrl;
    }

    /** The client secret. Handle with care: never log it. */
    public String getClientSecret() {
        return clientSecret;
    }

    /**
     * A stable, non-reversible identity of the secret (the first 16 hex digits of its {@link SecretFingerprint}): to key
     * per-account resources such as a rate limiter without holding the secret in a map key or a log line.
     */
    public String getSecretFingerprint() {
        return secretFingerprint.hex().substring(0, 16);
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /** The TLS context to use, or null for the JVM default. */
    /** The fingerprint of the proxy credentials, or null without them: keys a shared connection pool. */
    SecretFingerprint proxyCredentialsFingerprint() {
        return proxyCredentialsFingerprint;
    }

    public SSLContext getSslContext() {
        return sslContext;
    }

    /** The call limits of the secret (plan, explicit limits, margin); {@link RateLimits#unlimited()} by default. */
    public RateLimits getRateLimits() {
        return rateLimits;
    }

    /** A distributed Bucket4j store shared by the JVMs using this secret, or null for a bucket in this JVM. */
    public ProxyManager<String> getRateLimitStore() {
        return rateLimitStore;
    }

    /** The name of the budget share whose reserve this client's calls use; null when it has no reserve. */
    public String getBudgetShare() {
        return budgetShare;
    }

    /** The fraction of the secret's call budget reserved for this client's calls; 0 for none (the pool only). */
    public double getBudgetReserve() {
        return budgetReserve;
    }

    /** The sliding log of sends shared by the JVMs using this secret, or null to keep it in this JVM. */
    public SharedAdmissionLog getRateLimitLog() {
        return rateLimitLog;
    }

    /** Retries after the first attempt of one call; 0 disables retrying. */
    public int getMaxRetries() {
        return maxRetries;
    }

    /** The longest total wait of one call: for the rate limiter and between its retries. */
    public Duration getMaxRetryWait() {
        return maxRetryWait;
    }

    /** The HTTP proxy host, or null to connect directly. */
    public String getProxyHost() {
        return proxyHost;
    }

    /** The HTTP proxy port; 0 when there is no proxy. */
    public int getProxyPort() {
        return proxyPort;
    }

    /** The user name for the proxy's Basic authentication, or null for none. Never log it. */
    public String getProxyUsername() {
        return proxyUsername;
    }

    /** The tenant of the endpoints that use this client (their {@code tenantId}, a metrics tag), or null. */
    public String getTenant() {
        return tenant;
    }

    /** The password for the proxy's Basic authentication, or null for none. Handle with care: never log it. */
    public String getProxyPassword() {
        return proxyPassword;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CashfinClientSettings other)) {
            return false;
        }
        return baseUrl.equals(other.baseUrl) && secretFingerprint.equals(other.secretFingerprint)
                && connectTimeout.equals(other.connectTimeout) && responseTimeout.equals(other.responseTimeout)
                && maxConnections == other.maxConnections && sslContext == other.sslContext
                && rateLimits.equals(other.rateLimits) && rateLimitStore == other.rateLimitStore
                && Objects.equals(budgetShare, other.budgetShare)
                && Double.compare(budgetReserve, other.budgetReserve) == 0
                && rateLimitLog == other.rateLimitLog
                && maxRetries == other.maxRetries && maxRetryWait.equals(other.maxRetryWait)
                && Objects.equals(proxyHost, other.proxyHost) && proxyPort == other.proxyPort
                && Objects.equals(proxyCredentialsFingerprint, other.proxyCredentialsFingerprint)
                && Objects.equals(tenant, other.tenant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseUrl, secretFingerprint, connectTimeout, responseTimeout, maxConnections,
                System.identityHashCode(sslContext), rateLimits, System.identityHashCode(rateLimitStore),
                System.identityHashCode(rateLimitLog), budgetShare, budgetReserve, maxRetries,
                maxRetryWait, proxyHost, proxyPort, proxyCredentialsFingerprint, tenant);
    }

    @Override
    public String toString() {
        return "CashfinClientSettings[baseUrl=" + baseUrl + ", clientSecret=xxxxxx, connectTimeout=" + connectTimeout
               + ", responseTimeout=" + responseTimeout + ", maxConnections=" + maxConnections + ", sslContext="
               + (sslContext == null ? "default" : "custom") + ", rateLimits=" + rateLimits + ", rateLimitStore="
               + (rateLimitStore == null ? "local" : "distributed") + ", rateLimitLog="
               + (rateLimitLog == null ? "local" : "shared")
               + (budgetShare == null ? "" : ", budgetShare=" + budgetShare + ", budgetReserve=" + budgetReserve)
               + ", maxRetries=" + maxRetries + ", maxRetryWait="
               + maxRetryWait + ", proxy=" + (proxyHost == null ? "none" : proxyHost + ":" + proxyPort
               + (proxyUsername == null ? "" : " (proxyUsername=xxxxxx, proxyPassword=xxxxxx)"))
               + (tenant == null ? "" : ", tenant=" + tenant) + "]";
    }

    private static Duration positive(String name, Duration value, Duration dflt) {
        Duration d = value == null ? dflt : value;
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration (e.g. 10s), got " + d.toMillis()
                                               + " ms; an endless wait would hang the route");
        }
        return d;
    }

    /** Builder of {@link CashfinClientSettings}. */
    public static final class Builder {
        private String baseUrl;
        private String clientSecret;
        private Duration connectTimeout;
        private Duration responseTimeout;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private SSLContext sslContext;
        private RateLimits rateLimits;
        private ProxyManager<String> rateLimitStore;
        private String budgetShare;
        private double budgetReserve;
        private SharedAdmissionLog rateLimitLog;
        private int maxRetries = RetryPolicy.DEFAULT_MAX_RETRIES;
        private Duration maxRetryWait = RetryPolicy.DEFAULT_MAX_RETRY_WAIT;
        private String proxyHost;
        private Integer proxyPort;
        private String proxyUsername;
        private String proxyPassword;
        private String tenant;

        private Builder() {
        }

        /** The tenant of the endpoints using the client (a metrics tag); null for none. */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /** An HTTP proxy (host and port) to reach the API through; a null or blank host connects directly. */
        public Builder proxy(String host, Integer port) {
            this.proxyHost = host;
            this.proxyPort = port;
            return this;
        }

        /** Basic credentials for the proxy ({@code Proxy-Authorization}); null for a proxy without authentication. */
        public Builder proxyCredentials(String username, String password) {
            this.proxyUsername = username;
            this.proxyPassword = password;
            return this;
        }

        /** Base URL; default {@value CashfinClientSettings#DEFAULT_BASE_URL}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The client secret (required), sent as {@code Authorization: <secret>}. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** TLS context; null for the JVM default. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** The call limits of the secret; null or {@link RateLimits#unlimited()} for none (the default). */
        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = rateLimits;
            return this;
        }

        /** A distributed Bucket4j store for the secret's bucket; null (default) keeps it in this JVM. */
        public Builder rateLimitStore(ProxyManager<String> rateLimitStore) {
            this.rateLimitStore = rateLimitStore;
            return this;
        }

        /**
         * The budget share of this client's calls: {@code reserve} (0 to {@link BudgetShares#MAX_TOTAL_RESERVE}) of
         * the secret's budget kept for the share named {@code name}; 0 (default) for the pool only.
         */
        public Builder budgetShare(String name, double reserve) {
            this.budgetShare = name;
            this.budgetReserve = reserve;
            return this;
        }

        /** The sliding log of sends shared by the JVMs using this secret; null (default) keeps it in this JVM. */
        public Builder rateLimitLog(SharedAdmissionLog rateLimitLog) {
            this.rateLimitLog = rateLimitLog;
            return this;
        }

        /** Retries after the first attempt of one call (default 3); 0 disables retrying. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** The longest total wait of one call, for the limiter and between retries (default 60 s). */
        public Builder maxRetryWait(Duration maxRetryWait) {
            this.maxRetryWait = maxRetryWait;
            return this;
        }

        public CashfinClientSettings build() {
            return new CashfinClientSettings(this);
        }
    }
}
