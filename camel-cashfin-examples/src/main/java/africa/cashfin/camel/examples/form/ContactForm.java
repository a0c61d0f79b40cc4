package africa.cashfin.camel.examples.form;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.vertx.core.net.SocketAddress;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.InboundCounts;
import africa.cashfin.camel.examples.common.InboundCounts.Outcome;
import africa.cashfin.camel.examples.common.LogSafe;
import africa.cashfin.camel.examples.common.PerKeyLimit;

/**
 * The HTTP side of Flow 2 (web form): the steps of {@code routes/web-form.camel.yaml} call these methods around
 * {@link WebForm}.
 * <ul>
 * <li>{@link #page(Exchange)}: the empty form, {@code text/html}.</li>
 * <li>{@link #submit(Exchange)}: reads the POST (urlencoded or JSON), counts it against the client's limit
 * ({@link FormLimits}; the client is found by {@link ClientAddress}), validates it, checks the CAPTCHA when one is
 * configured ({@link Captcha}) and sets exchange property {@value #OUTCOME}: {@code create} (body: the lead), {@code limited}
 * (too many posts from this client: a 429 page with {@code Retry-After}), {@code invalid} (the form again with the
 * visitor's input and the errors, 422), {@code captcha} (CAPTCHA not solved: the form again, 422; siteverify
 * unreachable: 503) or {@code bot} (honeypot filled: the thank-you page, nothing created).</li>
 * <li>{@link #enqueue(Exchange)} for {@code create}: counts the submission against the form's daily cap (429, the
 * form again with the input, when it is spent), writes the lead to the durable {@link FormQueue} and answers with
 * the thank-you page. Cashfin is called later, in the background, by the route {@code web-form-queue}; when the queue
 * cannot be written, the form again with the input and "please send it again" (503).</li>
 * </ul>
 * Every refusal by a limit is logged once when it starts for that client (or for the day), not for every post.
 */
public final class ContactForm {

    /**
     * Exchange property (never a response header: a bot must not learn that the honeypot caught it): what to do with
     * the submission; see the class comment.
     */
    public static final String OUTCOME = "CashfinFormOutcome";
    /** Exchange property holding the {@link FormSubmission}. */
    public static final String SUBMISSION = "CashfinFormSubmission";
    /** Exchange property holding the client's address. */
    public static final String CLIENT = "CashfinFormClient";
    /** Platform-http (Vert.x) header with the connection's remote address. */
    static final String REMOTE_ADDRESS_HEADER = "CamelVertxPlatformHttpRemoteAddress";

    private static final Logger LOG = LoggerFactory.getLogger(ContactForm.class);
    private static final String HTML = "text/html; charset=utf-8";

    private final WebForm form;
    private final ClientAddress clients;
    private final FormLimits limits;
    private final Captcha captcha;
    private final FormQueue queue;
    private final InboundCounts counts;

    /**
     * @param form    renders and validates the form
     * @param clients finds the client of a request
     * @param limits  the per-client limit and the daily cap
     * @param captcha the CAPTCHA check ({@link Captcha#none()} for none)
     * @param queue   the durable queue of submissions for Cashfin
     * @param counts  where the submissions accepted and refused (by the per-client limit, the daily cap, the CAPTCHA)
     *                are counted for the operations page
     */
    public ContactForm(WebForm form, ClientAddress clients, FormLimits limits, Captcha captcha, FormQueue queue,
            InboundCounts counts) {
        this.form = Objects.requireNonNull(form, "form");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.captcha = Objects.requireNonNull(captcha, "captcha");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    /** Answers with the empty form (also to HEAD, whose body the server leaves out). */
    public void page(Exchange exchange) {
        html(exchange, 200, form.renderForm());
    }

    /**
     * The response headers of every page: a Content-Security-Policy that allows only the page's own inline style, the
     * form's own action and the CAPTCHA provider's script and frame (no other script, no framing: clickjacking), {@code
     * X-Frame-Options: DENY} for older browsers, {@code X-Content-Type-Options: nosniff} and a same-origin referrer.
     */
    static Map<String, String> securityHeaders(Captcha.Provider captcha) {
        String origin = captcha.origins();
        String csp = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self';"
                     + " frame-ancestors 'none'; base-uri 'none'"
                     + (origin == null ? "" : "; script-src " + origin + "; frame-src " + origin + "; connect-src "
                                              + origin);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", csp);
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "same-origin");
        return headers;
    }

