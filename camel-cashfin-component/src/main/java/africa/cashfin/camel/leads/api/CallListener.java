package africa.cashfin.camel.leads.api;

import africa.cashfin.camel.leads.api.limit.ApiOperation;

/**
 * Told about every HTTP call a {@link CashfinClient} makes and every wait for the rate limiter: what metrics
 * (Micrometer, JMX) are built from. Called on the calling thread; must be quick and must not throw.
 */
public interface CallListener {

    /**
     * One HTTP call ended (every attempt counts: a retried call is several).
     *
     * @param durationNanos from sending the request to reading the whole answer (or the failure)
     */
    void onCall(ApiOperation operation, CallOutcome outcome, long durationNanos);

    /** A call waited {@code waitedNanos} (possibly 0) for the rate limiter before it could be sent. */
    void onLimiterWait(ApiOperation operation, long waitedNanos);
}
