package africa.cashfin.camel.leads.scan;

/** Why a lead is emitted: it is new to the consumer, or a lead it already delivered has a new {@code updatedat}. */
public enum LeadEventType {
    /** A lead whose {@code _id} the consumer has not delivered before. Header value {@code created}. */
    CREATED,
    /** A delivered lead whose {@code updatedat} moved (only with {@code emitUpdates}). Header value {@code updated}. */
    UPDATED;

    /** The value of the {@code CamelCashfinEventType} header: {@code created} or {@code updated}. */
    public String headerValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
