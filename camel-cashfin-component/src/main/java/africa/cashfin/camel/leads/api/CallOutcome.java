package africa.cashfin.camel.leads.api;

/**
 * How one HTTP call to Cashfin ended, as metrics tell them apart: by the status class of the answer, with 429 apart
 * (the rate limit), or {@link #TRANSPORT} when no complete answer arrived.
 */
public enum CallOutcome {
    /** 2xx. */
    SUCCESS("2xx"),
    /** 3xx: a redirect, which the client does not follow. */
    REDIRECT("3xx"),
    /** 4xx other than 429: the request or the credentials were refused. */
    CLIENT_ERROR("4xx"),
    /** 429 Too Many Requests. */
    RATE_LIMITED("429"),
    /** 5xx (and any status outside 200..599). */
    SERVER_ERROR("5xx"),
    /** No complete answer: could not connect, timed out, connection lost. */
    TRANSPORT("transport");

    private final String tag;

    CallOutcome(String tag) {
        this.tag = tag;
    }

    /** The metric tag value: {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 429}, {@code 5xx} or {@code transport}. */
    public String tag() {
        return tag;
    }

    /** The outcome of an answer with HTTP status {@code status}. */
    public static CallOutcome of(int status) {
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        if (status >= 300 && status < 400) {
            return REDIRECT;
        }
        if (status >= 400 && status < 500) {
            return CLIENT_ERROR;
        }
        return SERVER_ERROR;
    }
}
