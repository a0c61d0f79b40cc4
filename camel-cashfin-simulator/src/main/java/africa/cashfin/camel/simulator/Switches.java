package africa.cashfin.camel.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The non-failure behaviour switches: page info key, sort order, latency, jitter, busy CRM, secret echo, and the strict
 * list behaviours (leads leaving while a client pages, malformed records, incomplete page info). Thread-safe.
 */
final class Switches {

    volatile PageInfoKey pageInfoKey = PageInfoKey.PAGINATION;
    volatile SortOrder sortOrder = SortOrder.NEWEST_FIRST;
    volatile int latencyMillis;
    volatile int busyCrmLeadsPerPage;
    volatile SecretEcho secretEcho = SecretEcho.OFF;
    /** Random delay before a request is counted and served (rate limiting: the harsh side). */
    volatile LatencyJitter jitter = LatencyJitter.NONE;
    // strict list behaviours
    /** Leads still to leave, one per request for a page after the first. */
    final AtomicInteger leavingLeads = new AtomicInteger();
    volatile Departure departure = Departure.DELETED;
    volatile int malformedEveryNth;
    volatile PageInfoShape pageInfoShape = PageInfoShape.COMPLETE;

    void reset() {
        pageInfoKey = PageInfoKey.PAGINATION;
        sortOrder = SortOrder.NEWEST_FIRST;
        latencyMillis = 0;
        busyCrmLeadsPerPage = 0;
        secretEcho = SecretEcho.OFF;
        jitter = LatencyJitter.NONE;
        leavingLeads.set(0);
        departure = Departure.DELETED;
        malformedEveryNth = 0;
        pageInfoShape = PageInfoShape.COMPLETE;
    }
}
