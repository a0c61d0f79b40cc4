package africa.cashfin.camel.leads.model;

/**
 * Page information of a list response. The Leads page sends it under {@code pagination}, Cashfin's generic pagination
 * guide under {@code meta}; both carry the same four numbers. A response may leave some out: {@code pages} is then
 * derived from {@code total} and {@code limit}, and what cannot be known is -1.
 *
 * @param total number of leads matching the filters, or -1 when the response did not say
 * @param page  this page, 1-based
 * @param limit page size
 * @param pages number of pages (as sent, or {@code ceil(total / limit)} when not sent), or -1 when unknown
 */
public record PageInfo(long total, int page, int limit, int pages) {

    /** True when the number of pages is known. */
    public boolean knowsPages() {
        return pages >= 0;
    }
}
