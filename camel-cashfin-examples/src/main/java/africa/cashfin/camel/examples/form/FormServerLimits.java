package africa.cashfin.camel.examples.form;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.Settings;

/**
 * The one home of the form's HTTP server limits (Camel Main's embedded Vert.x server, {@code camel.server.*}): Camel
 * 4.17 offers no timeout settings for it, so the app binds its own Vert.x instance ({@link #customise(Vertx)}), which
 * the server finds in the registry and on which it creates its HTTP server; on that server only, these limits add:
 * <ul>
 * <li>an <b>idle timeout</b> ({@value #IDLE_TIMEOUT}): a connection with nothing read or written for that long is
 * closed (Vert.x's {@link HttpServerOptions#setIdleTimeout(int)});</li>
 * <li>a <b>header timeout</b> ({@value #HEADER_TIMEOUT}): a connection whose first request has not arrived in full
 * (request line and headers) within that time of opening is closed, so a client sending a byte now and then
 * (slowloris) does not keep it open;</li>
 * <li>a <b>per-address connection cap</b> ({@value #MAX_PER_ADDRESS}): a remote address with that many connections
 * open has further ones closed at once (one warning line when an address starts being capped). Trusted proxies are
 * exempt (every client behind them shares their address);</li>
 * <li>the <b>body limit</b> ({@value #MAX_BODY_SIZE}, applied by Vert.x's body handler through
 * {@code camel.server.max-body-size}) as a visitor meets it: a body over it, sent with a {@code Content-Length} or
 * chunked, is answered 413 with one plain line saying the limit. Without this a chunked form body over the limit got
 * 400: Vert.x decodes a form body as it arrives, and its form decoder gives up at 8 KB for one field
 * ({@code maxFormAttributeSize}) and 1 KB of a field not yet complete ({@code maxFormBufferedBytes}), failing the
 * request as a bad one before the body handler counts the body past its limit. Both decoder limits are set above the
 * largest body limit by one chunk ({@code maxChunkSize}, the most Vert.x hands on at a time): a body handler then
 * always refuses first, and no field of a body within its limit is refused;</li>
 * <li><b>a path's own body limit</b> ({@link #limitBody(BodyLimit)}): the body of a request to that path which the
 * path {@linkplain BodyLimit#admits admits} is read with the path's limit instead of the server's, and a body over it
 * is answered 413 with the path's line and counted by the path's {@link BodyLimit#onRefusal} (the form counts its
 * size refusals so; the operations page's upload takes files far larger than a form). A request the path does not
 * admit keeps the server's limit, so nobody without the page's credentials can make the server hold a large body.
 * Any other path's body over the server's limit is answered 413 with a line that names no form and counts
 * nothing.</li>
 * </ul>
 * Thread-safe.
 */
public final class FormServerLimits implements Handler<HttpConnection> {

    /** Setting: close a connection idle this long. */
    public static final String IDLE_TIMEOUT = "cashfin.form.http.idle-timeout";
    /** Setting: close a connection whose first request has not arrived in this time. */
    public static final String HEADER_TIMEOUT = "cashfin.form.http.header-timeout";
    /** Setting: connections one address may hold open. */
    public static final String MAX_PER_ADDRESS = "cashfin.form.http.max-connections-per-address";
    /** Setting: the largest request body in bytes (every path without a limit of its own). */
    public static final String MAX_BODY_SIZE = "cashfin.form.max-body-size";

    private static final Logger LOG = LoggerFactory.getLogger(FormServerLimits.class);
    /** Routing context key: the path's own limit the body was read with. */
    private static final String BODY_LIMIT = FormServerLimits.class.getName() + ".bodyLimit";

    private final Duration idleTimeout;
    private final Duration headerTimeout;
    private final int maxPerAddress;
    private final ClientAddress proxies;
    private final long maxBodySize;
    private final List<BodyLimit> bodyLimits = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Set<String> capped = ConcurrentHashMap.newKeySet();
    private final Set<HttpConnection> answered = ConcurrentHashMap.newKeySet();
    private volatile Vertx vertx;

    /**
     * @param idleTimeout   close a connection idle this long (at least one second)
     * @param headerTimeout close a connection whose first request has not arrived in this time
     * @param maxPerAddress connections one address may hold open, at least 1
     * @param proxies       the trusted proxies (exempt from the cap)
     * @param maxBodySize   the largest request body in bytes on a path without a limit of its own, at least 1
     */
    public FormServerLimits(Duration idleTimeout, Duration headerTimeout, int maxPerAddress, ClientAddress proxies,
            long maxBodySize) {
        if (idleTimeout.toSeconds() < 1 || headerTimeout.toMillis() < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("The HTTP idle timeout must be at least PT1S, the header timeout"
                    + " positive and the connections per address at least 1 (cashfin.form.http.*)");
        }
        if (maxBodySize < 1) {
            throw new IllegalArgumentException("The form's body limit (cashfin.form.max-body-size) must be at least 1"
                                               + " byte, not " + maxBodySize);
        }
        this.idleTimeout = idleTimeout;
        this.headerTimeout = headerTimeout;
        this.maxPerAddress = maxPerAddress;
        this.proxies = Objects.requireNonNull(proxies, "proxies");
        this.maxBodySize = maxBodySize;
    }

    /** The limits in {@code settings}; {@code proxies} are exempt from the per-address cap. */
    public static FormServerLimits from(Settings settings, ClientAddress proxies) {
        return new FormServerLimits(settings.duration(IDLE_TIMEOUT), settings.duration(HEADER_TIMEOUT),
                settings.integer(MAX_PER_ADDRESS), proxies, settings.number(MAX_BODY_SIZE));
    }

