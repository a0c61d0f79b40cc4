package africa.cashfin.camel.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import africa.cashfin.camel.leads.BulkCreateResult;
import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.api.limit.RateLimits;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;

/**
 * Imports N leads with one bulk create (a lazy Stream body, {@code concurrency} at a time) under a plan limit that
 * the simulator enforces, and reports the achieved rate against the allowed rate, the 429s and the duplicates.
 * Options: {@code --leads 600 --per-second 20 --per-minute 600 --concurrency 8 --margin 0.02} (the margin defaults to
 * the component's {@code RateLimits.DEFAULT_MARGIN}). Not a test.
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
        double allowed = Math.min(perSecond, perMinute / 60.0);

        try (CashfinSimulator sim = CashfinSimulator.builder().plan(Plan.custom(perSecond, perMinute, 1_000_000))
                .start(); CamelContext camel = new DefaultCamelContext()) {
            CashfinLeadsComponent component = camel.getComponent("cashfin-leads", CashfinLeadsComponent.class);
            component.getConfiguration().setClientSecret(sim.secret());
            component.getConfiguration().setBaseUrl(sim.baseUrl());
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            String uri = "cashfin-leads:create?plan=unlimited&maxRequestsPerSecond=" + perSecond
                         + "&maxRequestsPerMinute=" + perMinute + "&rateLimitMargin=" + margin + "&concurrency="
                         + concurrency;
            System.out.printf("Rate-limited import: %d leads, plan %d/s %d/min (allowed %.2f/s), margin %.2f,"
                              + " concurrency %d, %d cores, Java %s%n", leads, perSecond, perMinute, allowed, margin,
                    concurrency, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
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
            java.util.List<java.time.Instant> stamps = sim.leads().stream()
                    .map(l -> java.time.Instant.parse(String.valueOf(l.get("createdat")))).sorted().toList();
            int skip = Math.min(10, stamps.size() - 2);
            double span = java.time.Duration.between(stamps.get(skip), stamps.get(stamps.size() - 1)).toNanos() / 1e9;
            double steady = (stamps.size() - 1 - skip) / span;
            System.out.printf("Created %d, failed %d in %.2f s%n", result.created(), result.failed(), seconds);
            System.out.printf("RESULT achieved %.3f creates/s = %.1f %% of the allowed %.2f/s; 429s: %d;"
                              + " duplicate leads stored: %d; leads stored: %d%n", rate, 100 * rate / allowed,
                    allowed, sim.requestCount(Outcome.RATE_LIMITED), duplicates, sim.leadCount());
            System.out.printf("RESULT steady state (11th to last stored lead) %.3f creates/s = %.1f %% of the allowed"
                              + " rate; the margin caps it at %.1f %%%n", steady, 100 * steady / allowed,
                    100 * (1 - margin));
        }
    }
}
