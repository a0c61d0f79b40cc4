package africa.cashfin.camel.examples.form;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import africa.cashfin.camel.examples.common.BudgetParser;
import africa.cashfin.camel.examples.common.LeadChecks;
import africa.cashfin.camel.examples.common.LeadProblem;
import africa.cashfin.camel.examples.common.PhoneNormalizer;
import africa.cashfin.camel.leads.model.Lead;

/**
 * The contact form of Flow 2: renders the page, reads a submission (urlencoded or JSON) into a lead with
 * {@code source=website}, and renders the thank-you page.
 * <p>
 * Accessibility: {@code lang} on the page; a {@code fieldset} with a {@code legend}; every input has a {@code label}
 * bound by {@code for}/{@code id} and a matching {@code autocomplete}; required fields carry {@code required}, a
 * visible asterisk and the words "(required)" for screen readers; after a failed submission an error summary
 * ({@code role="alert"}) lists the problems with links to the fields, and each field with an error has
 * {@code aria-invalid="true"} and {@code aria-describedby} pointing at its message. The visitor's input is shown
 * again, HTML-escaped.
 * <p>
 * Bots: the form has a honeypot field {@value #HONEYPOT_FIELD}, moved off-screen, hidden from screen readers,
 * {@code tabindex="-1"} and {@code autocomplete="off"}, so only a bot fills it. Such a submission is marked
 * {@link FormSubmission#bot()}: the route answers with the ordinary thank-you page and creates nothing.
 * Thread-safe.
 */
public final class WebForm {

    /** Name of the honeypot field. */
    public static final String HONEYPOT_FIELD = "website_url";
    /** The lead source of form leads. */
    public static final String SOURCE = "website";
    /** Key of errors about the submission as a whole. */
    public static final String FORM_ERROR = "form";

    /** One input of the form. */
    record Field(String name, String label, String type, String autocomplete, boolean required, int maxLength) {
    }

    /** The inputs, in page order. */
    static final List<Field> FIELDS = List.of(
            new Field("name", "Full name", "text", "name", true, LeadChecks.MAX_NAME_LENGTH),
            new Field("email", "E-mail", "email", "email", true, 254),
            new Field("phone", "Phone", "tel", "tel", false, 40),
            new Field("company", "Company", "text", "organization", false, 200),
            new Field("budget", "Estimated budget", "text", "off", false, 40),
            new Field("message", "How can we help?", "textarea", "off", false, 4000));

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Form fields a CAPTCHA widget fills with its token (Turnstile, hCaptcha); kept in the submission's values. */
    public static final List<String> CAPTCHA_FIELDS = List.of("cf-turnstile-response", "h-captcha-response");

    private final PhoneNormalizer phones;
    private final String action;
    private final String lang;
    private final String captchaWidget;

    /** A form posting to {@code /contact}, in English, phones kept as typed unless they have a country code. */
    public WebForm() {
        this(new PhoneNormalizer(null), "/contact", "en");
    }

    /**
     * @param phones the phone normaliser (its default region may be null)
     * @param action the path the form posts to, e.g. {@code /contact}
     * @param lang   the page language, e.g. {@code en}
     */
    public WebForm(PhoneNormalizer phones, String action, String lang) {
        this(phones, action, lang, "");
    }

    /**
     * @param captchaWidget HTML of a CAPTCHA widget placed before the send button ({@link Captcha#widgetHtml()});
     *                      empty for none
     */
    public WebForm(PhoneNormalizer phones, String action, String lang, String captchaWidget) {
        this.phones = Objects.requireNonNull(phones, "phones");
        this.action = Objects.requireNonNull(action, "action");
        this.lang = Objects.requireNonNull(lang, "lang");
        this.captchaWidget = Objects.requireNonNull(captchaWidget, "captchaWidget");
    }

    /** The empty form page. */
    public String renderForm() {
        return renderForm(Map.of(), Map.of());
    }

    /** The form page again after {@code submission} failed: the visitor's values and the error messages. */
    public String renderForm(FormSubmission submission) {
        return renderForm(submission.values(), submission.errors());
    }

