package africa.cashfin.camel.examples.form;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel side of Flow 2 (web form): the steps of {@code routes/web-form.camel.yaml} call these methods around
 * {@link WebForm}.
 * <ul>
 * <li>{@link #page(Exchange)}: the empty form, {@code text/html}.</li>
 * <li>{@link #submit(Exchange)}: reads the POST (urlencoded or JSON, whatever form platform-http delivers it in),
 * validates it and sets header {@value #OUTCOME}: {@code create} (body: the lead), {@code invalid} (body: the form
 * again with the visitor's input and the errors, status 422) or {@code bot} (honeypot filled: body: the thank-you
 * page, nothing created).</li>
 * <li>{@link #thankYou(Exchange)} after the lead was created; {@link #unavailable(Exchange)} when Cashfin could not
 * take it (status 503, the visitor's input kept so nothing is lost).</li>
 * </ul>
 */
public final class ContactForm {

    /** Header: what to do with the submission: {@code create}, {@code invalid} or {@code bot}. */
    public static final String OUTCOME = "CashfinFormOutcome";
    /** Exchange property holding the {@link FormSubmission}. */
    public static final String SUBMISSION = "CashfinFormSubmission";

    private static final Logger LOG = LoggerFactory.getLogger(ContactForm.class);
    private static final String HTML = "text/html; charset=utf-8";

    private final WebForm form;

    /** @param form renders and validates the form */
    public ContactForm(WebForm form) {
        this.form = Objects.requireNonNull(form, "form");
    }

    /** Answers with the empty form. */
    public void page(Exchange exchange) {
        html(exchange, 200, form.renderForm());
    }

    /** Reads and validates the submission; see the class comment. */
    public void submit(Exchange exchange) {
        FormSubmission submission = read(exchange);
        exchange.setProperty(SUBMISSION, submission);
        if (submission.bot()) {
            LOG.info("Contact form: honeypot field filled, treated as a bot; nothing created");
            exchange.getMessage().setHeader(OUTCOME, "bot");
            html(exchange, 200, form.renderThankYou(submission.values().get("name")));
        } else if (submission.hasErrors()) {
            LOG.info("Contact form: shown again with errors in {}", submission.errors().keySet());
            exchange.getMessage().setHeader(OUTCOME, "invalid");
            html(exchange, 422, form.renderForm(submission));
        } else {
            if (!submission.warnings().isEmpty()) {
                LOG.info("Contact form: accepted with warnings: {}", submission.warnings());
            }
            exchange.getMessage().setHeader(OUTCOME, "create");
            exchange.getMessage().setBody(submission.lead());
        }
    }

    /** The lead was created (or, with {@code deduplicateBy}, found): the thank-you page. */
    public void thankYou(Exchange exchange) {
        FormSubmission submission = exchange.getProperty(SUBMISSION, FormSubmission.class);
        Object id = exchange.getMessage().getHeader("CamelCashfinLeadId");
        if (Boolean.FALSE.equals(exchange.getMessage().getHeader("CamelCashfinLeadCreated", Boolean.class))) {
            LOG.info("Contact form: the visitor is already lead {}; nothing created", id);
        } else {
            LOG.info("Contact form: lead {} created", id);
        }
        html(exchange, 200, form.renderThankYou(submission == null ? null : submission.values().get("name")));
    }

    /** Cashfin did not take the lead: the form again with the input and a message to try again, status 503. */
    public void unavailable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Contact form: the lead could not be saved in Cashfin: {}", e == null ? "unknown error"
                : e.getMessage());
        FormSubmission submission = exchange.getProperty(SUBMISSION, FormSubmission.class);
        Map<String, String> values = submission == null ? Map.of() : submission.values();
        html(exchange, 503, form.renderForm(values, Map.of(WebForm.FORM_ERROR,
                "Sorry, we could not save your message just now. Please send it again in a minute.")));
        exchange.getMessage().setHeader("Retry-After", "60");
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

    private static void html(Exchange exchange, int status, String page) {
        exchange.getMessage().setBody(page);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, HTML);
    }
}
