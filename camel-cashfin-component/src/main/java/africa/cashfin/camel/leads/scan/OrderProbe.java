package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;

/**
 * The start of a run that does not know how to walk yet (first start, restart without cursor, unknown order): reads
 * page 1 to learn the order and the page count, the last page too when page 1 shows only equal timestamps, and (for
 * {@code startFrom=now} on an oldest-first list) the last page to find the newest lead. Then hands over to the
 * strategy that fits, or emits a single-page list itself.
 */
final class OrderProbe implements PageReader {

    private enum Step {
        /** Read page 1 to learn the order and the page count. */
        FIRST_PAGE,
        /** Page 1 had equal timestamps only: read the last page to compare. */
        LAST_PAGE,
        /** startFrom=now, oldest first: read the last page to find the newest lead. */
        NEWEST_FOR_NOW
    }

    private final ScanRun run;
    private Step step = Step.FIRST_PAGE;
    private Instant probeMin;
    private Instant probeMax;
    /** The list's total when page 1 was probed (-1: unknown). */
    private long probeTotal = -1;

    OrderProbe(ScanRun run) {
        this.run = run;
    }

    @Override
    public List<LeadEvent> read(LeadPage page, int q) {
        return switch (step) {
            case FIRST_PAGE -> onFirstPage(page);
            case LAST_PAGE -> onLastPage(page, q);
            case NEWEST_FOR_NOW -> onNewestForNow(page, q);
        };
    }

    private List<LeadEvent> onFirstPage(LeadPage page) {
        List<Lead> leads = page.leads();
        ListOrder observed = ListOrder.of(leads);
        if (observed == ListOrder.UNORDERED) {
            return run.startFull(page, true);
        }
        if (leads.isEmpty()) {
            // an empty list, or a page of malformed records only: nothing to learn the order from
            return page.size() == 0 || run.isBottom(page, 1) ? run.done(List.of()) : run.startFull(page, false);
        }
        if (observed == ListOrder.UNKNOWN && run.order().isMonotonic()) {
            observed = run.order();
        }
        if (run.isBottom(page, 1)) {
            return singlePage(page, observed);
        }
        run.order(observed);
        if (observed == ListOrder.UNKNOWN) {
            if (page.pageInfo() == null || !page.pageInfo().knowsPages()) {
                return run.startFull(page, false);
            }
            probeTotal = page.pageInfo().total();
            probeMin = leads.stream().map(Lead::getCreatedat).min(Comparator.naturalOrder()).orElseThrow();
            probeMax = leads.stream().map(Lead::getCreatedat).max(Comparator.naturalOrder()).orElseThrow();
            step = Step.LAST_PAGE;
            run.next(page.pageInfo().pages());
            return List.of();
        }
        return planKnownOrder(page);
    }

    /** The whole list is page 1: emit it oldest first. */
    private List<LeadEvent> singlePage(LeadPage page, ListOrder observed) {
        run.order(observed);
        run.label("-single-page");
        if (observed == ListOrder.OLDEST_FIRST) {
            List<PageLeads.Positioned> items = PageLeads.positioned(page, 0);
            run.ledger().recordOldestFirstPage(items, 0);
            return run.done(run.ledger().emit(items));
        }
        List<Lead> oldestFirst = new ArrayList<>(page.leads());
        if (observed == ListOrder.NEWEST_FIRST) {
            Collections.reverse(oldestFirst);
        } else {
            oldestFirst.sort(Comparator.comparing(Lead::getCreatedat));
        }
        return run.done(run.ledger().emit(PageLeads.positioned(oldestFirst, -1)));
    }

    /** Page 1 is in hand and the order is known: choose the walk. */
    private List<LeadEvent> planKnownOrder(LeadPage page1) {
        List<Lead> leads = page1.leads();
        ScanLedger ledger = run.ledger();
        if (run.order() == ListOrder.NEWEST_FIRST) {
            if (run.cheapNow()) {
                ledger.startWindowBelow(leads.get(0).getCreatedat());
            }
            if (ledger.walkFloor() != null) {
                run.label("-forward");
                ForwardNewestRead forward = new ForwardNewestRead(run, null, false);
                run.switchTo(forward);
                return forward.read(page1, 1);
            }
            if (page1.pageInfo() == null || !page1.pageInfo().knowsPages()) {
                return run.startFull(page1, false);
            }
            run.label("-backward");
            run.switchTo(new BackwardWalk(run, null));
            run.next(Math.max(1, page1.pageInfo().pages()));
            return List.of();
        }
        if (run.cheapNow()) {
            if (page1.pageInfo() == null || !page1.pageInfo().knowsPages()) {
                return run.startFull(page1, false);
            }
            step = Step.NEWEST_FOR_NOW;
            run.next(page1.pageInfo().pages());
            return List.of();
        }
        run.label("-forward");
        OldestFirstRead forward = new OldestFirstRead(run, false);
        run.switchTo(forward);
        return forward.read(page1, 1);
    }

    private List<LeadEvent> onLastPage(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        ListOrder observed = ListOrder.of(leads);
        if (leads.isEmpty()) {
            if (page.size() > 0) {
                return run.startFull(null, false);
            }
            step = Step.FIRST_PAGE;
            run.next(1);
            return List.of();
        }
        if (observed == ListOrder.UNORDERED) {
            return run.startFull(null, true);
        }
        if (page.pageInfo() == null || page.pageInfo().total() != probeTotal) {
            // the list changed between the two reads: new leads pushed newer ones onto the last page (newest first)
            // and the comparison would take the list for oldest first. Probe again from page 1.
            step = Step.FIRST_PAGE;
            run.next(1);
            return List.of();
        }
        Instant lastMin = leads.stream().map(Lead::getCreatedat).min(Comparator.naturalOrder()).orElseThrow();
        Instant lastMax = leads.stream().map(Lead::getCreatedat).max(Comparator.naturalOrder()).orElseThrow();
        if (lastMax.isBefore(probeMin) && observed != ListOrder.OLDEST_FIRST) {
            run.order(ListOrder.NEWEST_FIRST);
        } else if (lastMin.isAfter(probeMax) && observed != ListOrder.NEWEST_FIRST) {
            run.order(ListOrder.OLDEST_FIRST);
        } else if (lastMin.equals(probeMin) && lastMax.equals(probeMax) && probeMin.equals(probeMax)) {
            return run.startFull(null, false);
        } else {
            return run.startFull(null, true);
        }
        if (run.order() == ListOrder.NEWEST_FIRST && run.ledger().walkFloor() == null && !run.cheapNow()) {
            run.label("-backward");
            BackwardWalk walk = new BackwardWalk(run, null);
            run.switchTo(walk);
            return walk.read(page, q);
        }
        step = Step.FIRST_PAGE;
        run.next(1);
        return List.of();
    }

    private List<LeadEvent> onNewestForNow(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (leads.isEmpty()) {
            if (q <= 1) {
                return run.done(List.of());
            }
            run.next(q - 1);
            return List.of();
        }
        run.ledger().startWindowBelow(leads.get(leads.size() - 1).getCreatedat());
        OldestFirstRead verify = new OldestFirstRead(run, true);
        run.switchTo(verify);
        return verify.read(page, q);
    }
}
