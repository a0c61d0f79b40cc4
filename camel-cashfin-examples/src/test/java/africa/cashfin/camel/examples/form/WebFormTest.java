package africa.cashfin.camel.examples.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.examples.common.LeadProblem;
import africa.cashfin.camel.examples.common.PhoneNormalizer;

class WebFormTest {

    private final WebForm form = new WebForm(new PhoneNormalizer("KE"), "/contact", "en");

    private static String urlencoded(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> valid() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", "Amina Otieno");
        m.put("email", "amina@savannah.example");
        m.put("phone", "0722 000 001");
        m.put("company", "Savannah Solar");
        m.put("budget", "KES 50,000");
        m.put("message", "We need 20 kits & a quote <soon>.");
        m.put(WebForm.HONEYPOT_FIELD, "");
        return m;
    }

    @Test
    void emptyFormIsAccessible() {
        Document d = Jsoup.parse(form.renderForm());
        assertThat(d.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(d.title()).isEqualTo("Contact us");
        Element f = d.selectFirst("form");
        assertThat(f.attr("method")).isEqualTo("post");
        assertThat(f.attr("action")).isEqualTo("/contact");
        assertThat(f.selectFirst("fieldset > legend").text()).isEqualTo("Your details");
        for (Element input : f.select("input, textarea")) {
            String id = input.id();
            assertThat(id).as("every input has an id").isNotEmpty();
            assertThat(d.select("label[for=" + id + "]")).as("label for " + id).hasSize(1);
            assertThat(input.attr("name")).isEqualTo(id);
        }
        assertThat(f.select("[required]").eachAttr("name")).containsExactly("name", "email");
        assertThat(d.selectFirst("label[for=name]").text()).contains("*").contains("(required)");
        assertThat(d.selectFirst("label[for=phone]").text()).doesNotContain("required");
        assertThat(d.select(".error, .error-summary, [aria-invalid]")).isEmpty();
        assertThat(f.selectFirst("button[type=submit]").text()).isEqualTo("Send");
    }

    @Test
    void honeypotIsHiddenFromPeopleButNotFromBots() {
        Document d = Jsoup.parse(form.renderForm());
        Element hp = d.getElementById(WebForm.HONEYPOT_FIELD);
        assertThat(hp.attr("tabindex")).isEqualTo("-1");
        assertThat(hp.attr("autocomplete")).isEqualTo("off");
        assertThat(hp.attr("type")).isEqualTo("text");
        assertThat(hp.parent().attr("aria-hidden")).isEqualTo("true");
        assertThat(hp.parent().className()).isEqualTo("hp");
        assertThat(d.selectFirst("style").data()).contains(".hp{position:absolute;left:-10000px");
    }

    @Test
    void validUrlencodedSubmissionBecomesAWebsiteLead() {
        FormSubmission s = form.parse(urlencoded(valid()), "application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(s.isValid()).isTrue();
        assertThat(s.bot()).isFalse();
        assertThat(s.lead().getName()).isEqualTo("Amina Otieno");
        assertThat(s.lead().getEmail()).isEqualTo("amina@savannah.example");
        assertThat(s.lead().getPhone()).isEqualTo("+254722000001");
        assertThat(s.lead().getCompany()).isEqualTo("Savannah Solar");
        assertThat(s.lead().getBudget()).isEqualByComparingTo(new BigDecimal("50000"));
        assertThat(s.lead().getRequest()).isEqualTo("We need 20 kits & a quote <soon>.");
        assertThat(s.lead().getSource()).isEqualTo("website");
    }

    @Test
    void validJsonSubmissionBecomesALead() {
        FormSubmission s = form.parse("{\"name\":\"Kwame Mensah\",\"email\":\"kwame@example.gh\",\"budget\":1200,"
                + "\"extra\":\"ignored\"}", "application/json");
        assertThat(s.isValid()).isTrue();
        assertThat(s.lead().getName()).isEqualTo("Kwame Mensah");
        assertThat(s.lead().getBudget()).isEqualByComparingTo("1200");
        assertThat(s.values()).doesNotContainKey("extra");
    }

    @Test
    void missingAndBadFieldsAreErrorsPerField() {
        Map<String, String> v = valid();
        v.put("name", "  ");
        v.put("email", "amina.example");
        v.put("budget", "lots");
        FormSubmission s = form.parse(urlencoded(v), null);
        assertThat(s.isValid()).isFalse();
        assertThat(s.hasErrors()).isTrue();
        assertThat(s.errors()).containsOnlyKeys("name", "email", "budget");
        assertThat(s.errors().get("name")).isEqualTo("Enter your full name.");
        assertThat(s.errors().get("email")).contains("name@example.com");
    }

    @Test
    void tooLongValueIsAnError() {
        Map<String, String> v = valid();
        v.put("message", "x".repeat(4001));
        assertThat(form.parse(urlencoded(v), null).errors()).containsOnlyKeys("message");
    }

    @Test
    void errorsAreShownAgainWithTheVisitorsEscapedInput() {
        Map<String, String> v = valid();
        v.put("name", "");
        v.put("email", "\"><script>alert(1)</script>");
        FormSubmission s = form.parse(urlencoded(v), null);
        String html = form.renderForm(s);
        assertThat(html).doesNotContain("<script>alert(1)</script>");
        Document d = Jsoup.parse(html);
        assertThat(d.title()).contains("please correct");
        Element summary = d.selectFirst(".error-summary");
        assertThat(summary.attr("role")).isEqualTo("alert");
        assertThat(summary.selectFirst("h2").text()).isEqualTo("Please correct 2 problems");
        assertThat(summary.select("a").eachAttr("href")).containsExactly("#name", "#email");

        Element email = d.getElementById("email");
        assertThat(email.attr("value")).isEqualTo("\"><script>alert(1)</script>");
        assertThat(email.attr("aria-invalid")).isEqualTo("true");
        assertThat(email.attr("aria-describedby")).isEqualTo("email-error");
        assertThat(d.getElementById("email-error").text()).contains("name@example.com");
        assertThat(d.getElementById("company").attr("value")).isEqualTo("Savannah Solar");
        assertThat(d.getElementById("company").hasAttr("aria-invalid")).isFalse();
        assertThat(d.getElementById("message").text()).isEqualTo("We need 20 kits & a quote <soon>.");
    }

    @Test
    void filledHoneypotMarksABot() {
        Map<String, String> v = valid();
        v.put(WebForm.HONEYPOT_FIELD, "http://spam.example");
        FormSubmission s = form.parse(urlencoded(v), null);
        assertThat(s.bot()).isTrue();
        assertThat(s.isValid()).as("a bot's lead is never created").isFalse();
        assertThat(s.hasErrors()).as("a bot is not shown errors").isFalse();
    }

    @Test
    void malformedBodiesAreFormErrors() {
        assertThat(form.parse("{not json", "application/json").errors().get(WebForm.FORM_ERROR))
                .contains("not valid JSON");
        assertThat(form.parse("[1,2]", "application/json").errors().get(WebForm.FORM_ERROR))
                .contains("must be a JSON object");
        assertThat(form.parse("{\"name\":{\"first\":\"A\"},\"email\":\"a@b.example\"}", "application/json")
                .errors().get(WebForm.FORM_ERROR)).contains("'name' must be text");
        assertThat(form.parse("name=%ZZ", "application/x-www-form-urlencoded").errors().get(WebForm.FORM_ERROR))
                .contains("not valid URL encoding");
    }

    @Test
    void formErrorsAppearInTheSummaryWithoutALink() {
        FormSubmission s = form.parse("{bad", "application/json");
        Document d = Jsoup.parse(form.renderForm(s));
        assertThat(d.selectFirst(".error-summary li").text()).contains("not valid JSON");
        assertThat(d.select(".error-summary a")).isEmpty();
    }

    @Test
    void invalidPhoneIsAcceptedWithAWarning() {
        Map<String, String> v = valid();
        v.put("phone", "12");
        FormSubmission s = form.parse(urlencoded(v), null);
        assertThat(s.isValid()).isTrue();
        assertThat(s.lead().getPhone()).isEqualTo("12");
        assertThat(s.warnings()).extracting(LeadProblem::field).containsExactly("phone");
    }

    @Test
    void thankYouPageNamesTheVisitorEscaped() {
        Document d = Jsoup.parse(form.renderThankYou("Amina <b>Otieno</b>"));
        assertThat(d.title()).isEqualTo("Thank you");
        assertThat(d.selectFirst("h1").text()).isEqualTo("Thank you, Amina <b>Otieno</b>");
        assertThat(d.select("h1 b")).isEmpty();
        assertThat(d.selectFirst("[role=status]").text()).contains("received your message");
        assertThat(Jsoup.parse(form.renderThankYou(null)).selectFirst("h1").text()).isEqualTo("Thank you");
    }

    @Test
    void htmlEscapeCoversAllSpecialCharacters() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }
}
