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
import io.vertx.ext.web.RoutingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.InboundCounts;
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
 * body limit by one chunk ({@code maxChunkSize}, the most Vert.x hands on at a time): the body handler then always
 * refuses first, and no field of a body within the limit is refused.</li>
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
    /** Setting: the largest request body in bytes. */
    public static final String MAX_BODY_SIZE = "cashfin.form.max-body-size";
    /** Setting: the form's path; a body over the limit is a form refusal only there. */
    public static final String FORM_PATH = "cashfin.form.path";

    private static final Logger LOG = LoggerFactory.getLogger(FormServerLimits.class);

    private final Duration idleTimeout;
    private final Duration headerTimeout;
    private final int maxPerAddress;
    private final ClientAddress proxies;
    private final long maxBodySize;
    private final InboundCounts counts;
    private final String formPath;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Set<String> capped = ConcurrentHashMap.newKeySet();
    private final Set<HttpConnection> answered = ConcurrentHashMap.newKeySet();
    private volatile Vertx vertx;

    /**
     * @param idleTimeout   close a connection idle this long (at least one second)
     * @param headerTimeout close a connection whose first request has not arrived in this time
     * @param maxPerAddress connections one address may hold open, at least 1
     * @param proxies       the trusted proxies (exempt from the cap)
     * @param maxBodySize   the largest request body in bytes, at least 1
     * @param counts        where a body refused for its size is counted (the form's {@link InboundCounts})
     * @param formPath      the form's path: only a body refused there is counted, the server answers other paths
     *                      too (the operations page)
     */
    public FormServerLimits(Duration idleTimeout, Duration headerTimeout, int maxPerAddress, ClientAddress proxies,
            long maxBodySize, InboundCounts counts, String formPath) {
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
        this.counts = Objects.requireNonNull(counts, "counts");
        this.formPath = Objects.requireNonNull(formPath, "formPath");
    }

    /**
     * The limits in {@code settings}; {@code proxies} are exempt from the per-address cap; a body refused for its
     * size on the form's path is counted in {@code counts}.
     */
    public static FormServerLimits from(Settings settings, ClientAddress proxies, InboundCounts counts) {
        return new FormServerLimits(settings.duration(IDLE_TIMEOUT), settings.duration(HEADER_TIMEOUT),
                settings.integer(MAX_PER_ADDRESS), proxies, settings.number(MAX_BODY_SIZE), counts,
                settings.text(FORM_PATH));
    }

    /** The largest request body in bytes. */
    public long maxBodySize() {
        return maxBodySize;
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
        int decoding = (int) Math.min(Integer.MAX_VALUE - 1, maxBodySize + options.getMaxChunkSize());
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
     * The router answers a refused body with 413 and one line saying the limit. The rest of such a body may still be
     * arriving and fail the form decoder once the answer is out: that failure (a 400 with nothing left to answer) is
     * let go without Vert.x's "Unhandled exception in router" stack trace; a request the decoder refuses before any
     * answer still gets 400.
     */
    private void answerOn(Router router) {
        router.errorHandler(413, context -> {
            if (formPath.equals(context.normalizedPath())) {
                counts.count(InboundCounts.Outcome.SIZE);
                answer(context, 413, "The request is larger than " + maxBodySize
                        + " bytes, the most this form accepts. Shorten the message and send it again.");
            } else {
                answer(context, 413, "The request is larger than " + maxBodySize + " bytes, the most this path"
                                     + " accepts.");
            }
        });
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
}
