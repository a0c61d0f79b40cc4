package africa.cashfin.camel.leads.producer;

/** The outcome of one lead of a bulk create. */
public enum BulkCreateStatus {
    /** The lead was created by this bulk create. */
    CREATED,
    /** The lead already existed (found by the {@code deduplicateBy} look-up) and was not created again. */
    DUPLICATE,
    /** The lead was not created: invalid input, or the API call failed; see {@link BulkCreateItem#error()}. */
    FAILED
}
