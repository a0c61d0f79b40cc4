package africa.cashfin.camel.simulator;

/** The non-failure behaviour switches: page info key, sort order, latency, jitter, busy CRM, secret echo. Thread-safe. */
final class Switches {

    volatile PageInfoKey pageInfoKey = PageInfoKey.PAGINATION;
    volatile SortOrder sortOrder = SortOrder.NEWEST_FIRST;
    volatile int latencyMillis;
    volatile int busyCrmLeadsPerPage;
    volatile SecretEcho secretEcho = SecretEcho.OFF;
    /** Random delay before a request is counted and served (rate limiting: the harsh side). */
    volatile LatencyJitter jitter = LatencyJitter.NONE;

    void reset() {
        pageInfoKey = PageInfoKey.PAGINATION;
        sortOrder = SortOrder.NEWEST_FIRST;
        latencyMillis = 0;
        busyCrmLeadsPerPage = 0;
        secretEcho = SecretEcho.OFF;
        jitter = LatencyJitter.NONE;
    }
}
