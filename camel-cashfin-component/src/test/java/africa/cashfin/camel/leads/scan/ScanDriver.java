package africa.cashfin.camel.leads.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import africa.cashfin.camel.leads.model.LeadPage;

/** Drives one poll of a {@link LeadScan} against a {@link FakeLeadServer}, the way the Camel consumer will. */
final class ScanDriver {

    /** What one poll did. */
    record Poll(List<LeadEvent> emitted, List<LeadEvent> delivered, ScanStatistics stats, int calls, boolean abandoned,
            int maxBufferedAfterAccept) {

        List<String> deliveredIds() {
            return delivered.stream().map(e -> e.lead().getId()).toList();
        }

        List<String> createdIds() {
            return delivered.stream().filter(e -> e.type() == LeadEventType.CREATED).map(e -> e.lead().getId())
                    .toList();
        }
    }

    private ScanDriver() {
    }

    static Poll poll(LeadScan scan, FakeLeadServer server) {
        return poll(scan, server, event -> false);
    }

    /**
     * One poll that hands at most {@code maxDelivered} leads to the route, as the consumer does for Camel's
     * {@code maxMessagesPerPoll}: at the limit it stops, leaves the rest of the page unreported and abandons the run.
     */
    static Poll pollAtMost(LeadScan scan, FakeLeadServer server, int maxDelivered) {
        int before = server.calls();
        List<LeadEvent> delivered = new ArrayList<>();
        ScanRun run = scan.start();
        while (!run.isDone()) {
            PageRequest request = run.nextRequest();
            for (LeadEvent event : run.accept(server.page(request.page(), request.limit()))) {
                if (delivered.size() == maxDelivered) {
                    ScanStatistics stats = run.abandon();
                    return new Poll(delivered, delivered, stats, server.calls() - before, true, 0);
                }
                run.succeeded(event);
                delivered.add(event);
            }
        }
        return new Poll(delivered, delivered, run.finish(), server.calls() - before, false, 0);
    }

    /** One poll; events matching {@code fails} are reported as failed exchanges. */
    static Poll poll(LeadScan scan, FakeLeadServer server, Predicate<LeadEvent> fails) {
        int before = server.calls();
        List<LeadEvent> emitted = new ArrayList<>();
        List<LeadEvent> delivered = new ArrayList<>();
        int maxBuffered = 0;
        ScanRun run = scan.start();
        try {
            while (!run.isDone()) {
                PageRequest request = run.nextRequest();
                LeadPage page = server.page(request.page(), request.limit());
                List<LeadEvent> events = run.accept(page);
                maxBuffered = Math.max(maxBuffered, run.bufferedLeads());
                for (LeadEvent event : events) {
                    emitted.add(event);
                    if (fails.test(event)) {
                        run.failed(event);
                    } else {
                        run.succeeded(event);
                        delivered.add(event);
                    }
                }
            }
            ScanStatistics stats = run.finish();
            return new Poll(emitted, delivered, stats, server.calls() - before, false, maxBuffered);
        } catch (FakeLeadServer.ListCallFailed e) {
            ScanStatistics stats = run.abandon();
            return new Poll(emitted, delivered, stats, server.calls() - before, true, maxBuffered);
        }
    }
}
