package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.Objects;

import africa.cashfin.camel.leads.model.Lead;

/**
 * One lead the consumer must emit now, with its event type and the key under which it is recorded as seen once its
 * exchange succeeded. Report the outcome with {@link ScanRun#succeeded(LeadEvent)} or {@link ScanRun#failed(LeadEvent)}.
 */
public final class LeadEvent {

    private final Lead lead;
    private final LeadEventType type;
    private final String key;
    private final long position;
    /** Offered from the {@link RetryLedger}, not read from a page of this run. */
    private final boolean retry;
    private final int attempts;
    private final Instant nextAttempt;
    private final Instant firstFailure;

    LeadEvent(Lead lead, LeadEventType type, String key, long position) {
        this(lead, type, key, position, false, null);
    }

    /**
     * @param retry  true when offered from the {@link RetryLedger} (not read from a page of this run)
     * @param failed what the ledger knows of the lead's failures, or null
     */
    LeadEvent(Lead lead, LeadEventType type, String key, long position, boolean retry, FailedLead failed) {
        this.lead = Objects.requireNonNull(lead);
        this.type = Objects.requireNonNull(type);
        this.key = Objects.requireNonNull(key);
        this.position = position;
        this.retry = retry;
        this.attempts = failed == null ? 0 : failed.attempts();
        this.nextAttempt = failed == null ? null : failed.nextAttempt();
        this.firstFailure = failed == null ? null : failed.firstFailure();
    }

    /** The lead, as the server sent it. */
    public Lead lead() {
        return lead;
    }

    /** CREATED or UPDATED. */
    public LeadEventType type() {
        return type;
    }

    /**
     * The seen-store key: {@code _id} for a creation, {@code _id@updatedat} for an update (see {@link SeenKeys}).
     */
    public String key() {
        return key;
    }

    /**
     * Failed attempts of this lead saved with the scan's state (0 when none): after a restart or a leader change the
     * consumer goes on counting from there.
     */
    public int attempts() {
        return attempts;
    }

    /** When the lead may be offered again, as saved with the scan's state, or null (at once, or never failed). */
    public Instant nextAttempt() {
        return nextAttempt;
    }

    /**
     * When the lead first failed, as saved with the scan's state, or null (unknown, or never failed): after a restart
     * or a leader change the consumer reports the lead's true age.
     */
    public Instant firstFailure() {
        return firstFailure;
    }

    /** True when the lead is offered from the retry ledger, not read from a page of this run. */
    boolean retry() {
        return retry;
    }

    /** 0-based position of the lead in the list when it was read, or -1 when unknown. */
    long position() {
        return position;
    }

    @Override
    public String toString() {
        return "LeadEvent[" + type + " " + key + "]";
    }
}
