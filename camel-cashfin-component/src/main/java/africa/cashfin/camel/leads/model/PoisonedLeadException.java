package africa.cashfin.camel.leads.model;

import java.time.Instant;

/**
 * A lead whose exchange failed {@code failedLeadMaxAttempts} times: the polling consumer gives up on it, records it as
 * handled (it is not offered again and no longer holds the cursor back) and hands this exception to its exception
 * handler once, carrying the lead. Handle it there (e.g. send {@link #getLead()} to a dead letter store).
 */
public class PoisonedLeadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Lead lead;
    private final int attempts;
    private final Instant firstFailure;
    private final String lastError;

    /**
     * @param lead         the lead, as the server sent it
     * @param eventType    {@code created} or {@code updated}
     * @param attempts     failed attempts
     * @param firstFailure when the first of them happened
     * @param lastError    the last failure, in one line
     */
    public PoisonedLeadException(Lead lead, String eventType, int attempts, Instant firstFailure, String lastError) {
        // no stack trace and no cause: an expected report about one lead, logged as one line (the route's error
        // handler has logged each failure already)
        super("Lead " + lead.getId() + " (" + eventType + ") failed " + attempts + " attempts since " + firstFailure
              + ", last: " + lastError + ". The consumer gave up on it: it is recorded as handled, not offered again,"
              + " and no longer holds the cursor back. Handle it from here (the lead is in getLead()), or raise"
              + " failedLeadMaxAttempts (0: never give up) to retry longer.", null, false, false);
        this.lead = lead;
        this.attempts = attempts;
        this.firstFailure = firstFailure;
        this.lastError = lastError;
    }

    /** The lead the consumer gave up on. */
    public Lead getLead() {
        return lead;
    }

    /** How many attempts failed. */
    public int getAttempts() {
        return attempts;
    }

    /** When the first failed attempt happened. */
    public Instant getFirstFailure() {
        return firstFailure;
    }

    /** The last failure, in one line. */
    public String getLastError() {
        return lastError;
    }
}
