package africa.cashfin.camel.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.ScheduledPollConsumer;

import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.CashfinClientSettings;
import africa.cashfin.camel.leads.api.LeadQuery;
import africa.cashfin.camel.leads.api.limit.RateLimits;
import africa.cashfin.camel.leads.api.limit.RatePlan;
import africa.cashfin.camel.leads.api.limit.RateWindow;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;
import africa.cashfin.camel.leads.scan.InMemoryScanStateStore;
import africa.cashfin.camel.leads.scan.InMemorySeenLeadStore;
import africa.cashfin.camel.leads.scan.LeadEvent;
import africa.cashfin.camel.leads.scan.LeadScan;
import africa.cashfin.camel.leads.scan.PageRequest;
import africa.cashfin.camel.leads.scan.ScanRun;
import africa.cashfin.camel.leads.scan.ScanSettings;
import africa.cashfin.camel.leads.scan.SweepRun;
import africa.cashfin.camel.leads.scan.SweepSettings;
import africa.cashfin.camel.leads.scan.ViewSweep;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Plan;

/**
 * What the consumer's sweep costs, on the simulator (docs/performance.md, "The sweep: the cost of correctness").
 * <ol>
 * <li><b>Calls per day</b> (virtual time): for each plan and each view size ({@code --views 1000,10000}), a day of
 * polls every {@code --delay} (default 5 minutes) against an idle view, driven the way the consumer drives them (the
 * fast path's run, then the sweep's pages), with real HTTP calls to the simulator and a manual clock: sweep calls in
 * the day, full passes, the time of the first pass, and how many idle polls cost one call. {@code --days n} runs n
 * days and prints the figures per day (passes over the whole run), {@code --pages-per-poll} sets
 * {@code sweepPagesPerPoll} (default 2), {@code --min-pass-minutes} sets {@code sweepMinPassInterval} in minutes
 * (default 0: none; the endpoint's default is 60), {@code --plans free,starter} picks plans (default every plan).</li>
 * <li><b>Time to emit</b> (real time, a Camel route): new leads created one every {@code --new-every} ms for
 * {@code --seconds}, on a view of {@code --latency-view} leads, polled every {@code --poll} ms; p50/p99 from the
 * lead's creation to the route, with the sweep off and with a sweep kept busy ("sweep now" whenever a pass ends, so
 * every poll reads {@code sweepPagesPerPoll} sweep pages after the fast path).</li>
 * </ol>
 * Not a test; CI never runs it.
 */
public final class SweepCostBenchmark {

    private static final Instant START = Instant.parse("2026-01-15T12:00:00Z");

