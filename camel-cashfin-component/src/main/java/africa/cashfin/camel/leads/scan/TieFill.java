package africa.cashfin.camel.leads.scan;

import java.util.List;

import africa.cashfin.camel.leads.model.LeadPage;

/**
 * Interrupts a walk whose page edge falls inside a {@link TieGroup}: reads the group's pages until it is whole (or
 * its bound is spent), then hands the walk the page it was given when the tie was found, as if nothing had happened.
 * The members found are held by the {@link ScanLedger} and emitted when the walk next emits a lead created at or after
 * them (or when it ends), so the poll still emits oldest first.
 */
final class TieFill implements PageReader {

    private final ScanRun run;
    private final PageReader walk;
    private final LeadPage pending;
    private final int pendingPage;
    private final TieGroup group;

    TieFill(ScanRun run, PageReader walk, LeadPage pending, int pendingPage, TieGroup group) {
        this.run = run;
        this.walk = walk;
        this.pending = pending;
        this.pendingPage = pendingPage;
        this.group = group;
    }

    /** The page to read first. */
    int firstPage() {
        group.reread();
        return group.nextPage(run.limit());
    }

    @Override
    public List<LeadEvent> read(LeadPage page, int q) {
        run.ledger().noteLeads(group.add(page, q, run.limit()));
        if (group.complete() || group.exhausted(run.limit())) {
            group.settle();
            run.ledger().holdTieMembers(group.members());
            return run.readOrFill(pending, pendingPage, walk); // another group may wait, else the walk goes on
        }
        group.reread();
        run.next(group.nextPage(run.limit()));
        return List.of();
    }

    /** The walk interrupted. */
    PageReader walk() {
        return walk;
    }

    @Override
    public int heldLeads() {
        return walk.heldLeads() + pending.leads().size();
    }

    @Override
    public WalkPoint walkPoint() {
        return walk.walkPoint();
    }
}
