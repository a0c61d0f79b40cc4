package africa.cashfin.camel.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import africa.cashfin.camel.leads.api.limit.RateLimits;
import africa.cashfin.camel.leads.producer.BulkCreateResult;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;
import africa.cashfin.camel.simulator.RateLimitMode;

/**
 * Imports N leads with one bulk create (a lazy Stream body, {@code concurrency} at a time) under a plan limit that
 * the simulator enforces, and reports the achieved rate against the allowed rate, the 429s and the duplicates.
 * Options: {@code --leads 600 --per-second 20 --per-minute 600 --concurrency 8 --margin 0.02 --window fixed
 * --jitter 0-0 --jitter-seed 1 --runs 1 --warmup 0}. {@code --per-minute 0} leaves the minute unlimited; {@code --window
 * sliding} makes the simulator count any 1 s / 60 s span at arrival; {@code --jitter MIN-MAX} delays each request a
 * random number of milliseconds before the simulator counts it; {@code --margin} defaults to the component's
 * {@code RateLimits.DEFAULT_MARGIN}; {@code --runs} repeats the import (fresh Camel context, simulator reset);
 * {@code --warmup N} first runs an unmeasured import of N leads. Not a test.
 */
public final class RateLimitedImportBenchmark {

    private RateLimitedImportBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(args);
        int leads = options.getInt("--leads", 600);
        int perSecond = options.getInt("--per-second", 20);
        int perMinute = options.getInt("--per-minute", 600);
        int concurrency = options.getInt("--concurrency", 8);
        double margin = options.getDouble("--margin", RateLimits.DEFAULT_MARGIN);
        RateLimitMode window = RateLimitMode.parse(options.get("--window", "fixed"));
        String[] jitter = options.get("--jitter", "0-0").split("-");
        long jitterSeed = options.getInt("--jitter-seed", 1);
        int runs = options.getInt("--runs", 1);
        int warmup = options.getInt("--warmup", 0);
        String extra = options.get("--uri-options", "");
        double allowed = perMinute > 0 ? Math.min(perSecond, perMinute / 60.0) : perSecond;

        try (CashfinSimulator sim = CashfinSimulator.builder().plan(Plan.custom(perSecond, perMinute, 1_000_000))
                .rateLimitMode(window)
                .latencyJitter(Duration.ofMillis(Long.parseLong(jitter[0])),
                        Duration.ofMillis(Long.parseLong(jitter[jitter.length - 1])), jitterSeed)
                .start()) {
            // the failed count is part of the report: the result, not an exception (bulkPartialSuccess)
            String uri = "cashfin-leads:create?bulkPartialSuccess=true&plan=unlimited&maxRequestsPerSecond=" + perSecond
                         + (perMinute > 0 ? "&maxRequestsPerMinute=" + perMinute : "") + "&rateLimitMargin="
                         + margin + "&concurrency=" + concurrency + (extra.isEmpty() ? "" : "&" + extra);
            System.out.printf("Rate-limited import: %d leads, plan %d/s %s/min (allowed %.2f/s), %s windows, jitter"
                              + " %s ms, margin %.2f, concurrency %d, %d cores, Java %s%n  %s%n", leads, perSecond,
                    perMinute > 0 ? perMinute : "unlimited", allowed, window.jsonName(), String.join("-", jitter),
                    margin, concurrency, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), uri);
            if (warmup > 0) {
                // the real Cashfin is never cold: warm the simulator (and the JIT) up with an unmeasured import
                System.out.printf("Warm-up: %d leads, not measured%n", warmup);
                sim.reset();
                importOnce(sim, uri, warmup, allowed, margin);
            }
            List<Double> shares = new ArrayList<>();
            long total429 = 0;
            for (int run = 1; run <= runs; run++) {
                sim.reset();
                double share = importOnce(sim, uri, leads, allowed, margin);
                shares.add(share);
                total429 += sim.requestCount(Outcome.RATE_LIMITED);
            }
            if (runs > 1) {
                List<Double> sorted = shares.stream().sorted().toList();
                System.out.printf("SUMMARY %d runs: wall-clock share of the allowed rate min %.1f %%, median %.1f %%,"
                                  + " max %.1f %%; 429s in all runs: %d%n", runs, sorted.get(0),
                        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), total429);
            }
        }
    }

    private static double importOnce(CashfinSimulator sim, String uri, int leads, double allowed, double margin)
            throws Exception {
        try (CamelContext camel = BenchmarkRig.contextOn(sim)) {
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            Stream<Map<String, Object>> body = IntStream.range(0, leads).mapToObj(i -> Map.of(
                    "name", "Imported " + i, "email", "imported" + i + "@example.com", "source", "import"));
            long start = System.nanoTime();
            Exchange out = template.send(uri, e -> e.getMessage().setBody(body));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (out.getException() != null) {
                throw out.getException();
            }
            BulkCreateResult result = out.getMessage().getBody(BulkCreateResult.class);
            Map<Object, Integer> byEmail = new HashMap<>();
            sim.leads().forEach(l -> byEmail.merge(l.get("email"), 1, Integer::sum));
            long duplicates = byEmail.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
            double rate = result.created() / seconds;
            // steady state: from the 11th to the last lead the simulator stored (its createdat stamps), leaving out
            // the first calls, slowed by connection set-up and a cold JIT
            List<Instant> stamps = sim.leads().stream()
                    .map(l -> Instant.parse(String.valueOf(l.get("createdat")))).sorted().toList();
            int skip = Math.min(10, stamps.size() - 2);
            double span = Duration.between(stamps.get(skip), stamps.get(stamps.size() - 1)).toNanos() / 1e9;
            double steady = (stamps.size() - 1 - skip) / span;
            System.out.printf("Created %d, failed %d in %.2f s%n", result.created(), result.failed(), seconds);
            System.out.printf("RESULT achieved %.3f creates/s = %.1f %% of the allowed %.2f/s; 429s: %d;"
                              + " duplicate leads stored: %d; leads stored: %d%n", rate, 100 * rate / allowed,
                    allowed, sim.requestCount(Outcome.RATE_LIMITED), duplicates, sim.leadCount());
            System.out.printf("RESULT steady state (11th to last stored lead) %.3f creates/s = %.1f %% of the allowed"
                              + " rate; the margin caps it at %.1f %%%n", steady, 100 * steady / allowed,
                    100 * (1 - margin));
            return 100 * rate / allowed;
        }
    }
}
