package africa.cashfin.camel.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The non-failure behaviour switches: page info key, sort order, latency, jitter, busy CRM, secret echo, and the strict
 * list behaviours (leads leaving while a client pages, malformed records, incomplete page info, shuffled ties, late
 * visibility, churn, a limit cap) and the harsher error shapes (gateway HTML pages, HTTP-date Retry-After).
 * Thread-safe.
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
    // the harsher server readings of issue 17
    volatile TieShuffle tieShuffle = TieShuffle.STABLE;
    /** How long a lead created through the API (or generated) stays out of the list; 0 = at once. */
    volatile long lateVisibilityMillis;
    volatile Churn churn = Churn.OFF;
    /** Most leads a list page holds whatever {@code limit} asks; 0 = only the documented 100. */
    volatile int limitCap;
    /** Injected 502/503/504 answered with a gateway's HTML page instead of Cashfin's JSON. */
    volatile boolean gatewayErrorPages;
    volatile RetryAfterFormat retryAfterFormat = RetryAfterFormat.SECONDS;

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
        tieShuffle = TieShuffle.STABLE;
        lateVisibilityMillis = 0;
        churn = Churn.OFF;
        limitCap = 0;
        gatewayErrorPages = false;
        retryAfterFormat = RetryAfterFormat.SECONDS;
    }
}
