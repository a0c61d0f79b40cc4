package africa.cashfin.camel.examples.form;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The optional CAPTCHA of the web form, verified on the server: Cloudflare Turnstile or hCaptcha.
 * <p>
 * The page shows the provider's widget (its script and a {@code div} with the site key); the widget puts a one-time
 * token into the form field {@link Provider#responseField()}. Before a submission is accepted, {@link #verify} POSTs
 * {@code secret}, {@code response} (the token) and {@code remoteip} form-encoded to the provider's siteverify URL and
 * accepts the submission only when the JSON answer has {@code "success": true}. A missing token is refused without a
 * call. When siteverify cannot be reached or answers something else than JSON, the submission is refused too (the
 * visitor is asked to send again): the check fails closed. The secret is never logged.
 * Thread-safe.
 */
public final class Captcha {

    /** The providers. */
    public enum Provider {
        /** No CAPTCHA. */
        NONE(null, null, null, null),
        /** Cloudflare Turnstile. */
        TURNSTILE("cf-turnstile-response", "https://challenges.cloudflare.com/turnstile/v0/siteverify",
                "https://challenges.cloudflare.com/turnstile/v0/api.js", "cf-turnstile"),
        /** hCaptcha. */
        HCAPTCHA("h-captcha-response", "https://api.hcaptcha.com/siteverify", "https://js.hcaptcha.com/1/api.js",
                "h-captcha");

        private final String responseField;
        private final String verifyUrl;
        private final String script;
        private final String widgetClass;

        Provider(String responseField, String verifyUrl, String script, String widgetClass) {
            this.responseField = responseField;
            this.verifyUrl = verifyUrl;
            this.script = script;
            this.widgetClass = widgetClass;
        }

        /** The origins the widget loads its script and frames from (for the page's CSP), or null for none. */
        public String origins() {
            return switch (this) {
                case NONE -> null;
                case TURNSTILE -> "https://challenges.cloudflare.com";
                case HCAPTCHA -> "https://hcaptcha.com https://*.hcaptcha.com";
            };
        }

        /** The form field the widget fills with its token. */
        public String responseField() {
            return responseField;
        }

        /** The provider's siteverify URL. */
        public String defaultVerifyUrl() {
            return verifyUrl;
        }

        /**
         * The provider to use: {@code auto} (the default) is {@code none} for the demo (embedded Cashfin) and a
         * refusal to start otherwise, because a public form without a CAPTCHA lets a handful of addresses spend its
         * daily cap.
         *
         * @throws IllegalStateException for {@code auto} outside the demo
         */
        public static Provider choose(String configured, boolean demo) {
            String p = configured == null ? "" : configured.trim().toLowerCase(Locale.ROOT);
            if (!p.isEmpty() && !p.equals("auto")) {
                return parse(p);
            }
            if (demo) {
                return NONE;
            }
            throw new IllegalStateException("The web form needs a CAPTCHA against scripted posts: set"
                                            + " CASHFIN_FORM_CAPTCHA=turnstile (or hcaptcha) with"
                                            + " CASHFIN_FORM_CAPTCHA_SITE_KEY and CASHFIN_FORM_CAPTCHA_SECRET, or"
                                            + " CASHFIN_FORM_CAPTCHA=none to run the form without one (not for a form"
                                            + " on the internet).");
        }

        /** {@code none}, {@code turnstile} or {@code hcaptcha} (any case, blank is none). */
        public static Provider parse(String name) {
            String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
            if (n.isEmpty()) {
                return NONE;
            }
            try {
                return valueOf(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown CAPTCHA provider '" + name
                        + "'; use none, turnstile or hcaptcha");
            }
        }
    }

    /** The verdict: passed, or refused with the reason for the log. */
    public record Result(boolean passed, boolean unavailable, String reason) {
        static Result pass() {
            return new Result(true, false, "verified");
        }

        static Result refused(String reason) {
            return new Result(false, false, reason);
        }

        static Result unavailable(String reason) {
            return new Result(false, true, reason);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Provider provider;
    private final String siteKey;
    private final String secret;
    private final URI verifyUrl;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param provider  the provider ({@link Provider#NONE} turns the check off)
     * @param siteKey   the public site key shown in the page
     * @param secret    the secret key sent to siteverify
     * @param verifyUrl siteverify URL; blank for the provider's
     * @param timeout   how long to wait for siteverify
     */
    public Captcha(Provider provider, String siteKey, String secret, String verifyUrl, Duration timeout) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (provider == Provider.NONE) {
            this.siteKey = null;
            this.secret = null;
            this.verifyUrl = null;
            this.http = null;
            return;
        }
        if (siteKey == null || siteKey.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("CAPTCHA " + provider.name().toLowerCase(Locale.ROOT)
                    + " needs both cashfin.form.captcha.site-key and cashfin.form.captcha.secret");
        }
        this.siteKey = siteKey.trim();
        this.secret = secret.trim();
        this.verifyUrl = URI.create(verifyUrl == null || verifyUrl.isBlank() ? provider.defaultVerifyUrl()
                : verifyUrl.trim());
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** No CAPTCHA. */
    public static Captcha none() {
        return new Captcha(Provider.NONE, null, null, null, Duration.ofSeconds(5));
    }

    /** The provider. */
    public Provider provider() {
        return provider;
    }

    /** True when submissions are checked. */
    public boolean enabled() {
        return provider != Provider.NONE;
    }

    /** The widget's HTML (script and {@code div}) for the page; empty without a CAPTCHA. */
    public String widgetHtml() {
        if (!enabled()) {
            return "";
        }
        return "<script src=\"" + provider.script + "\" async defer></script>\n<div class=\"field "
               + provider.widgetClass + "\" data-sitekey=\"" + Html.escape(siteKey) + "\"></div>\n";
    }

    /**
     * @param token    the widget's token from the form (may be null)
     * @param remoteIp the client's address
     */
    public Result verify(String token, String remoteIp) {
        if (!enabled()) {
            return Result.pass();
        }
        if (token == null || token.isBlank()) {
            return Result.refused("no CAPTCHA token in the submission (field " + provider.responseField + ")");
        }
        String form = "secret=" + enc(secret) + "&response=" + enc(token.trim())
                      + (remoteIp == null || remoteIp.isBlank() ? "" : "&remoteip=" + enc(remoteIp));
        HttpRequest request = HttpRequest.newBuilder(verifyUrl).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Result.unavailable("siteverify " + verifyUrl + " could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.unavailable("interrupted while calling siteverify");
        }
        if (answer.statusCode() != 200) {
            return Result.unavailable("siteverify " + verifyUrl + " answered HTTP " + answer.statusCode());
        }
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (IOException e) {
            return Result.unavailable("siteverify " + verifyUrl + " answered something else than JSON");
        }
        if (json != null && json.path("success").asBoolean(false)) {
            return Result.pass();
        }
        JsonNode codes = json == null ? null : json.get("error-codes");
        return Result.refused("the CAPTCHA was not solved (" + provider.name().toLowerCase(Locale.ROOT)
                              + " error-codes " + (codes == null ? "[]" : codes.toString()) + ")");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Captcha[" + provider.name().toLowerCase(Locale.ROOT) + "]";
    }
}
