package africa.cashfin.camel.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.testing.ManualClockTime;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Plan;

/**
 * A simulated day of lead arrivals on a virtual clock, polled with a fixed delay or adaptively: calls of the day,
 * time-to-emit (from a lead's arrival to its exchange in the route) p50/p95/p99, and calls left at midnight.
 * <p>
 * One {@link ManualClock} is the simulator's clock and, through {@link ManualClockTime}, the component's
 * ({@code timeSource}): the limiter, the budget shares and the adaptive cadence run on it, and a limiter wait moves it
 * forward. The route is {@code from("cashfin-leads:list?startScheduler=false...")}: this main runs each poll
 * ({@code consumer.run()}) when it is due (after the fixed {@code delay}, or at the cadence's {@code NextPollAt}) and
 * inserts each lead at its arrival time, whichever comes first, so a day takes seconds and every figure comes from
 * the simulator's counters and the virtual clock, not from timing. The sweep is off in every run (as in the figures
 * of earlier sessions, so that they compare). Traces: {@code steady} (200 leads at random over 24 h), {@code business} (300 leads from 08:00 to
 * 18:00 with a lunch peak from 12:00 to 14:00), {@code campaign} (300 leads from 10:00 to 10:10 and 20 at random over
 * the day), {@code weekend} (12 leads at random over the day). A competing import ({@code --import 500}) creates that
 * many leads with a {@code cashfin-leads:create} producer of the same secret, one every 1.1 s from
 * {@code --import-at 09:00}: its calls come out of the same daily budget, and its leads (emitted by the consumer too)
 * are not timed. Adaptive polling learns when leads arrive from past server days: with {@code --history N} the
 * measured day (seed {@code --seed}) follows N days of the same trace (seeds {@code seed+1..seed+N}; their leads are
 * polled, not timed, and their calls not counted; a past day's campaign starts at a random time from 08:00 to 18:00
 * unless {@code --recurring-campaign true}); mode {@code adaptive} runs after them, {@code adaptive-fresh} without
 * them. Options: {@code --plans free,starter --traces steady,business,campaign,weekend
 * --modes 5m,1m,adaptive,adaptive-fresh --delay 5m --min-delay 10s --max-delay 30m --objective mean --history 0
 * --seed 21 --import 0 --import-at 09:00} ({@code --objective tail}: {@code adaptiveObjective=tail} for the adaptive
 * modes; {@code --recurring-campaign true}: every past campaign at 10:00; {@code --past-campaign-at 17:17}: every past
 * campaign at that time; {@code --trace-polls 09:30-10:30}: one line per poll of the measured day in that window, and
 * the learnt weekday profile). Not a test; CI never runs it; see
 * docs/performance.md for how to run it and the figures.
 */
public final class SimulatedDayBenchmark {

    private static final Instant DAY = Instant.parse("2026-01-15T00:00:00Z");
    private static final Instant MIDNIGHT = DAY.plus(Duration.ofDays(1));

    /** {@code --trace-polls 09:30-10:30}: one line per poll of the measured day in that window (adaptive), else null. */
    private static Instant[] tracePolls;

