package africa.cashfin.camel.leads.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import africa.cashfin.camel.leads.api.limit.RetryAfter;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.MalformedLead;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * Turns a {@link RawResponse} into a lead, a page of leads, or a {@link CashfinApiException} that says what was wrong.
 * The body is parsed as JSON only after the status and content type were checked, so an HTML page from a proxy or an
 * empty body gets its own clear message rather than a parser error.
 */
final class ResponseReader {

    private static final int SNIPPET_LENGTH = 200;

    private final SecretMask secretMask;
    private final Supplier<Long> clock;

    ResponseReader(String secret, Supplier<Long> clock) {
        this(new SecretMask(secret), clock);
    }

    /** A reader masking whatever {@code secretMask} masks (the client secret, and proxy credentials if any). */
    ResponseReader(SecretMask secretMask, Supplier<Long> clock) {
        this.secretMask = secretMask;
        this.clock = clock;
    }

    Lead readCreated(String method, String path, RawResponse response) {
        JsonNode data = envelope(method, path, response).get("data");
        if (data == null || !data.isObject()) {
            throw invalid(method, path, response, "The success response has no lead under \"data\"", null);
        }
        return toLead(method, path, response, data, "data");
    }

    LeadPage readPage(String method, String path, RawResponse response) {
        return readPage(method, path, response, -1);
    }

    /**
     * A list page. A record that cannot be read as a lead, or has no {@code _id} or no {@code createdat}, does not fail
     * the page: it is kept as a {@link MalformedLead} with its JSON, in its position. Without {@code pages} in the page
     * info the page count is derived from {@code total} and {@code limit} (the requested limit when the response has
     * none); what cannot be known is -1.
     *
     * @param requestedLimit the {@code limit} asked for, or -1
     */
    LeadPage readPage(String method, String path, RawResponse response, int requestedLimit) {
        JsonNode root = envelope(method, path, response);
        JsonNode data = root.get("data");
        List<Lead> leads = new ArrayList<>();
        List<MalformedLead> malformed = new ArrayList<>();
        if (data != null && !data.isNull()) {
            if (!data.isArray()) {
                throw invalid(method, path, response, "\"data\" is a JSON " + data.getNodeType().name()
                        .toLowerCase(Locale.ROOT) + ", expected an array of leads", null);
            }
            for (int i = 0; i < data.size(); i++) {
                readRecord(data.get(i), i, leads, malformed);
            }
        }
        JsonNode info = root.get("pagination");
        if (info == null || !info.isObject()) {
            info = root.get("meta");
        }
        PageInfo pageInfo = null;
        if (info != null && info.isObject()) {
            long total = info.path("total").isNumber() ? info.path("total").asLong() : -1;
            int limit = info.path("limit").isNumber() ? info.path("limit").asInt() : requestedLimit;
            int pages = info.path("pages").isNumber() ? info.path("pages").asInt()
                    : total >= 0 && limit > 0 ? (int) ((total + limit - 1) / limit) : -1;
            pageInfo = new PageInfo(total, info.path("page").asInt(1), limit, pages);
        }
        return new LeadPage(leads, pageInfo, malformed);
    }

    /** One record of a list page: a trackable lead, or a malformed record with its JSON. */
    private void readRecord(JsonNode node, int index, List<Lead> leads, List<MalformedLead> malformed) {
        Lead lead;
        try {
            lead = LeadJson.mapper().treeToValue(node, Lead.class);
        } catch (IOException | IllegalArgumentException e) {
            malformed.add(new MalformedLead(index, redact(String.valueOf(node)),
                    redact("The lead at data[" + index + "] cannot be read (" + LeadJson.firstLine(e.getMessage()) + ")"),
                    null));
            return;
        }
        if (lead == null || lead.getId() == null || lead.getId().isBlank() || lead.getCreatedat() == null) {
            String missing = "The lead at data[" + index + "] has no "
                    + (lead == null ? "JSON object" : lead.getId() == null || lead.getId().isBlank() ? "_id" : "createdat");
            malformed.add(new MalformedLead(index, redact(String.valueOf(node)), missing, lead));
            return;
        }
        leads.add(lead);
    }

