package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;

/**
 * Newest first with a floor (incremental polls, {@code startFrom=<instant>|now}): reads page 1, 2, ... keeping the new
 * leads until a page holds a lead older than the floor (or the list ends), then emits what it kept, oldest first.
 * Inserts during the poll only push leads down (repeats, dropped by id). When more new leads arrive than
 * {@link ScanSettings#maxBufferedLeads()} allows, it drops the buffer, reads on without keeping anything to the page
 * that holds the floor, and hands over to the {@link BackwardWalk} from there.
 */
final class ForwardNewestRead implements PageReader {

    private final ScanRun run;
    private final List<Lead> buffer = new ArrayList<>();
    private final Set<String> bufferIds = new HashSet<>();
    /** The buffer overflowed: only looking for the page that holds the floor. */
    private boolean seekingFloor;

    ForwardNewestRead(ScanRun run) {
        this.run = run;
    }

    @Override
    public List<LeadEvent> read(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        if (PageLeads.contradicts(leads, ListOrder.NEWEST_FIRST)) {
            return run.startFull(null, true);
        }
        return seekingFloor ? seek(page, q) : collect(page, q);
    }

    @Override
    public int heldLeads() {
        return buffer.size();
    }

    private List<LeadEvent> collect(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        Instant floor = run.ledger().walkFloor();
        boolean boundary = PageLeads.indexOfFirstOlder(leads, floor) >= 0;
        List<Lead> fresh = new ArrayList<>();
        for (Lead lead : leads) {
            if (!lead.getCreatedat().isBefore(floor) && !bufferIds.contains(lead.getId())) {
                fresh.add(lead);
            }
        }
        if (boundary || run.isBottom(page, q)) {
            List<Lead> region = new ArrayList<>(buffer);
            region.addAll(fresh);
            Collections.reverse(region);
            buffer.clear();
            bufferIds.clear();
            return run.done(run.ledger().emit(PageLeads.positioned(region, -1)));
        }
        if (buffer.size() + fresh.size() > run.settings().maxBufferedLeads()) {
            // too many new leads to hold: find the page holding the floor, then walk back from it
            buffer.clear();
            bufferIds.clear();
            seekingFloor = true;
            run.label("-then-backward");
            run.next(q + 1);
            return List.of();
        }
        for (Lead lead : fresh) {
            buffer.add(lead);
            bufferIds.add(lead.getId());
        }
        run.next(q + 1);
        return List.of();
    }

    private List<LeadEvent> seek(LeadPage page, int q) {
        List<Lead> leads = page.leads();
        BackwardWalk walk = new BackwardWalk(run);
        if (leads.isEmpty()) {
            run.switchTo(walk);
            run.next(Math.max(1, q - 1));
            return List.of();
        }
        if (PageLeads.indexOfFirstOlder(leads, run.ledger().walkFloor()) >= 0 || run.isBottom(page, q)) {
            run.switchTo(walk);
            return walk.read(page, q);
        }
        run.next(q + 1);
        return List.of();
    }
}