    private SimulatedDayBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(args);
        String minDelay = options.get("--min-delay", "10s");
        String maxDelay = options.get("--max-delay", "30m");
        String adaptiveDelay = options.get("--delay", "5m");
        String objective = options.get("--objective", "mean");
        long seed = options.getInt("--seed", 21);
        int historyDays = options.getInt("--history", 0);
        boolean recurringCampaign = Boolean.parseBoolean(options.get("--recurring-campaign", "false"));
        String pastAt = options.get("--past-campaign-at", "");
        Duration pastCampaignAt = pastAt.isEmpty() ? null
                : Duration.between(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.parse(pastAt));
        int imports = options.getInt("--import", 0);
        String window = options.get("--trace-polls", "");
        if (!window.isEmpty()) {
            String[] ends = window.split("-");
            tracePolls = new Instant[] {
                    DAY.plus(Duration.between(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.parse(ends[0]))),
                    DAY.plus(Duration.between(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.parse(ends[1]))) };
        }
        Instant importAt = DAY.plus(Duration.between(java.time.LocalTime.MIDNIGHT,
                java.time.LocalTime.parse(options.get("--import-at", "09:00"))));
        List<Instant> importTimes = new ArrayList<>();
        for (int i = 0; i < imports; i++) {
            importTimes.add(importAt.plusMillis(1_100L * i));
        }
        System.out.printf("Simulated day (virtual clock, %s UTC), sweep off; adaptive: delay=%s minDelay=%s"
                          + " maxDelay=%s adaptiveObjective=%s after %d day(s) of the same trace (seeds %d+1..); seed"
                          + " %d; competing import: %d creates from %s%n", DAY, adaptiveDelay, minDelay, maxDelay,
                objective, historyDays, seed, seed, imports, importAt);
        System.out.println("| Plan | Trace | Leads | Polling | Calls in the day | Calls left at midnight |"
                           + " Time-to-emit p50 | p95 | p99 |" + (imports > 0 ? " Import rows created |" : ""));
        System.out.println("|---|---|---|---|---|---|---|---|---|" + (imports > 0 ? "---|" : ""));
        for (String plan : options.get("--plans", "free,starter").split(",")) {
            for (String trace : options.get("--traces", "steady,business,campaign,weekend").split(",")) {
                List<Instant> arrivals = trace(trace, seed, DAY, false, null);
                List<Instant> history = new ArrayList<>();
                for (int d = historyDays; d >= 1; d--) {
                    history.addAll(trace(trace, seed + d, DAY.minus(Duration.ofDays(d)), !recurringCampaign,
                            pastCampaignAt));
                }
                for (String mode : options.get("--modes", "5m,1m,adaptive").split(",")) {
                    // the history only teaches the adaptive cadence; a fixed delay polls the same whatever came before
                    Result r = run(Plan.parse(plan), mode.equals("adaptive") ? history : List.of(), arrivals,
                            importTimes, mode, adaptiveDelay, minDelay, maxDelay, objective);
                    String adaptive = objective.equals("mean") ? "adaptive" : "adaptive `" + objective + "`";
                    String polling = mode.equals("adaptive") ? adaptive + ", " + historyDays + " past days"
                            : mode.equals("adaptive-fresh") ? adaptive + ", no past day" : "fixed `delay=" + mode + "`";
                    System.out.printf("| %s | %s | %d | %s | %,d | %,d | %s | %s | %s |%s%n", plan, trace,
                            arrivals.size(), polling,
                            r.callsInDay, r.limit - r.callsInDay - r.createsInDay, text(r.percentile(50)),
                            text(r.percentile(95)),
                            text(r.percentile(99)), imports > 0 ? " " + r.imported + " of " + imports + " |" : "");
                }
            }
        }
    }

    /**
     * The arrival times of a trace on the day starting at {@code day}, sorted. The campaign starts at 10:00, or, with
     * {@code campaignAnyTime}, at {@code pastCampaignAt} (a time of day) when it is not null, else at a random time
     * between 08:00 and 18:00 (a past day's campaign that does not recur at the same time). That time is drawn from a
     * {@link java.util.SplittableRandom} of the seed: the first {@code nextDouble()} of {@code java.util.Random}s whose
     * seeds differ by one are nearly equal (its seed is only scrambled by an XOR), so drawn from the trace's own
     * {@code Random} every past day's campaign started at about 17:17 (seeds 21 to 30: 17:17:24 to 17:17:59), which was
     * a campaign that recurs at 17:17, not one at a random time. The trace's {@code Random} still draws that number
     * first, so the leads' own times within the day are those of before.
     */
    static List<Instant> trace(String name, long seed, Instant day, boolean campaignAnyTime, Duration pastCampaignAt) {
        Random random = new Random(seed + name.hashCode());
        List<Instant> arrivals = new ArrayList<>();
        switch (name) {
            case "steady" -> spread(arrivals, random, 200, day, Duration.ofDays(1));
            case "business" -> {
                spread(arrivals, random, 80, day.plus(Duration.ofHours(8)), Duration.ofHours(4));
                spread(arrivals, random, 100, day.plus(Duration.ofHours(12)), Duration.ofHours(2));
                spread(arrivals, random, 120, day.plus(Duration.ofHours(14)), Duration.ofHours(4));
            }
            case "campaign" -> {
                Instant start = day.plus(Duration.ofHours(10));
                if (campaignAnyTime) {
                    random.nextDouble(); // drawn as before (the leads' times unchanged), not used: see above
                    start = pastCampaignAt != null ? day.plus(pastCampaignAt)
                            : day.plus(Duration.ofHours(8)).plusMillis((long) (new java.util.SplittableRandom(
                                    seed + name.hashCode()).nextDouble() * 36_000_000L));
                }
                spread(arrivals, random, 300, start, Duration.ofMinutes(10));
                spread(arrivals, random, 20, day, Duration.ofDays(1));
            }
            case "weekend" -> spread(arrivals, random, 12, day, Duration.ofDays(1));
            default -> throw new IllegalArgumentException("Unknown trace " + name
                                                          + ": use steady, business, campaign or weekend");
        }
        Collections.sort(arrivals);
        return arrivals;
    }

    private static void spread(List<Instant> into, Random random, int count, Instant from, Duration span) {
        for (int i = 0; i < count; i++) {
            into.add(from.plusMillis((long) (random.nextDouble() * span.toMillis())));
        }
    }

    /**
     * One day of one trace with one polling mode, after the days of {@code history} (their leads are polled but not
     * timed, and their calls are not counted).
     */
    static Result run(Plan plan, List<Instant> history, List<Instant> measured, List<Instant> imports, String mode,
            String adaptiveDelay, String minDelay, String maxDelay, String objective) throws Exception {
        Instant firstDay = history.isEmpty() ? DAY : history.get(0).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        if (!history.isEmpty() && history.get(history.size() - 1).isAfter(DAY)) {
            throw new IllegalArgumentException("the history must end before the measured day");
        }
        List<Instant> arrivals = new ArrayList<>(history);
        arrivals.addAll(measured);
        ManualClock clock = new ManualClock(firstDay);
        Map<String, Instant> arrivedAt = new ConcurrentHashMap<>();
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        boolean adaptive = mode.startsWith("adaptive");
        Duration delay = adaptive ? null : parse(mode);
        try (CashfinSimulator sim = CashfinSimulator.builder().plan(plan).clock(clock).start()) {
            CamelContext context = BenchmarkRig.contextOn(sim, plan.name());
            BenchmarkRig.component(context).setTimeSource(new ManualClockTime(clock));
            String uri = "cashfin-leads:list?startScheduler=false&sweepEnabled=false"
                         + (adaptive ? "&adaptivePolling=true&delay=" + adaptiveDelay + "&minDelay=" + minDelay
                                       + "&maxDelay=" + maxDelay + "&adaptiveObjective=" + objective : "");
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("leads").process(e -> {
                        Instant arrived = arrivedAt.get(e.getMessage().getHeader("CamelCashfinLeadId", String.class));
                        if (arrived != null) { // an imported lead is not timed
                            waits.add(Duration.between(arrived, clock.instant()));
                        }
                    });
                    from("direct:import").to("cashfin-leads:create");
                }
            });
            context.start();
            var producer = context.createProducerTemplate();
            int nextImport = 0;
            int importsRefused = 0;
            CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) context.getRoute("leads").getConsumer();

            int next = 0;
            boolean printedProfile = false;
            Instant nextPoll = firstDay;
            long callsBefore = -1;
            long createsBefore = -1;
            long callsInDay = -1;
            long createsInDay = -1;
            Instant giveUp = MIDNIGHT.plus(Duration.ofHours(12));
            while (clock.instant().isBefore(giveUp)) {
                if (nextImport < imports.size() && !imports.get(nextImport).isAfter(nextPoll)
                    && (next >= arrivals.size() || !imports.get(nextImport).isAfter(arrivals.get(next)))) {
                    if (imports.get(nextImport).isAfter(clock.instant())) {
                        clock.set(imports.get(nextImport));
                    }
                    String body = "{\"name\": \"Imported " + nextImport + "\"}";
                    if (producer.request("direct:import", e -> e.getMessage().setBody(body)).getException() != null) {
                        importsRefused++; // the day's budget is spent: the import waits for the next day
                    }
                    nextImport++;
                    continue;
                }
                boolean poll = next >= arrivals.size() || !nextPoll.isAfter(arrivals.get(next));
                Instant at = poll ? nextPoll : arrivals.get(next);
                if (at.isAfter(clock.instant())) {
                    clock.set(at);
                }
                if (callsBefore < 0 && !clock.instant().isBefore(DAY)) {
                    callsBefore = sim.listCalls();
                    createsBefore = sim.createCalls();
                }
                if (callsInDay < 0 && !clock.instant().isBefore(MIDNIGHT)) {
                    callsInDay = sim.listCalls() - callsBefore;
                    createsInDay = sim.createCalls() - createsBefore;
                }
                if (!poll) {
                    // a lead arriving while a limiter wait moved the clock past it is inserted now, timed from its
                    // arrival
                    String id = (String) sim.insertLeads(1).get(0).get("_id");
                    if (!arrivals.get(next).isBefore(DAY)) { // a lead of the history days is not timed
                        arrivedAt.put(id, arrivals.get(next));
                    }
                    next++;
                    continue;
                }
                if (callsInDay >= 0 && next >= arrivals.size() && waits.size() >= measured.size()) {
                    break;
                }
                int emittedBefore = waits.size();
                long listBefore = sim.listCalls();
                consumer.run();
                if (tracePolls != null && adaptive && !printedProfile && !clock.instant().isBefore(DAY)) {
                    // after the measured day's first poll, which made the past days the profile's history
                    printedProfile = true;
                    System.out.println("  profile after the poll at " + clock.instant() + ": " + profile(consumer));
                }
                if (tracePolls != null && !clock.instant().isBefore(tracePolls[0])
                    && clock.instant().isBefore(tracePolls[1])) {
                    System.out.printf("  poll %s: %d calls, %d timed leads emitted (oldest waited %s); %s, next at %s%n",
                            clock.instant().toString().substring(11, 19), sim.listCalls() - listBefore,
                            waits.size() - emittedBefore,
                            waits.size() > emittedBefore ? text(waits.get(emittedBefore)) : "-",
                            adaptive ? cadence(consumer) : "fixed", consumer.getNextPollAt());
                }
                if (adaptive) {
                    String due = consumer.getNextPollAt();
                    nextPoll = due == null ? clock.instant().plusSeconds(1) : Instant.parse(due);
                } else {
                    nextPoll = clock.instant().plus(delay);
                }
                if (!nextPoll.isAfter(clock.instant())) {
                    nextPoll = clock.instant().plusMillis(1);
                }
            }
            context.stop();
            if (callsInDay < 0) {
                callsInDay = sim.listCalls() - Math.max(0, callsBefore);
                createsInDay = sim.createCalls() - Math.max(0, createsBefore);
            }
            return new Result(callsInDay, createsInDay, plan.perDay(), waits, measured.size(),
                    imports.size() - importsRefused);
        }
    }

    /** The cadence's state after a poll, for {@code --trace-polls}. */
    private static String cadence(CashfinLeadsConsumer consumer) {
        try {
            java.lang.reflect.Field f = CashfinLeadsConsumer.class.getDeclaredField("cadence");
            f.setAccessible(true);
            return ((africa.cashfin.camel.leads.consumer.PollCadence) f.get(consumer)).describe();
        } catch (ReflectiveOperationException e) {
            return consumer.getPollingRegime() + " every " + consumer.getCurrentDelayMillis() + " ms";
        }
    }

    /** The weekday profile's expected arrivals per slot (hourly sums), for {@code --trace-polls}. */
    private static String profile(CashfinLeadsConsumer consumer) {
        try {
            java.lang.reflect.Field f = CashfinLeadsConsumer.class.getDeclaredField("cadence");
            f.setAccessible(true);
            Object cadence = f.get(consumer);
            java.lang.reflect.Field pf = cadence.getClass().getDeclaredField("profiles");
            pf.setAccessible(true);
            Object profile = ((Map<?, ?>) pf.get(cadence)).get(africa.cashfin.camel.leads.consumer.DayKind.WEEKDAY);
            java.lang.reflect.Field uf = profile.getClass().getDeclaredField("usual");
            uf.setAccessible(true);
            double[] usual = (double[]) uf.get(profile);
            StringBuilder b = new StringBuilder();
            for (int h = 0; h < 24; h++) {
                double sum = 0;
                for (int i = 0; i < 4; i++) {
                    sum += usual[h * 4 + i];
                }
                b.append(String.format(Locale.ROOT, "%02d:%.1f ", h, sum));
            }
            return b.toString();
        } catch (ReflectiveOperationException e) {
            return e.toString();
        }
    }

    private static Duration parse(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("A delay such as 30s, 5m or 1h: " + text);
        };
    }

    private static String text(Duration d) {
        if (d == null) {
            return "n/a";
        }
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3_600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3_600, s % 3_600 / 60);
    }

    /** What one day cost and how long its leads waited. */
    record Result(long callsInDay, long createsInDay, long limit, List<Duration> waits, int leads, int imported) {

        /** Nearest-rank percentile of the time-to-emit; a lead never emitted counts as the longest. */
        Duration percentile(int p) {
            List<Duration> sorted = new ArrayList<>(waits);
            Collections.sort(sorted);
            if (sorted.size() < leads) {
                return null;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }
}
