package africa.cashfin.camel.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.CashfinClientSettings;
import africa.cashfin.camel.leads.api.LeadQuery;
import africa.cashfin.camel.leads.api.limit.RateLimits;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.consumer.ConsumerState;
import africa.cashfin.camel.leads.scan.InMemoryScanStateStore;
import africa.cashfin.camel.leads.scan.InMemorySeenLeadStore;
import africa.cashfin.camel.leads.scan.LeadEvent;
import africa.cashfin.camel.leads.scan.LeadScan;
import africa.cashfin.camel.leads.scan.PageRequest;
import africa.cashfin.camel.leads.scan.ScanRun;
import africa.cashfin.camel.leads.scan.ScanSettings;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Plan;

/**
 * What a busy CRM costs the consumer's fast path (docs/performance.md, "A busy CRM: polls that chase the top"): new
 * leads arrive at {@code r} per list call (before each call the consumer makes, as the simulator's {@code busyCrm} does)
 * while polls read the list newest first. For each page size ({@code --limits 3,10,100}) and arrival rate
 * ({@code --rates 0.25,0.5,1,2,5}, leads per list call; fractions arrive every few calls), a view of {@code --view} leads
 * is backfilled quietly, {@code --backlog} leads arrive, then {@code --polls} polls run while the CRM stays busy. Each
 * poll's list calls and leads emitted are counted, and how it ended: done, abandoned by the scan's own bound (the list
 * changing faster than it can be read: {@code 4 x pages + 50} calls, {@code pages} the list's size when the poll
 * started; the walk's checkpoint is saved and the next poll goes on from it), stopped by {@code --max-messages} (the endpoint's {@code maxMessagesPerPoll}: the walk's
 * checkpoint is saved and the next poll resumes), or cut by the benchmark at {@code --max-calls} (it would not end).
 * Then the CRM stops and polls run quietly until one emits nothing: every lead stored must have been emitted once.
 * <p>
 * The driver runs the pure {@code LeadScan} the way {@code CashfinLeadsConsumer} does, with real HTTP calls to the
 * simulator and a {@link ManualClock} that moves {@code --call-ms} (default 100) per call, so the busy CRM's leads are
 * stamped to the millisecond (two or more arriving before one call share one {@code createdat}: ties; with
 * {@code --call-ms 0} every lead of a busy poll shares one). {@code --lookback-s} sets the endpoint's {@code lookback}
 * (default 300 s). {@code --shuffle-ties seed} returns ties in a new order on
 * every request (MongoDB under skip/limit). The counts are exact whatever the machine's load. Not a test; CI never
 * runs it.
 */
public final class BusyCrmCostBenchmark {

    private static final Instant START = Instant.parse("2026-01-15T12:00:00Z");
    /** The endpoint's {@code lookback} ({@code --lookback-s}, default 300: the component's 5 minutes). */
    private static Duration lookback = Duration.ofMinutes(5);

