package africa.cashfin.camel.examples.form;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;

import africa.cashfin.camel.examples.common.DuplicateMessages;
import africa.cashfin.camel.examples.common.InboundCounts;
import africa.cashfin.camel.examples.common.PhoneNormalizer;
import africa.cashfin.camel.examples.common.Settings;

/**
 * Flow 2's wiring: reads the {@code cashfin.form.*} settings and binds the beans {@code routes/web-form.camel.yaml}
 * calls ({@code contactForm}, {@code formQueue}) and the Vert.x instance {@code camel.server} creates its HTTP server
 * on ({@code cashfinVertx}, with the server's limits). Closing it closes that Vert.x.
 */
public final class FormFlow implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FormFlow.class);

    private final FormQueue queue;
    private final Vertx vertx;
    private final InboundCounts counts;
    private final FormServerLimits limits;
    private final ClientAddress proxies;

    private FormFlow(FormQueue queue, Vertx vertx, InboundCounts counts, FormServerLimits limits,
            ClientAddress proxies) {
        this.queue = queue;
        this.vertx = vertx;
        this.counts = counts;
        this.limits = limits;
        this.proxies = proxies;
    }

    /**
     * Binds Flow 2's beans.
     *
     * @param context    where the beans are bound
     * @param settings   the flow's settings
     * @param duplicates where later messages for existing leads are kept (shared with the mailbox)
     * @param clock      the queue's clock
     * @param demo       the demo runs (embedded Cashfin): the CAPTCHA may then be left out
     * @throws IllegalArgumentException when a setting is invalid (the message names it)
     */
    public static FormFlow bind(CamelContext context, Settings settings, DuplicateMessages duplicates, Clock clock,
            boolean demo) {
        PhoneNormalizer phones = new PhoneNormalizer(settings.string("cashfin.phone.default-region", null));
        Captcha captcha = new Captcha(Captcha.Provider.choose(settings.text("cashfin.form.captcha.provider"), demo),
                settings.text("cashfin.form.captcha.site-key"), settings.text("cashfin.form.captcha.secret"),
                settings.text("cashfin.form.captcha.verify-url"), settings.duration("cashfin.form.captcha.timeout"));
        FormLimits formLimits = new FormLimits(new FormLimits.Settings(
                settings.integer("cashfin.form.limit.per-client"),
                settings.duration("cashfin.form.limit.per-client-period"),
                settings.integer("cashfin.form.limit.per-day"),
                settings.integer("cashfin.form.limit.max-clients")));
        FormQueue queue = new FormQueue(Path.of(settings.text("cashfin.form.queue.dir")), clock, duplicates);
        context.getRegistry().bind("formQueue", queue);
        ClientAddress proxies = ClientAddress.trusting(settings.text("cashfin.form.trusted-proxies"));
        InboundCounts counts = new InboundCounts(clock);
        FormServerLimits limits = FormServerLimits.from(settings, proxies);
        // the form's own body limit (the server's), so that the form counts a body refused for its size itself
        String formPath = settings.text("cashfin.form.path");
        limits.limitBody(new FormServerLimits.BodyLimit(formPath, limits.maxBodySize(), "The request is larger than "
                + limits.maxBodySize() + " bytes, the most this form accepts. Shorten the message and send it again.",
                () -> counts.count(InboundCounts.Outcome.SIZE), request -> true));
        // camel.server finds this Vert.x in the registry and creates its HTTP server on it, with these limits
        Vertx vertx = Vertx.vertx();
        context.getRegistry().bind("cashfinVertx", Vertx.class, limits.customise(vertx));
        LOG.info("HTTP server: {}", limits.describe());
        WebForm page = new WebForm(phones, formPath, settings.text("cashfin.form.lang"),
                captcha.widgetHtml());
        context.getRegistry().bind("contactForm", new ContactForm(page, proxies, formLimits, captcha, queue,
                counts));
        LOG.info("Contact form: at most {} posts per client per {}, {} submissions a day, bodies up to {} bytes,"
                 + " CAPTCHA {}, trusted proxies [{}]", formLimits.settings().perClient(),
                formLimits.settings().perClientPeriod(), formLimits.settings().perDay(),
                limits.maxBodySize(), captcha.provider().name().toLowerCase(Locale.ROOT),
                settings.text("cashfin.form.trusted-proxies"));
        return new FormFlow(queue, vertx, counts, limits, proxies);
    }

    /** The trusted proxies ({@code cashfin.form.trusted-proxies}), for the other pages the HTTP server serves. */
    public ClientAddress proxies() {
        return proxies;
    }

    /** The HTTP server's limits (a path of another flow served by it may get its own body limit there). */
    public FormServerLimits serverLimits() {
        return limits;
    }

    /** What the form accepted and refused today, by reason (the operations page shows it). */
    public InboundCounts counts() {
        return counts;
    }

    /** The durable queue of submissions. */
    public FormQueue queue() {
        return queue;
    }

    /** Closes the server's Vert.x. */
    @Override
    public void close() {
        vertx.close();
    }
}
