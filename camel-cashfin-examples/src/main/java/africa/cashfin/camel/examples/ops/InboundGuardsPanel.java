package africa.cashfin.camel.examples.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import africa.cashfin.camel.examples.common.InboundCounts;

/**
 * The inbound-guards section of the operations page: what the web form and the mailbox accepted and refused today
 * (UTC), by reason. The counts are kept by the flows where each refusal is decided ({@link InboundCounts}: the form's
 * {@code ContactForm} and {@code FormServerLimits}, the mailbox's {@code MailLeads}); this panel only reads them.
 */
final class InboundGuardsPanel implements OpsPanel {

    private final InboundCounts form;
    private final InboundCounts mailbox;

    InboundGuardsPanel(InboundCounts form, InboundCounts mailbox) {
        this.form = Objects.requireNonNull(form, "form");
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    }

    @Override
    public String id() {
        return "inbound";
    }

    @Override
    public String title() {
        return "Inbound guards";
    }

    @Override
    public int order() {
        return 40;
    }

    /** The section's HTML with its {@code data-ops-*} bindings ({@link OpsPage#render} fills them from {@link #data()}). */
    @Override
    public String html() {
        return template();
    }

    /** The section's HTML with its {@code data-ops-*} bindings, empty of figures. */
    static String template() {
        return """
                <p>Today (UTC day, the day of the daily caps):</p>
                <table><thead><tr><th scope="col"></th><th scope="col">Web form</th><th scope="col">Mailbox</th></tr>
                </thead><tbody>
                <tr><th scope="row">Accepted</th><td data-ops-text="form.accepted"></td>
                <td data-ops-text="mailbox.accepted"></td></tr>
                <tr><th scope="row">Refused: per-client limit (mailbox: per sender)</th><td data-ops-text="form.perClient"></td>
                <td data-ops-text="mailbox.perClient"></td></tr>
                <tr><th scope="row">Refused: daily cap</th><td data-ops-text="form.dailyCap"></td>
                <td data-ops-text="mailbox.dailyCap"></td></tr>
                <tr><th scope="row">Refused: CAPTCHA</th><td data-ops-text="form.captcha"></td><td>n/a</td></tr>
                <tr><th scope="row">Refused: size</th><td data-ops-text="form.size"></td>
                <td data-ops-text="mailbox.size"></td></tr>
                </tbody></table>
                <p>Form accepted: queued for Cashfin. Mailbox accepted: the mail became a lead (created, or found
                already in Cashfin).</p>
                """;
    }

    @Override
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("form", form.today());
        Map<String, Long> mail = new LinkedHashMap<>(mailbox.today());
        mail.remove(InboundCounts.Outcome.CAPTCHA.key());
        data.put("mailbox", mail);
        return data;
    }
}
