package africa.cashfin.camel.leads.scan;

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

    LeadEvent(Lead lead, LeadEventType type, String key, long position) {
        this.lead = Objects.requireNonNull(lead);
        this.type = Objects.requireNonNull(type);
        this.key = Objects.requireNonNull(key);
        this.position = position;
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

    /** 0-based position of the lead in the list when it was read, or -1 when unknown. */
    long position() {
        return position;
    }

    @Override
    public String toString() {
        return "LeadEvent[" + type + " " + key + "]";
    }
}
