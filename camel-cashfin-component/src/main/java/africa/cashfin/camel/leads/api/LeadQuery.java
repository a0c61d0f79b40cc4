package africa.cashfin.camel.leads.api;

import java.util.Objects;

import africa.cashfin.camel.leads.model.LeadFilter;

/**
 * Parameters of {@code GET /business/lead/list}: page, page size and the {@link LeadFilter}. A null parameter is not
 * sent (the API's default applies). Page and limit are checked here, once, when the query is made
 * ({@link #checkPage}, {@link #checkLimit} are the one home of those rules, for options too).
 */
public final class LeadQuery {

    /** The largest page size the API accepts. */
    public static final int MAX_LIMIT = 100;

    private final Integer page;
    private final Integer limit;
    private final LeadFilter filter;

    private LeadQuery(Integer page, Integer limit, LeadFilter filter) {
        this.page = page;
        this.limit = limit;
        this.filter = filter == null ? LeadFilter.NONE : filter;
    }

    /**
     * @param  page                     page number, 1-based (API default 1), or null
     * @param  limit                    page size, 1..100 (API default 10), or null
     * @param  filter                   the filters, or null for none
     * @throws IllegalArgumentException when page or limit is out of range
     */
    public static LeadQuery of(Integer page, Integer limit, LeadFilter filter) {
        return of(page, "page", limit, "limit", filter);
    }

    /**
     * As {@link #of(Integer, Integer, LeadFilter)}, naming where page and limit came from in the message (e.g.
     * "Page (header CamelCashfinPage or option page)").
     */
    public static LeadQuery of(Integer page, String pageFrom, Integer limit, String limitFrom, LeadFilter filter) {
        checkPage(pageFrom, page);
        checkLimit(limitFrom, limit);
        return new LeadQuery(page, limit, filter);
    }

    /** The first page with the API's default size and no filters. */
    public static LeadQuery firstPage() {
        return new LeadQuery(null, null, null);
    }

    /** @throws IllegalArgumentException when {@code page} is set and below 1; {@code what} names it in the message */
    public static void checkPage(String what, Integer page) {
        if (page != null && page < 1) {
            throw new IllegalArgumentException(what + " must be 1 or more (pages are 1-based), got " + page);
        }
    }

    /** @throws IllegalArgumentException when {@code limit} is set and outside 1..100; {@code what} names it */
    public static void checkLimit(String what, Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new IllegalArgumentException(what + " must be between 1 and " + MAX_LIMIT + " (the API's maximum page"
                                               + " size), got " + limit);
        }
    }

    /** This query for another page (1 or more). */
    public LeadQuery withPage(int newPage) {
        checkPage("page", newPage);
        return new LeadQuery(newPage, limit, filter);
    }

    /** The page number, or null for the API's default (1). */
    public Integer page() {
        return page;
    }

    /** The page size, or null for the API's default (10). */
    public Integer limit() {
        return limit;
    }

    /** The filters ({@link LeadFilter#NONE} when none). */
    public LeadFilter filter() {
        return filter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeadQuery other && Objects.equals(page, other.page) && Objects.equals(limit, other.limit)
               && filter.equals(other.filter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(page, limit, filter);
    }

    @Override
    public String toString() {
        return "LeadQuery[page=" + page + ", limit=" + limit + ", " + filter + "]";
    }
}
