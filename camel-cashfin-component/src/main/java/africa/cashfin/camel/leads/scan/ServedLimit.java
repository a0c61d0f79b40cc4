package africa.cashfin.camel.leads.scan;

import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * The page size the server really serves. A server may cap {@code limit} below what was asked (a gateway, a plan, a
 * new maximum): page 1 then holds fewer leads than asked although more follow, and taking that short page for the end
 * of the list would stop a backfill after one page. The cap is learnt from each page read, from the page info's
 * {@code limit} when it is below the request, else from a page shorter than the request while the page info's
 * {@code total} says more leads follow; from then on the scan asks for that size (page {@code q} is then offset
 * {@code (q - 1) x cap} whether the server caps or not) and counts pages with it. Kept in memory for the scan's life.
 */
final class ServedLimit {

    private int limit;

    ServedLimit(int requested) {
        this.limit = requested;
    }

    /** The page size to ask for and to count positions with. */
    int limit() {
        return limit;
    }

    /**
     * Learns a cap from page {@code q} (asked for with {@link #limit()}) and returns the page with its page info
     * counted in the served size: {@code limit} the cap, {@code pages} derived from {@code total} with it.
     */
    LeadPage adopt(LeadPage page, int q) {
        PageInfo info = page.pageInfo();
        if (info == null) {
            return page;
        }
        int served = limit;
        if (info.limit() > 0 && info.limit() < served) {
            served = info.limit();
        } else if (page.size() > 0 && page.size() < served && info.total() > (long) (q - 1) * served + page.size()) {
            served = page.size(); // a short page although the total says more follow: the server serves this many
        }
        if (served == limit && info.limit() == limit) {
            return page;
        }
        limit = served;
        int pages = info.total() >= 0 ? (int) ((info.total() + served - 1) / served) : info.pages();
        return new LeadPage(page.leads(), new PageInfo(info.total(), info.page(), served, pages), page.malformed());
    }
}
