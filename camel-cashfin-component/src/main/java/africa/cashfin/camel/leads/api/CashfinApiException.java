package africa.cashfin.camel.leads.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.camel.spi.HttpResponseAware;

/**
 * The Cashfin API answered, but not with a usable success: a non-2xx status, {@code "success": false}, or a body that is
 * not the JSON the API documents (an HTML page from a proxy, an empty or malformed body).
 * <p>
 * Carries what the API said: the HTTP status, {@code error}, {@code message}, the per-field {@code errors} and the
 * {@code Retry-After} delay of a 429. The exception message says which call failed, what the API said and what to do.
 */
public class CashfinApiException extends CashfinException implements HttpResponseAware {

    private static final long serialVersionUID = 1L;

    private int statusCode;
    private String statusText;
    private final String error;
    private final String apiMessage;
    private final Map<String, String> errors;
    private final Duration retryAfter;
    private final String problem;

    /**
     * @param method     HTTP method of the call
     * @param path       path of the call
     * @param statusCode HTTP status received
     * @param statusText HTTP reason phrase, may be null
     * @param error      the body's {@code error}, may be null
     * @param apiMessage the body's {@code message}, may be null
     * @param errors     the body's per-field {@code errors}, may be null
     * @param retryAfter how long the server asked to wait ({@code Retry-After} or {@code retry_after}), may be null
     * @param problem    what was wrong with the response when the API's own words are missing or unusable (e.g. "the
     *                   body is HTML, not JSON: ..."), may be null
     * @param cause      the parse failure behind {@code problem}, may be null
     */
    public CashfinApiException(String method, String path, int statusCode, String statusText, String error,
                               String apiMessage, Map<String, String> errors, Duration retryAfter, String problem,
                               Throwable cause) {
        super(describe(method, path, statusCode, error, apiMessage, errors, retryAfter, problem), method, path, cause);
        this.statusCode = statusCode;
        this.statusText = statusText;
        this.error = error;
        this.apiMessage = apiMessage;
        this.errors = errors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        this.retryAfter = retryAfter;
        this.problem = problem;
    }

    /**
     * The API answered, but its answer (or a part of it) cannot be used: no error text of the API's own, only what was
     * wrong with the response ({@code problem}).
     *
     * @param method     HTTP method of the call
     * @param path       path of the call
     * @param statusCode HTTP status received (a 2xx when the body of a success was unreadable)
     * @param statusText HTTP reason phrase, may be null
     * @param retryAfter how long the server asked to wait, may be null
     * @param problem    what was wrong with the response, e.g. "the body is HTML, not JSON: ..."
     * @param cause      the parse failure behind {@code problem}, may be null
     */
    public static CashfinApiException unreadable(String method, String path, int statusCode, String statusText,
                                                 Duration retryAfter, String problem, Throwable cause) {
        return new CashfinApiException(method, path, statusCode, statusText, null, null, null, retryAfter, problem,
                cause);
    }

    /** The HTTP status code, e.g. 422. */
    public int getStatusCode() {
        return statusCode;
    }

    /** The API's {@code error} text, or null. */
    public String getError() {
        return error;
    }

    /** The API's {@code message} text, or null. */
    public String getApiMessage() {
        return apiMessage;
    }

    /** The API's per-field {@code errors} (field name to message); empty when none were sent. */
    public Map<String, String> getErrors() {
        return errors;
    }

    /** How long the server asked to wait before retrying (429 {@code Retry-After}); empty when not sent. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * What was wrong with the response itself (not JSON, empty, malformed, no {@code data}), or null when the API
     * answered with a well-formed error body.
     */
    public String getResponseProblem() {
        return problem;
    }

    /** True for 429 Too Many Requests. */
    public boolean isRateLimited() {
        return statusCode == 429;
    }

    /** True for 5xx: the request may or may not have been processed. */
    public boolean isServerError() {
        return statusCode >= 500;
    }

    @Override
    public int getHttpResponseCode() {
        return statusCode;
    }

    @Override
    public void setHttpResponseCode(int code) {
        this.statusCode = code;
    }

    @Override
    public String getHttpResponseStatus() {
        return statusText;
    }

    @Override
    public void setHttpResponseStatus(String status) {
        this.statusText = status;
    }

    private static String describe(String method, String path, int status, String error, String apiMessage,
                                   Map<String, String> errors, Duration retryAfter, String problem) {
        StringBuilder sb = new StringBuilder("Cashfin ").append(method).append(' ').append(path)
                .append(" failed with HTTP ").append(status);
        if (error != null) {
            sb.append(": ").append(error);
        }
        if (apiMessage != null && !apiMessage.equals(error)) {
            sb.append(error != null ? " (" + apiMessage + ")" : ": " + apiMessage);
        }
        if (errors != null && !errors.isEmpty()) {
            endSentence(sb).append("Field errors: ").append(errors.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        }
        if (problem != null) {
            endSentence(sb).append(problem);
        }
        endSentence(sb).append(advice(status, error, retryAfter, problem));
        return sb.toString();
    }

    /** Ends the sentence so far with ". ", or only " " when the server's text already ends one ("access!"). */
    private static StringBuilder endSentence(StringBuilder sb) {
        char last = sb.charAt(sb.length() - 1);
        return sb.append(last == '.' || last == '!' || last == '?' ? " " : ". ");
    }

    private static String advice(int status, String error, Duration retryAfter, String problem) {
        if (status >= 200 && status < 300 && problem == null) {
            return "The API reported a failure despite the success status; see its message.";
        }
        if (status >= 200 && status < 300) {
            return "The call may have succeeded on the server, but its answer could not be read; check the lead in"
                   + " Cashfin before repeating it.";
        }
        if (status >= 300 && status < 400) {
            return "The server redirected the call; redirects are not followed (they would carry the client secret to"
                   + " another address). Set baseUrl to the final address.";
        }
        switch (status) {
            case 400:
                if (error != null && error.contains("'required' tag")) {
                    return "A required field is missing (a lead needs a non-blank name); fix the request data.";
                }
                return "The request was rejected as malformed; fix the request data.";
            case 401:
                return "Check the client secret (option clientSecret): it is missing, mistyped or revoked.";
            case 403:
                return "The client secret is valid but not allowed to do this; check its permissions in Cashfin.";
            case 404:
                return "Check baseUrl: the path was not found there.";
            case 407:
                return "The HTTP proxy refused the call: check proxyUsername and proxyPassword (the proxy's own"
                       + " credentials, not the Cashfin secret). The request did not reach Cashfin.";
            case 409:
                return "The lead conflicts with an existing one (duplicate entry); do not retry it unchanged.";
            case 422:
                return "The API rejected the listed fields; fix them and send again.";
            case 429:
                return "Rate limit exceeded; retry after "
                       + (retryAfter != null ? retryAfter.toSeconds() + " s" : "a while (no Retry-After sent)")
                       + " and lower the request rate.";
            default:
                if (status >= 500) {
                    return "Server or gateway error: the request may or may not have been processed (a create may"
                           + " have created the lead). Check whether the lead exists (list with search=<its email or"
                           + " phone>) before repeating a create; option deduplicateBy=email or phone makes the"
                           + " component do that look-up and retry safely.";
                }
                return "Unexpected status; check baseUrl and the request.";
        }
    }
}