    /** Reads, limits, validates and verifies the submission; see the class comment. */
    public void submit(Exchange exchange) {
        // a request header of the same name would otherwise go back to the visitor unchanged
        exchange.getMessage().removeHeader("Retry-After");
        String client = client(exchange);
        exchange.setProperty(CLIENT, client);
        PerKeyLimit.Decision perClient = limits.tryClient(client);
        if (!perClient.allowed()) {
            if (perClient.firstRefusal()) {
                LOG.warn("Contact form: client {} sent more than {} posts in {}; answering 429 until it slows down",
                        client, limits.settings().perClient(), limits.settings().perClientPeriod());
            }
            counts.count(Outcome.PER_CLIENT);
            exchange.setProperty(OUTCOME, "limited");
            tooMany(exchange, perClient.retryAfter(), form.renderNotice("Too many messages",
                    "We have received too many messages from your address. Please wait " + human(perClient
                            .retryAfter()) + " and send your message again."));
            return;
        }
        FormSubmission submission = read(exchange);
        exchange.setProperty(SUBMISSION, submission);
        if (submission.bot()) {
            LOG.info("Contact form: honeypot field filled, treated as a bot; nothing created");
            exchange.setProperty(OUTCOME, "bot");
            html(exchange, 200, form.renderThankYou(submission.values().get("name")));
        } else if (submission.hasErrors()) {
            LOG.info("Contact form: shown again with errors in {}", LogSafe.oneLine(submission.errors().keySet()));
            exchange.setProperty(OUTCOME, "invalid");
            html(exchange, 422, form.renderForm(submission));
        } else {
            Captcha.Result check = captcha.verify(captchaToken(submission), client);
            if (!check.passed()) {
                LOG.info("Contact form: submission from {} refused: {}", client, LogSafe.oneLine(check.reason()));
                counts.count(Outcome.CAPTCHA);
                exchange.setProperty(OUTCOME, "captcha");
                html(exchange, check.unavailable() ? 503 : 422, form.renderForm(submission.values(),
                        Map.of(WebForm.FORM_ERROR, check.unavailable()
                                ? "We could not check that you are not a robot just now. Please send it again."
                                : "Please complete the check that you are not a robot, then send the form again.")));
                return;
            }
            if (!submission.warnings().isEmpty()) {
                LOG.info("Contact form: accepted with warnings: {}", LogSafe.oneLine(submission.warnings()));
            }
            exchange.setProperty(OUTCOME, "create");
            exchange.getMessage().setBody(submission.lead());
        }
    }

    /** Counts the submission against the daily cap and queues it for Cashfin; see the class comment. */
    public void enqueue(Exchange exchange) {
        FormSubmission submission = exchange.getProperty(SUBMISSION, FormSubmission.class);
        Map<String, String> values = submission == null ? Map.of() : submission.values();
        PerKeyLimit.Decision daily = limits.tryDaily();
        if (!daily.allowed()) {
            if (daily.firstRefusal()) {
                LOG.warn("Contact form: the daily cap of {} submissions is reached; answering 429 until midnight UTC"
                         + " (cashfin.form.limit.per-day)", limits.settings().perDay());
            }
            counts.count(Outcome.DAILY_CAP);
            exchange.setProperty(OUTCOME, "limited");
            tooMany(exchange, daily.retryAfter(), form.renderForm(values, Map.of(WebForm.FORM_ERROR,
                    "We cannot take more messages today. Please send yours again tomorrow.")));
            return;
        }
        try {
            String id = queue.put(submission.lead());
            counts.count(Outcome.ACCEPTED);
            LOG.info("Contact form: submission {} from {} queued for Cashfin", id, exchange.getProperty(CLIENT));
            html(exchange, 200, form.renderThankYou(values.get("name")));
        } catch (IOException | RuntimeException e) {
            limits.refundDaily();
            LOG.error("Contact form: the submission could not be queued in {}: {}", queue.directory(), e.toString());
            html(exchange, 503, form.renderForm(values, Map.of(WebForm.FORM_ERROR,
                    "Sorry, we could not save your message just now. Please send it again in a minute.")));
            exchange.getMessage().setHeader("Retry-After", "60");
        }
    }

    private String client(Exchange exchange) {
        return clients.resolve(remoteAddress(exchange), forwardedFor(exchange.getMessage().getHeader("X-Forwarded-For")));
    }

    /** The connection's peer address of a platform-http request ("" when unknown). */
    public static String remoteAddress(Exchange exchange) {
        Object remote = exchange.getMessage().getHeader(REMOTE_ADDRESS_HEADER);
        return remote instanceof SocketAddress sa ? sa.hostAddress() : remote == null ? "" : String.valueOf(remote);
    }

    /**
     * All {@code X-Forwarded-For} lines of the request, in order, as one list: a proxy may append its own line (HAProxy
     * {@code option forwardfor}) instead of extending the client's, and only the right-hand end is ours.
     */
    public static String forwardedFor(Object header) {
        if (header instanceof Iterable<?> lines) {
            StringBuilder sb = new StringBuilder();
            for (Object line : lines) {
                if (line != null) {
                    sb.append(sb.isEmpty() ? "" : ",").append(line);
                }
            }
            return sb.toString();
        }
        return header == null ? null : String.valueOf(header);
    }

    private String captchaToken(FormSubmission submission) {
        String field = captcha.provider().responseField();
        return field == null ? null : submission.values().get(field);
    }

    private FormSubmission read(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof Map<?, ?> map) {
            // some HTTP servers hand over urlencoded forms already decoded
            Map<String, String> values = new LinkedHashMap<>();
            map.forEach((k, v) -> values.put(String.valueOf(k), v == null ? "" : firstValue(v)));
            return form.validate(values);
        }
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        String text = exchange.getMessage().getBody(String.class);
        return form.parse(text, contentType);
    }

    private static String firstValue(Object v) {
        if (v instanceof Iterable<?> it) {
            for (Object o : it) {
                return String.valueOf(o);
            }
            return "";
        }
        return String.valueOf(v);
    }

    private void tooMany(Exchange exchange, Duration retryAfter, String page) {
        html(exchange, 429, page);
        exchange.getMessage().setHeader("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds() + 1)));
    }

    /** "about 6 minutes", "a few seconds", "about 3 hours". */
    static String human(Duration d) {
        long s = Math.max(1, d.toSeconds() + 1);
        if (s < 60) {
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = (s + 59) / 60;
        if (m < 120) {
            return "about " + m + (m == 1 ? " minute" : " minutes");
        }
        long h = (m + 59) / 60;
        return "about " + h + " hours";
    }

    private void html(Exchange exchange, int status, String page) {
        securityHeaders(captcha.provider()).forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(page);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, HTML);
    }
}
