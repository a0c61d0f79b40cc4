package africa.cashfin.camel.simulator;

/** The non-failure behaviour switches: page info key, sort order, latency and busy CRM. Thread-safe. */
final class Switches {

    volatile PageInfoKey pageInfoKey = PageInfoKey.PAGINATION;
    volatile SortOrder sortOrder = SortOrder.NEWEST_FIRST;
    volatile int latencyMillis;
    volatile int busyCrmLeadsPerPage;

    void reset() {
        pageInfoKey = PageInfoKey.PAGINATION;
        sortOrder = SortOrder.NEWEST_FIRST;
        latencyMillis = 0;
        busyCrmLeadsPerPage = 0;
    }
}
