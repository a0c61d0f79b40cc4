package africa.cashfin.camel.leads.api;

/**
 * A call to the Cashfin API that got no complete HTTP answer: the connection was refused, timed out, was reset, or
 * the response could not be read.
 * <p>
 * {@link #getKind()} says whether the request can have reached the server. That matters for {@code create}: a
 * {@link FailureKind#NOT_SENT} call is safe to repeat, an {@link FailureKind#AMBIGUOUS} one may already have created
 * the lead.
 */
public class CashfinTransportException extends CashfinException {

    private static final long serialVersionUID = 1L;

    /** Whether the request can have reached the server. */
    public enum FailureKind {
        /** The request never left this JVM (connection refused, connect timeout, unknown host, TLS handshake). */
        NOT_SENT,
        /**
         * The request may have been received and processed (read timeout, connection reset or closed after sending,
         * truncated response).
         */
        AMBIGUOUS
    }

    private final FailureKind kind;

    public CashfinTransportException(String message, FailureKind kind, String method, String path, Throwable cause) {
        super(message, method, path, cause);
        this.kind = kind;
    }

    /** Whether the request can have reached the server. */
    public FailureKind getKind() {
        return kind;
    }

    /** True when the request may have reached the server ({@link FailureKind#AMBIGUOUS}). */
    public boolean isRequestSent() {
        return kind == FailureKind.AMBIGUOUS;
    }
}
