package africa.cashfin.camel.leads.api;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP connections that never write the client secret to a log. Apache HttpClient's own connections log every request
 * header (Authorization included) to {@code org.apache.hc.client5.http.headers} and the raw bytes to
 * {@code org.apache.hc.client5.http.wire} when those loggers are at DEBUG; these connections do neither. Instead they
 * log the request line and headers, Authorization and Proxy-Authorization masked, to this class's logger at TRACE.
 */
final class SecretSafeConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

    private static final Logger HEADER_LOG = LoggerFactory.getLogger(SecretSafeConnectionFactory.class);
    private static final AtomicLong COUNTER = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        SecretSafeConnection connection = new SecretSafeConnection("cashfin-" + COUNTER.getAndIncrement());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    /**
     * A plain HTTP/1.1 client connection (what HttpClient's package-private default connection does, minus its header
     * and wire logging).
     */
    private static final class SecretSafeConnection extends DefaultBHttpClientConnection
            implements ManagedHttpClientConnection {

        private final String id;
        private volatile Timeout socketTimeout;

        SecretSafeConnection(String id) {
            super(Http1Config.DEFAULT, null, null, null, null, null, DefaultHttpResponseParserFactory.INSTANCE);
            this.id = id;
        }

        @Override
        public void bind(Socket socket) throws IOException {
            super.bind(socket);
            socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            super.bind(sslSocket, socket);
            socketTimeout = Timeout.ofMilliseconds(sslSocket.getSoTimeout());
        }

        @Override
        public Socket getSocket() {
            SocketHolder holder = getSocketHolder();
            return holder == null ? null : holder.getSocket();
        }

        @Override
        public SSLSession getSSLSession() {
            Socket socket = getSocket();
            return socket instanceof SSLSocket ssl ? ssl.getSession() : null;
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            super.setSocketTimeout(timeout);
            socketTimeout = timeout;
        }

        @Override
        public void passivate() {
            super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
        }

        @Override
        public void activate() {
            super.setSocketTimeout(socketTimeout);
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            if (request != null && HEADER_LOG.isTraceEnabled()) {
                HEADER_LOG.trace("{} >> {} {}", id, request.getMethod(), request.getPath());
                for (Header h : request.getHeaders()) {
                    boolean secret = h.getName().equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
                            || h.getName().equalsIgnoreCase(HttpHeaders.PROXY_AUTHORIZATION);
                    HEADER_LOG.trace("{} >> {}: {}", id, h.getName(), secret ? "xxxxxx" : h.getValue());
                }
            }
        }
    }
}
