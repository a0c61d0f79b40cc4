package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import africa.cashfin.camel.leads.model.LeadPage;

/**
 * Drives one consumer poll against a {@link FakeLeadServer} the way {@code CashfinLeadsConsumer} does: the fast path
 * first, then what it saw reported to the {@link ViewSweep}, then the sweep's pages. Failed list calls are not
 * simulated here ({@link ScanDriver} covers them).
 */
final class SweepDriver {

    /** What one poll did. */
    record Poll(List<String> fastPath, int fastPathCalls, List<String> swept, int sweepCalls, SweepRun run,
            String evidence) {

        int calls() {
            return fastPathCalls + sweepCalls;
        }

        /** Every lead delivered in this poll, fast path first. */
        List<String> deliveredIds() {
            List<String> all = new ArrayList<>(fastPath);
            all.addAll(swept);
            return all;
        }
    }

    private SweepDriver() {
    }

    static Poll poll(LeadScan scan, ViewSweep sweep, FakeLeadServer server, Instant now, double callsPerDay) {
        return poll(scan, sweep, server, now, callsPerDay, e -> false);
    }

    /** One poll; events matching {@code fails} are reported as failed exchanges. */
    static Poll poll(LeadScan scan, ViewSweep sweep, FakeLeadServer server, Instant now, double callsPerDay,
                     Predicate<LeadEvent> fails) {
        int before = server.calls();
        long firstTotal = -1;
        int found = 0;
        List<String> fastPath = new ArrayList<>();
        ScanRun run = scan.start();
        while (!run.isDone()) {
            PageRequest request = run.nextRequest();
            LeadPage page = server.page(request.page(), request.limit());
            if (firstTotal < 0 && page.pageInfo() != null) {
                firstTotal = page.pageInfo().total();
            }
            for (LeadEvent event : run.accept(page)) {
                found += event.type() == LeadEventType.CREATED ? 1 : 0;
                if (fails.test(event)) {
                    run.failed(event);
                } else {
                    run.succeeded(event);
                    fastPath.add(event.lead().getId());
                }
            }
        }
        run.finish();
        int fastPathCalls = server.calls() - before;
        String evidence = sweep.fastPathPolled(firstTotal, found, now);
        List<String> swept = new ArrayList<>();
        before = server.calls();
        SweepRun sweepRun = sweep.start(now, scan.cursor(), callsPerDay);
        while (!sweepRun.isDone()) {
            PageRequest request = sweepRun.nextRequest();
            LeadPage page = server.page(request.page(), request.limit());
            for (LeadEvent event : sweepRun.accept(page)) {
                if (sweepRun.stoppedAfterFailure()) {
                    break;
                }
                if (fails.test(event)) {
                    sweepRun.failed(event);
                } else {
                    sweepRun.succeeded(event);
                    swept.add(event.lead().getId());
                }
            }
        }
        return new Poll(fastPath, fastPathCalls, swept, server.calls() - before, sweepRun, evidence);
    }
}
