package africa.cashfin.camel.leads.api;

import java.util.Map;

/**
 * An HTTP answer as received, before any JSON parsing: status, reason, the headers the client cares about, the body.
 *
 * @param status      HTTP status code
 * @param reason      reason phrase, may be null
 * @param contentType the Content-Type header, may be null
 * @param headers     response headers by lower-case name (last value wins)
 * @param body        the body bytes, empty when there was none
 */
record RawResponse(int status, String reason, String contentType, Map<String, String> headers, byte[] body) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
