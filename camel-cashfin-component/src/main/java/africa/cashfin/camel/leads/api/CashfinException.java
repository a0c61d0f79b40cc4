package africa.cashfin.camel.leads.api;

/**
 * Base of every failure of a call to the Cashfin API. It names the call ({@link #getMethod()}, {@link #getPath()})
 * and never carries the client secret.
 * <ul>
 * <li>{@link CashfinApiException}: the server answered, but not with a usable success (non-2xx status,
 * {@code "success": false}, or a body that is not the JSON the API documents).</li>
 * <li>{@link CashfinTransportException}: no complete answer arrived (connection refused, reset, timed out).</li>
 * </ul>
 */
public abstract class CashfinException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final String path;

    protected CashfinException(String message, String method, String path, Throwable cause) {
        super(message, cause);
        this.method = method;
        this.path = path;
    }

    /** HTTP method of the failed call, e.g. {@code POST}. */
    public String getMethod() {
        return method;
    }

    /** Path of the failed call without query string, e.g. {@code /business/lead/create}. */
    public String getPath() {
        return path;
    }
}
