package africa.cashfin.camel.leads.scan;

/**
 * The list page the consumer must read next: {@code GET /business/lead/list?page=page&limit=limit} plus its filters.
 *
 * @param page  1-based page number
 * @param limit page size
 */
public record PageRequest(int page, int limit) {

    public PageRequest {
        if (page < 1 || limit < 1) {
            throw new IllegalArgumentException("page and limit must be >= 1, got page=" + page + " limit=" + limit);
        }
    }
}
