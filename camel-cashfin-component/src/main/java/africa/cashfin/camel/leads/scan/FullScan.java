package africa.cashfin.camel.leads.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.model.PageInfo;

/**
 * No usable order (timestamps go up and down, or are all equal): reads every page, emits each page's unseen leads
 * sorted by {@code createdat}, and repeats the pass (at most {@value #MAX_PASSES}) while the reported total changes
 * under it. When even the last pass saw the total change, the cursor is not moved: a lead inserted into a page already
 * read is only found by another pass.
 */
final class FullScan implements PageReader {

    static final int MAX_PASSES = 3;

    private final ScanRun run;
    private int passes;
    private Long firstTotal;
    private boolean totalChanged;
    private ListOrder observed = ListOrder.UNKNOWN;

    FullScan(ScanRun run) {
        this.run = run;
    }

    @Override
    public List<LeadEvent> read(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        PageInfo info = page.pageInfo();
        if (info != null) {
            if (firstTotal == null) {
                firstTotal = info.total();
            } else if (info.total() != firstTotal) {
                totalChanged = true;
            }
        }
        observed = observed.and(ListOrder.of(leads));
        long base = (long) (q - 1) * run.limit();
        List<PageLeads.Positioned> items = PageLeads.positioned(page, base);
        List<PageLeads.Positioned> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(item -> item.lead().getCreatedat()));
        if (observed == ListOrder.OLDEST_FIRST) {
            run.ledger().recordOldestFirstPage(items, base);
        }
        List<LeadEvent> events = run.ledger().emit(sorted);
        if (page.size() == 0 || run.isBottom(page, q)) {
            if (totalChanged && passes < MAX_PASSES - 1) {
                passes++;
                firstTotal = null;
                totalChanged = false;
                observed = ListOrder.UNKNOWN;
                run.next(1);
                return events;
            }
            run.order(observed);
            if (observed == ListOrder.UNORDERED) {
                run.markUnordered();
            }
            // without an order, a lead inserted into a page already read this pass is found only by another pass:
            // keep the floor where it was so the next poll still looks for it
            run.ledger().freezeCursor(totalChanged);
            return run.done(events);
        }
        run.next(q + 1);
        return events;
    }
}