    private SweepCostBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(args);
        Duration delay = Duration.ofSeconds(options.getInt("--delay", 300));
        List<Integer> views = new ArrayList<>();
        for (String v : options.get("--views", "1000,10000").split(",")) {
            views.add(Integer.parseInt(v.trim()));
        }
        int days = options.getInt("--days", 1);
        int pagesPerPoll = options.getInt("--pages-per-poll", SweepSettings.DEFAULT_PAGES_PER_POLL);
        String plans = options.get("--plans", "").toLowerCase(java.util.Locale.ROOT);
        Duration minPass = Duration.ofMinutes(options.getInt("--min-pass-minutes", 0));
        System.out.printf("Sweep calls per day: idle views, a poll every %d s, limit 100, sweepBudget %.2f,"
                          + " sweepPagesPerPoll %d, sweepMinPassInterval %d min, %d day(s)%n", delay.toSeconds(),
                SweepSettings.DEFAULT_BUDGET, pagesPerPoll, minPass.toMinutes(), days);
        System.out.println("| Plan | View | Sweep calls/day | Fast-path calls/day | Full passes/day | First pass after"
                           + " | Idle polls at 1 call |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (RatePlan plan : RatePlan.values()) {
            if (!plans.isEmpty() && !List.of(plans.split(",")).contains(plan.name().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            for (int view : views) {
                callsPerDay(plan, view, delay, days, pagesPerPoll, minPass);
            }
        }
        if (!"false".equals(options.get("--latency", "true"))) {
            int latencyView = options.getInt("--latency-view", 2000);
            long poll = options.getInt("--poll", 1000);
            long every = options.getInt("--new-every", 700);
            int seconds = options.getInt("--seconds", 60);
            timeToEmit(false, latencyView, poll, every, seconds);
            timeToEmit(true, latencyView, poll, every, seconds);
        }
    }

    /** {@code days} simulated days of polls on an idle view of {@code leads}; prints one table row (per day). */
    private static void callsPerDay(RatePlan plan, int leads, Duration delay, int days, int pagesPerPoll,
                                    Duration minPass) throws Exception {
        ManualClock clock = new ManualClock(START);
        try (CashfinSimulator sim = CashfinSimulator.builder().plan(Plan.UNLIMITED).clock(clock).start();
             CashfinClient client = new CashfinClient(CashfinClientSettings.builder().baseUrl(sim.baseUrl())
                     .clientSecret(sim.secret()).rateLimits(RateLimits.unlimited()).build())) {
            sim.seedLeads(leads, 1, Duration.ofMinutes(1));
            clock.advance(Duration.ofHours(1));
            double callsPerDay = RateLimits.of(plan).budget(RateWindow.DAY).orElseThrow();
            InMemorySeenLeadStore seen = new InMemorySeenLeadStore(1_000_000);
            LeadScan scan = new LeadScan(ScanSettings.defaults(), seen, new InMemoryScanStateStore());
            ViewSweep sweep = new ViewSweep(new SweepSettings(SweepSettings.DEFAULT_BUDGET, pagesPerPoll, 100, null,
                    false, minPass), seen, new InMemoryScanStateStore());
            poll(client, scan, sweep, clock.instant(), callsPerDay); // the backfill, not counted
            long fastCalls = 0;
            long sweepCalls = 0;
            int onePollCalls = 0;
            int polls = (int) (Duration.ofDays(days).toSeconds() / delay.toSeconds());
            Instant firstPass = null;
            Instant dayStart = clock.instant();
            for (int i = 0; i < polls; i++) {
                clock.advance(delay);
                long[] calls = poll(client, scan, sweep, clock.instant(), callsPerDay);
                fastCalls += calls[0];
                sweepCalls += calls[1];
                onePollCalls += calls[0] + calls[1] == 1 ? 1 : 0;
                if (firstPass == null && sweep.state().passes() > 0) {
                    firstPass = clock.instant();
                }
            }
            String passes = days == 1 ? String.valueOf(sweep.state().passes())
                    : String.format("%.2f (%d in %d days)", sweep.state().passes() / (double) days,
                            sweep.state().passes(), days);
            System.out.printf("| %s (%,.0f) | %,d | %,d | %,d | %s | %s | %d of %d |%n", name(plan), callsPerDay, leads,
                    sweepCalls / days, fastCalls / days, passes,
                    firstPass == null ? "not in the run" : hours(Duration.between(dayStart, firstPass)),
                    onePollCalls / days, polls / days);
        }
    }

    /** One poll as the consumer drives it: the fast path, then the sweep; returns {fast-path calls, sweep calls}. */
    private static long[] poll(CashfinClient client, LeadScan scan, ViewSweep sweep, Instant now, double callsPerDay) {
        long total = -1;
        int found = 0;
        int fastCalls = 0;
        ScanRun run = scan.start();
        while (!run.isDone()) {
            PageRequest request = run.nextRequest();
            LeadPage page = client.list(LeadQuery.of(request.page(), request.limit(), null));
            fastCalls++;
            total = total < 0 && page.pageInfo() != null ? page.pageInfo().total() : total;
            for (LeadEvent event : run.accept(page)) {
                found++;
                run.succeeded(event);
            }
        }
        run.finish();
        sweep.fastPathPolled(total, found, now);
        int sweepCalls = 0;
        SweepRun sweepRun = sweep.start(now, scan.cursor(), callsPerDay);
        while (!sweepRun.isDone()) {
            PageRequest request = sweepRun.nextRequest();
            LeadPage page = client.list(LeadQuery.of(request.page(), request.limit(), null));
            sweepCalls++;
            sweepRun.accept(page).forEach(sweepRun::succeeded);
        }
        return new long[] { fastCalls, sweepCalls };
    }

    /** New leads through a Camel route, with or without a busy sweep; prints p50 / p99 time to emit. */
    private static void timeToEmit(boolean sweepBusy, int view, long pollMillis, long everyMillis, int seconds)
            throws Exception {
        try (CashfinSimulator sim = CashfinSimulator.builder().plan(Plan.UNLIMITED).start()) {
            sim.seedLeads(view, 2, Duration.ofSeconds(30));
            Map<String, Long> createdNanos = new ConcurrentHashMap<>();
            List<Long> latencies = new CopyOnWriteArrayList<>();
            CamelContext context = BenchmarkRig.contextOn(sim, CashfinLeadsConfiguration.PLAN_UNLIMITED);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("cashfin-leads:list?initialDelay=0&delay=" + pollMillis + "&sweepEnabled=" + sweepBusy)
                            .routeId("leads").process(e -> {
                                Long created = createdNanos.remove(e.getMessage().getBody(Lead.class).getId());
                                if (created != null) {
                                    latencies.add(System.nanoTime() - created);
                                }
                            });
                }
            });
            context.start();
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) context.getRoute("leads").getConsumer();
            while (consumer.getSuccessCounter() < 2) { // the backfill done
                Thread.sleep(50);
            }
            long callsBefore = sim.listCalls();
            long pollsBefore = consumer.getCounter();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            int created = 0;
            long sweepPages = 0;
            while (System.nanoTime() < end) {
                if (sweepBusy && !((CashfinLeadsConsumer) consumer).isSweepUrgent()) {
                    ((CashfinLeadsConsumer) consumer).sweepNow();
                }
                String id = (String) sim.insertLeads(1).get(0).get("_id");
                createdNanos.put(id, System.nanoTime());
                created++;
                Thread.sleep(everyMillis);
            }
            long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!createdNanos.isEmpty() && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            sweepPages = ((CashfinLeadsConsumer) consumer).getSweepPagesRead();
            long polls = consumer.getCounter() - pollsBefore;
            long calls = sim.listCalls() - callsBefore;
            context.stop();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("Time to emit, sweep %s: %d new leads on a %,d-lead view, delay %d ms: %d emitted,"
                              + " p50 %d ms, p99 %d ms, max %d ms; %d polls, %d list calls (%d sweep pages), %.2f calls"
                              + " per poll%n", sweepBusy ? "busy (a pass always in progress)" : "off", created, view,
                    pollMillis, sorted.size(), millis(sorted, 0.50), millis(sorted, 0.99),
                    sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1) / 1_000_000, polls, calls, sweepPages,
                    polls == 0 ? 0.0 : calls / (double) polls);
        }
    }

    private static long millis(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1_000_000;
    }

    private static String name(RatePlan plan) {
        String n = plan.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    private static String hours(Duration d) {
        return d.toMinutes() < 120 ? d.toMinutes() + " min" : String.format("%.1f h", d.toMinutes() / 60.0);
    }
}
