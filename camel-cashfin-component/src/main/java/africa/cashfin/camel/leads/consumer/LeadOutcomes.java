package africa.cashfin.camel.leads.consumer;

import africa.cashfin.camel.leads.scan.LeadEvent;
import africa.cashfin.camel.leads.scan.ScanRun;
import africa.cashfin.camel.leads.scan.SweepRun;

/** Where the outcome of each lead handed to the route is reported: the fast path's run or the sweep's. */
public interface LeadOutcomes {

    void succeeded(LeadEvent event);

    /** The lead's exchange failed; {@code f}: its failures so far and when it may be offered again. */
    void failed(LeadEvent event, FailedLeadBackoff.Failing f);

    /** Given up after too many failed attempts: recorded as handled, never offered again. */
    void poisoned(LeadEvent event);

    /** The lead waits out its retry delay and was not offered; {@code f}: its failures (null: unknown). */
    void waiting(LeadEvent event, boolean routeMayBeDown, FailedLeadBackoff.Failing f);

    /** True when the rest of the page must not be offered ({@link #notOffered}). */
    boolean stoppedAfterFailures();

    void notOffered(LeadEvent event);

    static LeadOutcomes of(ScanRun run) {
        return new LeadOutcomes() {
            public void succeeded(LeadEvent event) {
                run.succeeded(event);
            }

            public void failed(LeadEvent event, FailedLeadBackoff.Failing f) {
                run.failed(event, f.failures(), f.nextAttempt(), f.firstFailure());
            }

            public void poisoned(LeadEvent event) {
                run.poisoned(event);
            }

            public void waiting(LeadEvent event, boolean routeMayBeDown, FailedLeadBackoff.Failing f) {
                if (f == null) {
                    run.waiting(event, routeMayBeDown);
                } else {
                    run.waiting(event, routeMayBeDown, f.failures(), f.nextAttempt(), f.firstFailure());
                }
            }

            public boolean stoppedAfterFailures() {
                return run.stoppedAfterFailures();
            }

            public void notOffered(LeadEvent event) {
                run.notOffered(event);
            }
        };
    }

    /** The sweep: a failure ends its part of the poll; a lead waiting out its delay is the retry's business. */
    static LeadOutcomes of(SweepRun run) {
        return new LeadOutcomes() {
            public void succeeded(LeadEvent event) {
                run.succeeded(event);
            }

            public void failed(LeadEvent event, FailedLeadBackoff.Failing f) {
                run.failed(event);
            }

            public void poisoned(LeadEvent event) {
                run.poisoned(event);
            }

            public void waiting(LeadEvent event, boolean routeMayBeDown, FailedLeadBackoff.Failing f) {
            }

            public boolean stoppedAfterFailures() {
                return run.stoppedAfterFailure();
            }

            public void notOffered(LeadEvent event) {
            }
        };
    }
}
