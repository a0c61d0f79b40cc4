package africa.cashfin.camel.leads.api;

/**
 * Parameters of {@code GET /business/lead/list}. A null parameter is not sent (the API's default applies).
 *
 * @param page   page number, 1-based (API default 1)
 * @param limit  page size, 1..100 (API default 10)
 * @param search search text over name, email, phone and company
 * @param status status filter (new, contacted, qualified, converted, lost)
 * @param source source filter (website, referral, ...)
 */
public record LeadQuery(Integer page, Integer limit, String search, String status, String source) {

    /** The largest page size the API accepts. */
    public static final int MAX_LIMIT = 100;

    public LeadQuery {
        if (page != null && page < 1) {
            throw new IllegalArgumentException("page must be 1 or more (pages are 1-based), got " + page);
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** The first page with the API's default size and no filters. */
    public static LeadQuery firstPage() {
        return new LeadQuery(null, null, null, null, null);
    }

    /** This query for another page. */
    public LeadQuery withPage(int newPage) {
        return new LeadQuery(newPage, limit, search, status, source);
    }
}
