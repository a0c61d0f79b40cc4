package africa.cashfin.camel.leads;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;

import africa.cashfin.camel.leads.api.CashfinClientSettings;
import africa.cashfin.camel.leads.api.LeadQuery;
import africa.cashfin.camel.leads.model.LeadStatus;

/**
 * Every option of a {@code cashfin-leads:} endpoint. The component holds one instance as the defaults; each endpoint
 * works on its own {@link #copy()}.
 */
@UriParams
public class CashfinLeadsConfiguration implements Cloneable {

    @UriPath(description = "The operation: `create` (one lead from the body) or `list` (one page of leads).",
             enums = "create,list")
    @Metadata(required = true)
    private CashfinLeadsOperation operation;

    @UriParam(label = "security", secret = true,
              description = "The Cashfin client secret (`cs_...`), sent as the `Authorization` header. Set it once"
                            + " for all endpoints with `camel.component.cashfin-leads.client-secret`, ideally from an"
                            + " environment variable or vault; in a URI wrap it as `RAW(...)`.")
    @Metadata(required = true)
    private String clientSecret;

    @UriParam(defaultValue = CashfinClientSettings.DEFAULT_BASE_URL,
              description = "The API base URL. `http://` is refused unless the host is loopback (localhost,"
                            + " 127.0.0.0/8, ::1), e.g. a local simulator, because the secret must not travel in"
                            + " clear text.")
    private String baseUrl = CashfinClientSettings.DEFAULT_BASE_URL;

    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "How long to wait for a connection (TCP + TLS) to the API, in milliseconds or as a"
                            + " duration such as `10s`. A call that cannot connect in time fails without having"
                            + " been sent.")
    private long connectTimeout = 10_000;

    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long to wait for the response once the request is sent, in milliseconds or as a"
                            + " duration such as `30s`. A call that times out may still have been processed.")
    private long responseTimeout = 30_000;

    @UriParam(label = "security",
              description = "TLS settings (trust store, key store, protocols) for the connection to the API. Default:"
                            + " the JVM's.")
    private SSLContextParameters sslContextParameters;

    @UriParam(label = "advanced", defaultValue = "20",
              description = "The size of the HTTP connection pool, shared by all endpoints with the same base URL,"
                            + " secret and connection options.")
    private int maxConnections = CashfinClientSettings.DEFAULT_MAX_CONNECTIONS;

    @UriParam(description = "create: the lead source (e.g. `website`) set on leads that carry none. list: only leads"
                            + " with this source.")
    private String source;

    @UriParam(label = "producer",
              description = "list: the page to read, 1-based (API default 1). Header `CamelCashfinPage` overrides it.")
    private Integer page;

    @UriParam(description = "list: leads per page, 1..100 (API default 10). Header `CamelCashfinLimit` overrides it.")
    private Integer limit;

    @UriParam(description = "list: only leads whose name, email, phone or company match this text. Header"
                            + " `CamelCashfinSearch` overrides it.")
    private String search;

    @UriParam(enums = "new,contacted,qualified,converted,lost",
              description = "list: only leads with this status (new, contacted, qualified, converted, lost; any case)."
                            + " Header `CamelCashfinStatus` overrides it.")
    private String status;

    /** An independent copy, so an endpoint can change its options without touching the component's defaults. */
    public CashfinLeadsConfiguration copy() {
        try {
            return (CashfinLeadsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /**
     * Checks the options together; called when the endpoint is created so a bad URI fails at route start.
     *
     * @throws IllegalArgumentException saying which option is wrong and what to do
     */
    public void validate() {
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientSecret is required: set it once with"
                                               + " camel.component.cashfin-leads.client-secret (e.g. from an environment"
                                               + " variable) or on the endpoint as clientSecret=RAW(cs_...)");
        }
        CashfinClientSettings.checkBaseUrl(effectiveBaseUrl());
        if (connectTimeout <= 0) {
            throw new IllegalArgumentException("connectTimeout must be positive (e.g. 10s), got " + connectTimeout);
        }
        if (responseTimeout <= 0) {
            throw new IllegalArgumentException("responseTimeout must be positive (e.g. 30s), got " + responseTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be 1 or more, got " + maxConnections);
        }
        checkPage("page option", page);
        checkLimit("limit option", limit);
        status = checkStatus("status option", status);
    }

    /** @throws IllegalArgumentException when {@code page} is set and below 1 */
    static void checkPage(String what, Integer page) {
        if (page != null && page < 1) {
            throw new IllegalArgumentException(what + " must be 1 or more (pages are 1-based), got " + page);
        }
    }

    /** @throws IllegalArgumentException when {@code limit} is set and outside 1..100 */
    static void checkLimit(String what, Integer limit) {
        if (limit != null && (limit < 1 || limit > LeadQuery.MAX_LIMIT)) {
            throw new IllegalArgumentException(what + " must be between 1 and " + LeadQuery.MAX_LIMIT + " (the API's"
                                               + " maximum page size), got " + limit);
        }
    }

    /** The status in wire form (lower case), null when blank; throws for an unknown status. */
    static String checkStatus(String what, String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return LeadStatus.parse(status).map(LeadStatus::wireValue).orElseThrow(() -> new IllegalArgumentException(
                what + " '" + status + "' is not a lead status; use one of " + LeadStatus.allowedValues()));
    }

    /** The base URL, defaulting when unset. */
    String effectiveBaseUrl() {
        return baseUrl == null || baseUrl.isBlank() ? CashfinClientSettings.DEFAULT_BASE_URL : baseUrl.trim();
    }

    public CashfinLeadsOperation getOperation() {
        return operation;
    }

    /** The operation: create or list. */
    public void setOperation(CashfinLeadsOperation operation) {
        this.operation = operation;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    /** The Cashfin client secret, sent as the Authorization header. */
    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    /** The API base URL; https, or http to a loopback host only. */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /** Connect timeout in milliseconds. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    /** Response timeout in milliseconds. */
    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /** TLS settings for the connection to the API. */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /** Size of the HTTP connection pool. */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public String getSource() {
        return source;
    }

    /** create: default source; list: source filter. */
    public void setSource(String source) {
        this.source = source;
    }

    public Integer getPage() {
        return page;
    }

    /** list: page to read, 1-based. */
    public void setPage(Integer page) {
        this.page = page;
    }

    public Integer getLimit() {
        return limit;
    }

    /** list: page size, 1..100. */
    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public String getSearch() {
        return search;
    }

    /** list: search text. */
    public void setSearch(String search) {
        this.search = search;
    }

    public String getStatus() {
        return status;
    }

    /** list: status filter. */
    public void setStatus(String status) {
        this.status = status;
    }

    /** Options for logs: the secret is never shown. */
    @Override
    public String toString() {
        return "CashfinLeadsConfiguration[operation=" + operation + ", baseUrl=" + baseUrl + ", clientSecret="
               + (clientSecret == null ? "unset" : "xxxxxx") + ", source=" + source + ", page=" + page + ", limit="
               + limit + ", status=" + status + "]";
    }
}