    /** The parsed body of a success; throws for every other answer. */
    private JsonNode envelope(String method, String path, RawResponse response) {
        JsonNode root = parse(method, path, response);
        if (!response.isSuccess()) {
            throw apiError(method, path, response, root, null);
        }
        if (root.path("success").isBoolean() && !root.path("success").asBoolean()) {
            throw apiError(method, path, response, root, null);
        }
        return root;
    }

    private JsonNode parse(String method, String path, RawResponse response) {
        byte[] body = response.body();
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw invalid(method, path, response, "The response body is empty (expected JSON)", null);
        }
        String ct = response.contentType() == null ? "" : response.contentType().toLowerCase(Locale.ROOT);
        boolean looksJson = text.startsWith("{") || text.startsWith("[");
        if (!looksJson || ct.contains("html")) {
            String type = "(Content-Type: " + (ct.isEmpty() ? "none" : response.contentType()) + ")";
            String what = HtmlPage.looksLike(ct, text)
                    ? "The response is an HTML page, not JSON " + type + ", " + HtmlPage.summary(redact(text))
                    : "The response is not JSON " + type + ", it starts with: " + snippet(redact(text));
            throw invalid(method, path, response, what
                    + (response.isSuccess() ? "" : ". A proxy or gateway in front of Cashfin may have answered"), null);
        }
        try {
            JsonNode root = LeadJson.mapper().readTree(body);
            if (!root.isObject()) {
                throw invalid(method, path, response, "The response is a JSON array, expected an object", null);
            }
            return root;
        } catch (IOException e) {
            throw invalid(method, path, response, "The response body is malformed JSON ("
                    + LeadJson.firstLine(e.getMessage()) + "); it starts with: " + snippet(redact(text)), e);
        }
    }

    private CashfinApiException apiError(String method, String path, RawResponse response, JsonNode root,
                                         String problem) {
        String error = text(root, "error");
        String message = text(root, "message");
        Map<String, String> errors = new LinkedHashMap<>();
        JsonNode errs = root.get("errors");
        if (errs != null && errs.isObject()) {
            errs.fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().isTextual()
                    ? e.getValue().asText() : e.getValue().toString()));
        }
        Duration retryAfter = retryAfter(response);
        if (retryAfter == null && root.path("retry_after").isNumber()) {
            retryAfter = Duration.ofSeconds(root.path("retry_after").asLong());
        }
        if (error == null && message == null && errors.isEmpty() && problem == null) {
            problem = "The error body carries no error text";
        }
        return new CashfinApiException(method, path, response.status(), response.reason(), redact(error),
                redact(message), secretMask.mask(errors), retryAfter, redact(problem), null);
    }

    private CashfinApiException invalid(String method, String path, RawResponse response, String problem,
                                        Throwable cause) {
        return CashfinApiException.unreadable(method, path, response.status(), response.reason(), retryAfter(response),
                redact(problem), secretMask.mask(cause));
    }

    private Lead toLead(String method, String path, RawResponse response, JsonNode node, String where) {
        try {
            return LeadJson.mapper().treeToValue(node, Lead.class);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(method, path, response, "The lead at " + where + " cannot be read ("
                    + LeadJson.firstLine(e.getMessage()) + ")", e);
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date, the latter read against the answer's {@code Date}. */
    private Duration retryAfter(RawResponse response) {
        return RetryAfter.parse(response.header("retry-after"), response.header("date"),
                Instant.ofEpochMilli(clock.get())).orElse(null);
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.isTextual() ? n.asText() : n.toString();
        return s.isBlank() ? null : s;
    }

    private static String snippet(String text) {
        return HtmlPage.quoted(text, SNIPPET_LENGTH);
    }

    /** Removes the secret should a server or proxy echo it back (before any cut, so no part of it remains). */
    private String redact(String text) {
        return secretMask.mask(text);
    }
}