    private BusyCrmCostBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(args);
        int view = options.getInt("--view", 300);
        int backlog = options.getInt("--backlog", 100);
        int polls = options.getInt("--polls", 4);
        int maxCalls = options.getInt("--max-calls", 20_000);
        int maxMessages = options.getInt("--max-messages", 0);
        long callMillis = options.getInt("--call-ms", 100);
        long shuffle = options.getInt("--shuffle-ties", 0);
        lookback = Duration.ofSeconds(options.getInt("--lookback-s", 300));
        System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true));
        System.out.printf("Busy CRM: a view of %,d leads, %,d new leads, then %d polls while leads arrive before every"
                          + " list call; maxMessagesPerPoll %s; a poll cut at %,d calls; the clock moves %d ms a call; lookback %s;"
                          + " ties %s%n",
                view, backlog, polls, maxMessages == 0 ? "off" : String.valueOf(maxMessages), maxCalls, callMillis, lookback,
                shuffle == 0 ? "in a stable order" : "shuffled per request (seed " + shuffle + ")");
        System.out.println("| limit | leads per call | calls of each busy poll (how it ended) | busy calls | leads arrived |"
                           + " emitted while busy | quiet polls after | every lead once |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String l : options.get("--limits", "3,10,100").split(",")) {
            for (String r : options.get("--rates", "0.25,0.5,1,2,5").split(",")) {
                run(Integer.parseInt(l.trim()), Double.parseDouble(r.trim()), view, backlog, polls, maxCalls,
                        maxMessages, callMillis, shuffle);
            }
        }
    }

    private static void run(int limit, double rate, int view, int backlog, int polls, int maxCalls, int maxMessages,
                            long callMillis, long shuffle) throws Exception {
        ManualClock clock = new ManualClock(START);
        try (CashfinSimulator sim = CashfinSimulator.builder().plan(Plan.UNLIMITED).clock(clock).start();
             CashfinClient client = new CashfinClient(CashfinClientSettings.builder().baseUrl(sim.baseUrl())
                     .clientSecret(sim.secret()).rateLimits(RateLimits.unlimited()).build())) {
            sim.seedLeads(view, 1, Duration.ofSeconds(10));
            if (shuffle != 0) {
                sim.shuffleTies(shuffle);
            }
            // the consumer's settings: a buffer of ConsumerState.BUFFERED_PAGES pages before the backward walk
            LeadScan scan = new LeadScan(ScanSettings.defaults().withLimit(limit).withLookback(lookback)
                    .withMaxBufferedLeads(ConsumerState.BUFFERED_PAGES * limit),
                    new InMemorySeenLeadStore(1_000_000), new InMemoryScanStateStore());
            java.util.Set<String> emittedIds = new java.util.HashSet<>();
            Driver quiet = new Driver(client, sim, clock, 0, callMillis, emittedIds);
            quiet.poll(scan, Integer.MAX_VALUE, 0); // the backfill, not counted
            for (int i = 0; i < backlog; i++) { // a millisecond apart: no tie among them
                clock.advance(Duration.ofMillis(1));
                sim.insertLeads(1);
            }
            Driver busy = new Driver(client, sim, clock, rate, callMillis, emittedIds);
            List<String> outcomes = new ArrayList<>();
            long busyCalls = 0;
            int emittedBusy = 0;
            for (int i = 0; i < polls; i++) {
                Poll poll = busy.poll(scan, maxCalls, maxMessages);
                busyCalls += poll.calls;
                emittedBusy += poll.emitted;
                outcomes.add(String.format("%,d%s (%,d emitted)", poll.calls, poll.ended.isEmpty() ? "" : " " + poll.ended,
                        poll.emitted));
            }
            int quietPolls = 0;
            int emittedQuiet = 0;
            for (Poll poll = quiet.poll(scan, Integer.MAX_VALUE, 0); ; poll = quiet.poll(scan, Integer.MAX_VALUE, 0)) {
                quietPolls++;
                emittedQuiet += poll.emitted;
                if (poll.emitted == 0 && poll.ended.isEmpty() || quietPolls > 200) {
                    break;
                }
            }
            int stored = sim.leadCount();
            int emitted = quiet.emittedTotal + busy.emittedTotal;
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %,d | %,d | %,d | %d (%,d leads) | %s |%n", limit,
                    rate == Math.rint(rate) ? String.valueOf((int) rate) : String.valueOf(rate),
                    String.join(", ", outcomes), busyCalls, busy.arrived + backlog, emittedBusy, quietPolls,
                    emittedQuiet, emitted == stored && busy.duplicates + quiet.duplicates == 0 ? "yes"
                            : String.format("no: %,d of %,d emitted, %d twice", emitted, stored,
                                    busy.duplicates + quiet.duplicates));
        }
    }

    private record Poll(int calls, int emitted, String ended) {
    }

    /** Runs polls the way the consumer does, a busy CRM adding {@code rate} leads before each list call. */
    private static final class Driver {
        private final CashfinClient client;
        private final CashfinSimulator sim;
        private final ManualClock clock;
        private final double rate;
        private final long callMillis;
        private final java.util.Set<String> emitted;
        private double due;
        private int arrived;
        private int emittedTotal;
        private int duplicates;

        Driver(CashfinClient client, CashfinSimulator sim, ManualClock clock, double rate, long callMillis,
               java.util.Set<String> emitted) {
            this.client = client;
            this.emitted = emitted;
            this.sim = sim;
            this.clock = clock;
            this.rate = rate;
            this.callMillis = callMillis;
        }

        Poll poll(LeadScan scan, int maxCalls, int maxMessages) {
            ScanRun run = scan.start();
            int calls = 0;
            int count = 0;
            while (!run.isDone()) {
                if (calls >= maxCalls) {
                    run.abandon();
                    return new Poll(calls, count, "cut: does not end");
                }
                if (run.isOutpaced()) { // as the consumer: the walk's checkpoint is kept, the next poll goes on
                    run.abandon();
                    return new Poll(calls, count, "abandoned by the scan's bound");
                }
                PageRequest request = run.nextRequest();
                due += rate;
                int n = (int) due;
                if (n > 0) {
                    due -= n;
                    arrived += n;
                    sim.insertLeads(n);
                }
                clock.advance(Duration.ofMillis(callMillis));
                LeadPage page = client.list(LeadQuery.of(request.page(), request.limit(), null));
                calls++;
                for (LeadEvent event : run.accept(page)) {
                    run.succeeded(event);
                    count++;
                    emittedTotal++;
                    if (!emitted.add(event.lead().getId())) {
                        duplicates++;
                    }
                }
                if (maxMessages > 0 && count >= maxMessages && !run.isDone()) {
                    run.abandon();
                    return new Poll(calls, count, "stopped at maxMessagesPerPoll");
                }
            }
            run.finish();
            return new Poll(calls, count, "");
        }
    }
}
