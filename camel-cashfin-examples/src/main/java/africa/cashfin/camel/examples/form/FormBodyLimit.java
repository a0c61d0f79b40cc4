package africa.cashfin.camel.examples.form;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The form's body limit ({@code cashfin.form.max-body-size}, applied by Vert.x's body handler through
 * {@code camel.server.max-body-size}) as a visitor meets it: a body over it, sent with a {@code Content-Length} or
 * chunked, is answered 413 with one plain line saying the limit.
 * <p>
 * Without this a chunked form body over the limit got 400: Vert.x decodes a form body as it arrives, and its form
 * decoder gives up at 8 KB for one field ({@code maxFormAttributeSize}) and 1 KB of a field not yet complete
 * ({@code maxFormBufferedBytes}), failing the request as a bad one before the body handler counts the body past its
 * limit. Both decoder limits are set above the body limit by one chunk ({@code maxChunkSize}, the most Vert.x hands
 * on at a time): the body handler then always refuses first, and no field of a body within the limit is refused.
 */
public final class FormBodyLimit {

    private final long maxBodySize;

    /** @param maxBodySize the largest request body in bytes, at least 1 */
    public FormBodyLimit(long maxBodySize) {
        if (maxBodySize < 1) {
            throw new IllegalArgumentException("The form's body limit (cashfin.form.max-body-size) must be at least 1"
                                               + " byte, not " + maxBodySize);
        }
        this.maxBodySize = maxBodySize;
    }

    /** The HTTP server's options with form decoding limits the body limit always comes before. */
    public HttpServerOptions applyTo(HttpServerOptions options) {
        int decoding = (int) Math.min(Integer.MAX_VALUE - 1, maxBodySize + options.getMaxChunkSize());
        return options.setMaxFormAttributeSize(decoding).setMaxFormBufferedBytes(decoding);
    }

    /**
     * The router answers a refused body with 413 and one line saying the limit. The rest of such a body may still be
     * arriving and fail the form decoder once the answer is out: that failure (a 400 with nothing left to answer) is
     * let go without Vert.x's "Unhandled exception in router" stack trace; a request the decoder refuses before any
     * answer still gets 400.
     */
    public void answerOn(Router router) {
        router.errorHandler(413, context -> answer(context, 413, "The request is larger than " + maxBodySize
                + " bytes, the most this form accepts. Shorten the message and send it again."));
        router.errorHandler(400, context -> answer(context, 400, "Bad Request"));
    }

    private static void answer(RoutingContext context, int status, String line) {
        if (!context.response().ended() && !context.response().closed()) {
            context.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .putHeader("Connection", "close").end(line + "\n");
        }
    }
}
