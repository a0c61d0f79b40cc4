package africa.cashfin.camel.simulator;

import java.util.Locale;

/**
 * The effective list parameters after defaulting and clamping: {@code page < 1} or not a number becomes 1;
 * {@code limit} not a number or {@code < 1} becomes 10, {@code > 100} becomes 100; blank filters are ignored.
 */
final class LeadQuery {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    final int page;
    final int limit;
    final String searchLower;
    final String status;
    final String source;

    LeadQuery(int page, int limit, String search, String status, String source) {
        this.page = page;
        this.limit = limit;
        this.searchLower = blankToNull(search) == null ? null : search.trim().toLowerCase(Locale.ROOT);
        this.status = blankToNull(status);
        this.source = blankToNull(source);
    }

    static LeadQuery of(String page, String limit, String search, String status, String source) {
        int p = parse(page, 1);
        if (p < 1) {
            p = 1;
        }
        int l = parse(limit, DEFAULT_LIMIT);
        if (l < 1) {
            l = DEFAULT_LIMIT;
        } else if (l > MAX_LIMIT) {
            l = MAX_LIMIT;
        }
        return new LeadQuery(p, l, search, status, source);
    }

    /**
     * @param cap most leads the server puts on a page whatever {@code limit} asks; 0 for none
     * @return this query, or the same with {@code limit} lowered to {@code cap} (page info then reports the cap)
     */
    LeadQuery capped(int cap) {
        return cap > 0 && limit > cap ? new LeadQuery(page, cap, searchLower, status, source) : this;
    }

    boolean unfiltered() {
        return searchLower == null && status == null && source == null;
    }

    private static int parse(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
