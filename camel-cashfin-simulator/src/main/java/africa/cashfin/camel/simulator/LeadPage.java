package africa.cashfin.camel.simulator;

import java.util.List;

/** One page of list results: the leads (as {@link JsonWriter.Raw} JSON) and the page info numbers. */
final class LeadPage {

    final List<Object> leads;
    final long total;
    final int page;
    final int limit;

    LeadPage(List<Object> leads, long total, int page, int limit) {
        this.leads = leads;
        this.total = total;
        this.page = page;
        this.limit = limit;
    }

    /** @return the page count, {@code ceil(total / limit)} */
    long pages() {
        return (total + limit - 1) / limit;
    }
}
