package africa.cashfin.camel.simulator;

import java.util.List;
import java.util.Map;

/** One page of list results: the lead snapshots and the page info numbers. */
final class LeadPage {

    final List<Map<String, Object>> leads;
    final long total;
    final int page;
    final int limit;

    LeadPage(List<Map<String, Object>> leads, long total, int page, int limit) {
        this.leads = leads;
        this.total = total;
        this.page = page;
        this.limit = limit;
    }

    long pages() {
        return (total + limit - 1) / limit;
    }
}