    /** The form page with {@code values} filled in and {@code errors} (field name to message) shown. */
    public String renderForm(Map<String, String> values, Map<String, String> errors) {
        StringBuilder h = new StringBuilder(4096);
        page(h, errors.isEmpty() ? "Contact us" : "Contact us: please correct the form");
        h.append("<main>\n<h1>Contact us</h1>\n");
        if (!errors.isEmpty()) {
            h.append("<div class=\"error-summary\" role=\"alert\" id=\"error-summary\" tabindex=\"-1\">\n")
                    .append("<h2>Please correct ").append(errors.size() == 1 ? "1 problem" : errors.size() + " problems")
                    .append("</h2>\n<ul>\n");
            errors.forEach((field, message) -> {
                h.append("<li>");
                if (FIELDS.stream().anyMatch(f -> f.name().equals(field))) {
                    h.append("<a href=\"#").append(Html.escape(field)).append("\">").append(Html.escape(message))
                            .append("</a>");
                } else {
                    h.append(Html.escape(message));
                }
                h.append("</li>\n");
            });
            h.append("</ul>\n</div>\n");
        }
        h.append("<p>Fields marked <span aria-hidden=\"true\">*</span><span class=\"visually-hidden\">with an"
                + " asterisk</span> are required.</p>\n");
        h.append("<form method=\"post\" action=\"").append(Html.escape(action))
                .append("\" accept-charset=\"UTF-8\">\n<fieldset>\n<legend>Your details</legend>\n");
        for (Field f : FIELDS) {
            String value = values.getOrDefault(f.name(), "");
            String error = errors.get(f.name());
            String errorId = f.name() + "-error";
            h.append("<div class=\"field\">\n<label for=\"").append(f.name()).append("\">")
                    .append(Html.escape(f.label()));
            if (f.required()) {
                h.append(" <span class=\"req\" aria-hidden=\"true\">*</span>")
                        .append("<span class=\"visually-hidden\"> (required)</span>");
            }
            h.append("</label>\n");
            StringBuilder attrs = new StringBuilder();
            attrs.append(" id=\"").append(f.name()).append("\" name=\"").append(f.name()).append('"')
                    .append(" autocomplete=\"").append(f.autocomplete()).append('"')
                    .append(" maxlength=\"").append(f.maxLength()).append('"');
            if (f.required()) {
                attrs.append(" required");
            }
            if (error != null) {
                attrs.append(" aria-invalid=\"true\" aria-describedby=\"").append(errorId).append('"');
            }
            if (f.type().equals("textarea")) {
                h.append("<textarea").append(attrs).append(" rows=\"6\">").append(Html.escape(value))
                        .append("</textarea>\n");
            } else {
                h.append("<input type=\"").append(f.type()).append('"').append(attrs).append(" value=\"")
                        .append(Html.escape(value)).append("\">\n");
            }
            if (error != null) {
                h.append("<p class=\"error\" id=\"").append(errorId).append("\">").append(Html.escape(error))
                        .append("</p>\n");
            }
            h.append("</div>\n");
        }
        h.append("<div class=\"hp\" aria-hidden=\"true\">\n<label for=\"").append(HONEYPOT_FIELD)
                .append("\">Leave this field empty</label>\n<input type=\"text\" id=\"").append(HONEYPOT_FIELD)
                .append("\" name=\"").append(HONEYPOT_FIELD).append("\" tabindex=\"-1\" autocomplete=\"off\""
                        + " value=\"\">\n</div>\n");
        h.append("</fieldset>\n").append(captchaWidget)
                .append("<button type=\"submit\">Send</button>\n</form>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** A page with a heading and one paragraph (e.g. "too many messages"), the text escaped. */
    public String renderNotice(String title, String text) {
        StringBuilder h = new StringBuilder(1024);
        page(h, title);
        h.append("<main>\n<h1>").append(Html.escape(title)).append("</h1>\n<p role=\"alert\">")
                .append(Html.escape(text)).append("</p>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The thank-you page, naming the visitor when {@code name} is given. */
    public String renderThankYou(String name) {
        StringBuilder h = new StringBuilder(1024);
        page(h, "Thank you");
        String who = LeadChecks.clean(name);
        h.append("<main>\n<h1>Thank you").append(who == null ? "" : ", " + Html.escape(who)).append("</h1>\n")
                .append("<p role=\"status\">We have received your message and will get back to you soon.</p>\n")
                .append("<p><a href=\"").append(Html.escape(action)).append("\">Send another message</a></p>\n")
                .append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private void page(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"").append(Html.escape(lang)).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
                        + "line-height:1.5;color:#1a1a1a}\n")
                .append(".field{margin:0 0 1rem}label{display:block;font-weight:600}\n")
                .append("input,textarea{width:100%;padding:.5rem;font:inherit;border:1px solid #555;"
                        + "box-sizing:border-box}\n")
                .append("input:focus,textarea:focus,button:focus{outline:3px solid #1d4ed8;outline-offset:2px}\n")
                .append("[aria-invalid=true]{border:2px solid #b00020}\n.error{color:#b00020;margin:.25rem 0 0}\n")
                .append(".error-summary{border:3px solid #b00020;padding:1rem;margin:0 0 1rem}\n")
                .append(".req{color:#b00020}\nbutton{padding:.6rem 1.4rem;font:inherit}\n")
                .append("fieldset{border:0;padding:0;margin:0}legend{font-size:1.25rem;font-weight:600}\n")
                .append(".visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;"
                        + "clip:rect(0 0 0 0);white-space:nowrap}\n")
                .append(".hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}\n")
                .append("</style>\n</head>\n<body>\n");
    }

    /**
     * Reads a submission by its content type: JSON for {@code application/json} (and {@code +json}), urlencoded
     * otherwise.
     */
    public FormSubmission parse(String body, String contentType) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return ct.contains("json") ? parseJson(body) : parseUrlEncoded(body);
    }

    /** Reads an {@code application/x-www-form-urlencoded} body (UTF-8). */
    public FormSubmission parseUrlEncoded(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String pair : (body == null ? "" : body).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(key, value);
            }
        } catch (IllegalArgumentException e) {
            return rejected(Map.of(), "the form data is not valid URL encoding (" + e.getMessage() + ")");
        }
        return validate(values);
    }

