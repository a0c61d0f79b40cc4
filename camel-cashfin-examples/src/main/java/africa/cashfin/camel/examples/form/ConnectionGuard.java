package africa.cashfin.camel.examples.form;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.Router;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the form's HTTP server (Camel Main's embedded Vert.x server, {@code camel.server.*}) against connections
 * that are opened and left: Camel 4.17 offers no timeout settings for it, so the app binds its own Vert.x instance
 * ({@link #guard(Vertx)}), which the server finds in the registry and on which it creates its HTTP server; the guard
 * adds, on that server only:
 * <ul>
 * <li>an <b>idle timeout</b>: a connection with nothing read or written for {@code idleTimeout} is closed (Vert.x's
 * {@link HttpServerOptions#setIdleTimeout(int)});</li>
 * <li>a <b>header timeout</b>: a connection whose first request has not arrived in full (request line and headers)
 * within {@code headerTimeout} of opening is closed, so a client sending a byte now and then (slowloris) does not keep
 * it open;</li>
 * <li>a <b>per-address connection cap</b>: a remote address with {@code maxPerAddress} connections open has further
 * ones closed at once (one warning line when an address starts being capped). Trusted proxies are exempt (every
 * client behind them shares their address).</li>
 * </ul>
 * Thread-safe.
 */
public final class ConnectionGuard implements Handler<HttpConnection> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final Duration idleTimeout;
    private final Duration headerTimeout;
    private final int maxPerAddress;
    private final ClientAddress proxies;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Set<String> capped = ConcurrentHashMap.newKeySet();
    private final Set<HttpConnection> answered = ConcurrentHashMap.newKeySet();
    private volatile Vertx vertx;

    /**
     * @param idleTimeout   close a connection idle this long (at least one second)
     * @param headerTimeout close a connection whose first request has not arrived in this time
     * @param maxPerAddress connections one address may hold open, at least 1
     * @param proxies       the trusted proxies (exempt from the cap)
     */
    public ConnectionGuard(Duration idleTimeout, Duration headerTimeout, int maxPerAddress, ClientAddress proxies) {
        if (idleTimeout.toSeconds() < 1 || headerTimeout.toMillis() < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("The HTTP idle timeout must be at least PT1S, the header timeout"
                    + " positive and the connections per address at least 1 (cashfin.form.http.*)");
        }
        this.idleTimeout = idleTimeout;
        this.headerTimeout = headerTimeout;
        this.maxPerAddress = maxPerAddress;
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    /**
     * A Vert.x instance to bind in the registry: {@code real} itself, except that every HTTP server created on it gets
     * the idle timeout and this guard as its connection handler, and the form's body limit ({@link FormBodyLimit}) on
     * its options and on the router it serves.
     */
    public Vertx guard(Vertx real, FormBodyLimit bodyLimit) {
        this.vertx = real;
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("createHttpServer")) {
                HttpServerOptions options = args == null || args.length == 0 ? new HttpServerOptions()
                        : new HttpServerOptions((HttpServerOptions) args[0]);
                options.setIdleTimeout((int) idleTimeout.toSeconds());
                HttpServer server = real.createHttpServer(bodyLimit.applyTo(options));
                server.connectionHandler(this);
                return marking(server, bodyLimit);
            }
            return invoke(real, method, args);
        };
        return (Vertx) Proxy.newProxyInstance(ConnectionGuard.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, handler);
    }

    /**
     * The server, except that its request handler first marks the connection as having sent a whole request (and,
     * being Camel's router, answers a body over the limit as {@code bodyLimit} says).
     */
    private HttpServer marking(HttpServer real, FormBodyLimit bodyLimit) {
        HttpServer[] self = new HttpServer[1];
        self[0] = (HttpServer) Proxy.newProxyInstance(ConnectionGuard.class.getClassLoader(),
                new Class<?>[] {HttpServer.class}, (proxy, method, args) -> {
                    Object[] a = args;
                    if (method.getName().equals("requestHandler") && args != null && args.length == 1) {
                        @SuppressWarnings("unchecked")
                        Handler<HttpServerRequest> h = (Handler<HttpServerRequest>) args[0];
                        if (h instanceof Router router) {
                            bodyLimit.answerOn(router);
                        }
                        Handler<HttpServerRequest> first = request -> {
                            answered.add(request.connection());
                            h.handle(request);
                        };
                        a = new Object[] {first};
                    }
                    Object result = invoke(real, method, a);
                    return result == real ? self[0] : result;
                });
        return self[0];
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public void handle(HttpConnection connection) {
        String address = connection.remoteAddress() == null ? "" : connection.remoteAddress().hostAddress();
        AtomicInteger count = open.compute(address, (k, v) -> {
            AtomicInteger n = v == null ? new AtomicInteger() : v;
            n.incrementAndGet();
            return n;
        });
        AtomicBoolean closed = new AtomicBoolean();
        connection.closeHandler(v -> {
            if (closed.compareAndSet(false, true)) {
                answered.remove(connection);
                open.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
            }
        });
        if (count.get() > maxPerAddress && !proxies.isTrustedProxy(address)) {
            if (capped.add(address)) {
                LOG.warn("Contact form: {} holds {} connections open; further ones are closed at once until it closes"
                         + " some (cashfin.form.http.max-connections-per-address)", address, maxPerAddress);
            }
            connection.close();
            return;
        }
        capped.remove(address);
        vertx.setTimer(headerTimeout.toMillis(), id -> {
            if (!closed.get() && !answered.contains(connection)) {
                LOG.debug("Contact form: closed a connection from {} that sent no whole request in {}", address,
                        headerTimeout);
                connection.close();
            }
        });
    }
}
