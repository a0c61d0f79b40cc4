package africa.cashfin.camel.leads.producer;

import africa.cashfin.camel.leads.model.Lead;

/**
 * The outcome of one lead of a bulk create.
 *
 * @param index  the 0-based position of the item in the body (List, Iterable, Iterator, Stream or array)
 * @param input  the item as it was in the body (a Lead, Map, JSON text, ...)
 * @param lead   the created lead, or the existing one found by the dedupe look-up; null when {@link #status()} is
 *               {@link BulkCreateStatus#FAILED}
 * @param status created, duplicate or failed
 * @param error  why the item failed (e.g. {@code LeadValidationException}, {@code CashfinApiException}); null
 *               otherwise
 */
public record BulkCreateItem(int index, Object input, Lead lead, BulkCreateStatus status, Exception error) {

    /** @return true when this bulk create created the lead */
    public boolean created() {
        return status == BulkCreateStatus.CREATED;
    }

    /** @return true when the item failed */
    public boolean failed() {
        return status == BulkCreateStatus.FAILED;
    }

    @Override
    public String toString() {
        return "BulkCreateItem[index=" + index + ", status=" + status
               + (lead != null ? ", id=" + lead.getId() : "")
               + (error != null ? ", error=" + error.getMessage() : "") + "]";
    }
}