    /** Reads a JSON object body whose members are the form fields (strings or numbers). */
    public FormSubmission parseJson(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            return rejected(Map.of(), "the request body is not valid JSON: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        if (root == null || !root.isObject()) {
            return rejected(Map.of(), "the request body must be a JSON object such as"
                    + " {\"name\":\"Amina Otieno\",\"email\":\"amina@example.com\"}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isValueNode()) {
                values.put(e.getKey(), v.isNull() ? "" : v.asText());
            } else {
                errors.put(FORM_ERROR, "'" + e.getKey() + "' must be text, not a JSON " + v.getNodeType()
                        .name().toLowerCase(Locale.ROOT));
            }
        }
        FormSubmission s = validate(values);
        if (errors.isEmpty()) {
            return s;
        }
        errors.putAll(s.errors());
        return new FormSubmission(s.values(), s.lead(), errors, s.warnings(), s.bot());
    }

    private FormSubmission rejected(Map<String, String> values, String message) {
        return new FormSubmission(values, new Lead().setSource(SOURCE), Map.of(FORM_ERROR, message), List.of(),
                false);
    }

    /** Checks the submitted {@code values} (field name to text) and builds the lead. */
    public FormSubmission validate(Map<String, String> submitted) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            String v = submitted.get(f.name());
            values.put(f.name(), v == null ? "" : v);
        }
        for (String token : CAPTCHA_FIELDS) {
            if (submitted.get(token) != null) {
                values.put(token, submitted.get(token));
            }
        }
        boolean bot = LeadChecks.clean(submitted.get(HONEYPOT_FIELD)) != null;
        Map<String, String> errors = new LinkedHashMap<>();
        List<LeadProblem> warnings = new ArrayList<>();
        for (Field f : FIELDS) {
            String v = values.get(f.name());
            if (f.required() && LeadChecks.clean(v) == null) {
                errors.put(f.name(), "Enter your " + f.label().toLowerCase(Locale.ROOT) + ".");
            } else if (v.length() > f.maxLength()) {
                errors.put(f.name(), f.label() + " must be at most " + f.maxLength() + " characters.");
            }
        }
        Lead lead = new Lead().setSource(SOURCE);
        lead.setName(LeadChecks.clean(values.get("name")));
        String email = LeadChecks.clean(values.get("email"));
        if (email != null && !errors.containsKey("email") && !LeadChecks.isEmail(email)) {
            errors.put("email", "Enter an e-mail address like name@example.com.");
        }
        lead.setEmail(email);
        PhoneNormalizer.Result phone = phones.normalize(values.get("phone"));
        lead.setPhone(phone.value());
        if (phone.warning() != null) {
            warnings.add(LeadProblem.warning("phone", phone.warning()));
        }
        try {
            lead.setBudget(BudgetParser.parse(values.get("budget")));
        } catch (BudgetParser.BudgetFormatException e) {
            errors.putIfAbsent("budget", "Enter the budget as a number, for example 50000 or KES 50,000.");
        }
        lead.setCompany(LeadChecks.clean(values.get("company")));
        lead.setRequest(LeadChecks.clean(values.get("message")));
        return new FormSubmission(values, lead, errors, warnings, bot);
    }
}
