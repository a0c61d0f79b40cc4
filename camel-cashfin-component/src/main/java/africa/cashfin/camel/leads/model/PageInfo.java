package africa.cashfin.camel.leads.model;

/**
 * Page information of a list response. The Leads page sends it under {@code pagination}, Cashfin's generic pagination
 * guide under {@code meta}; both carry the same four numbers.
 *
 * @param total number of leads matching the filters
 * @param page  this page, 1-based
 * @param limit page size asked for
 * @param pages number of pages
 */
public record PageInfo(long total, int page, int limit, int pages) {
}
