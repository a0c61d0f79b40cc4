package africa.cashfin.camel.simulator;

/** How the simulator answered a create or list request, as counted by {@link RequestCounters}. */
public enum Outcome {
    /** A 2xx answer (lead created or page listed). */
    OK,
    /** A 4xx answer other than 429 (400 validation, 401 unauthorized, injected 4xx). */
    CLIENT_ERROR,
    /** A 429 answer (rate limit, real or injected). */
    RATE_LIMITED,
    /** A 5xx answer (injected or random failure). */
    SERVER_ERROR,
    /** A network fault (connection reset, empty response, garbage) instead of an HTTP answer. */
    FAULT;

    static Outcome ofStatus(int status) {
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        if (status >= 400) {
            return CLIENT_ERROR;
        }
        return OK;
    }
}
