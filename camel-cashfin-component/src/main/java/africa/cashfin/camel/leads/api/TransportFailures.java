package africa.cashfin.camel.leads.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Maps a call that got no complete answer to a {@link CashfinTransportException}: whether the request can have reached
 * the server ({@link CashfinTransportException.FailureKind}), what went wrong (the timeout that ran out) and what to do
 * (for an ambiguous create: look the lead up before sending it again). Every message and cause is masked with the
 * client's {@link SecretMask}.
 */
final class TransportFailures {

    private final CashfinClientSettings settings;
    private final SecretMask secretMask;

    TransportFailures(CashfinClientSettings settings, SecretMask secretMask) {
        this.settings = settings;
        this.secretMask = secretMask;
    }

    /** The failure of {@code method path}, which ended with {@code e} before a complete answer arrived. */
    CashfinTransportException of(String method, String path, IOException e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        what = secretMask.mask(what);
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
                    CashfinTransportException.FailureKind.NOT_SENT, method, path, secretMask.mask(e));
        }
        String detail = e instanceof SocketTimeoutException
                ? "no response within responseTimeout " + settings.getResponseTimeout().toMillis() + " ms"
                : e instanceof InterruptedIOException ? "interrupted" : "the connection failed after sending";
        return new CashfinTransportException(call + ": " + detail + " (" + what + "). The request may or may not"
                + " have been processed" + ("POST".equals(method)
                        ? " (the lead may or may not have been created); check whether the lead exists (list with"
                          + " search=<its email or phone>) before sending it again; option deduplicateBy=email or phone makes the"
                          + " component do that look-up and retry safely."
                        : "; it is safe to repeat."),
                CashfinTransportException.FailureKind.AMBIGUOUS, method, path, secretMask.mask(e));
    }

    /** A call interrupted while {@code what} (e.g. waiting for the rate limiter), before its request was sent. */
    static CashfinTransportException interrupted(String what, InterruptedException e) {
        return new CashfinTransportException("Cashfin call interrupted while " + what + "; the request was not sent.",
                CashfinTransportException.FailureKind.NOT_SENT, null, null, e);
    }
}