    /** The largest request body in bytes on a path without a limit of its own. */
    public long maxBodySize() {
        return maxBodySize;
    }

    /**
     * Gives {@code limit}'s path its own body limit (see the class comment). Takes effect on a server created after
     * the call: call it while the app is configured, before Camel starts the HTTP server.
     */
    public void limitBody(BodyLimit limit) {
        bodyLimits.add(Objects.requireNonNull(limit, "limit"));
    }

    /** The connection limits in words, for the start-up log. */
    public String describe() {
        return "connections idle for " + idleTimeout + " or without a whole request after " + headerTimeout
               + " are closed, at most " + maxPerAddress + " open per client address";
    }

    /**
     * A Vert.x instance to bind in the registry: {@code real} itself, except that every HTTP server created on it gets
     * these limits: the idle timeout and the form decoding limits on its options, this object as its connection
     * handler, and the body limit's answers on the router it serves.
     */
    public Vertx customise(Vertx real) {
        this.vertx = real;
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("createHttpServer")) {
                HttpServerOptions options = args == null || args.length == 0 ? new HttpServerOptions()
                        : new HttpServerOptions((HttpServerOptions) args[0]);
                HttpServer server = real.createHttpServer(applyTo(options));
                server.connectionHandler(this);
                return marking(server);
            }
            return invoke(real, method, args);
        };
        return (Vertx) Proxy.newProxyInstance(FormServerLimits.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, handler);
    }

    /** The server's options with the idle timeout and form decoding limits the body limit always comes before. */
    HttpServerOptions applyTo(HttpServerOptions options) {
        options.setIdleTimeout((int) idleTimeout.toSeconds());
        long largest = bodyLimits.stream().mapToLong(BodyLimit::maxBodySize).reduce(maxBodySize, Math::max);
        int decoding = (int) Math.min(Integer.MAX_VALUE - 1, largest + options.getMaxChunkSize());
        return options.setMaxFormAttributeSize(decoding).setMaxFormBufferedBytes(decoding);
    }

    /**
     * The server, except that its request handler first marks the connection as having sent a whole request (and,
     * being Camel's router, answers a body over the limit: {@link #answerOn(Router)}).
     */
    private HttpServer marking(HttpServer real) {
        HttpServer[] self = new HttpServer[1];
        self[0] = (HttpServer) Proxy.newProxyInstance(FormServerLimits.class.getClassLoader(),
                new Class<?>[] {HttpServer.class}, (proxy, method, args) -> {
                    Object[] a = args;
                    if (method.getName().equals("requestHandler") && args != null && args.length == 1) {
                        @SuppressWarnings("unchecked")
                        Handler<HttpServerRequest> h = (Handler<HttpServerRequest>) args[0];
                        if (h instanceof Router router) {
                            answerOn(router);
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

    /**
     * The router reads each path's body with its own limit ({@link #limitBody}) before Camel's routes, and answers a
     * refused body with 413 and one line saying the limit. The rest of such a body may still be arriving and fail the
     * form decoder once the answer is out: that failure (a 400 with nothing left to answer) is let go without
     * Vert.x's "Unhandled exception in router" stack trace; a request the decoder refuses before any answer still
     * gets 400.
     */
    private void answerOn(Router router) {
        for (BodyLimit limit : bodyLimits) {
            // Camel's body handler (the server's limit) then finds the body read and passes the request on
            BodyHandler reader = BodyHandler.create(false).setBodyLimit(limit.maxBodySize());
            router.route(limit.path()).order(-1).handler(context -> {
                if (limit.admits().test(context.request())) {
                    context.put(BODY_LIMIT, limit);
                    reader.handle(context);
                } else {
                    context.next();
                }
            }).failureHandler(context -> {
                // only a body this path's reader refused (one it did not admit got the server's limit)
                if (context.statusCode() == 413 && context.get(BODY_LIMIT) == limit && !context.response().ended()) {
                    limit.onRefusal().run();
                    answer(context, 413, limit.refusal());
                } else {
                    context.next();
                }
            });
        }
        router.errorHandler(413, context -> answer(context, 413, "The request is larger than " + maxBodySize
                + " bytes, the most this path accepts."));
        router.errorHandler(400, context -> answer(context, 400, "Bad Request"));
    }

    private static void answer(RoutingContext context, int status, String line) {
        if (!context.response().ended() && !context.response().closed()) {
            context.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .putHeader("Connection", "close").end(line + "\n");
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Counts the connection against its address's cap and gives it the header timeout. */
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

    /**
     * A path of the server with its own body limit.
     *
     * @param path        the path (exact, as Camel's route serves it)
     * @param maxBodySize its largest body in bytes, at least 1
     * @param refusal     the one line a body over it is answered with (413)
     * @param onRefusal   run once per body refused for its size on this path (a count, a log line)
     * @param admits      which requests get this limit (the others keep the server's): decided from the request line,
     *                    headers and connection only, before any of the body is read
     */
    public record BodyLimit(String path, long maxBodySize, String refusal, Runnable onRefusal,
            Predicate<HttpServerRequest> admits) {

        public BodyLimit {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(onRefusal, "onRefusal");
            Objects.requireNonNull(admits, "admits");
            if (maxBodySize < 1) {
                throw new IllegalArgumentException("The body limit of " + path + " must be at least 1 byte, not "
                                                   + maxBodySize);
            }
        }
    }
}
