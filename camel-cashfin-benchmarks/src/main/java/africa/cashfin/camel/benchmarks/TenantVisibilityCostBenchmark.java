package africa.cashfin.camel.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.support.ScheduledPollConsumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.console.CashfinLeadsDevConsole;
import africa.cashfin.camel.leads.console.TenantFigures;
import africa.cashfin.camel.simulator.CashfinSimulator;

/**
 * What per-tenant visibility costs per idle tenant (docs/tenants.md, "What it costs per tenant"): one JVM, N tenant
 * routes ({@code cashfin-leads:list?tenantId=t0001&clientSecret=...}, each tenant its own secret), each polled twice
 * by hand ({@code startScheduler=false}: the backfill of an empty account, then an idle poll), once without a
 * {@code MeterRegistry}, once with Micrometer's {@code SimpleMeterRegistry} bound, and once more without. It prints the heap per tenant
 * (used after GC, minus before the context), the meters per tenant, and how long the dev console's JSON and the JMX
 * totals ({@link TenantFigures}) take to compute for N tenants. With {@code --histogram 15} it also prints the classes
 * whose live heap grew most with the registry (the JVM's class histogram with the registry less the one of the last run
 * without), per tenant. Options: {@code --tenants 500 --repeat 5 --histogram 0}. Not a test; CI never runs it; see
 * docs/performance.md for how to run it and the figures.
 */
public final class TenantVisibilityCostBenchmark {

    private TenantVisibilityCostBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(args);
        int tenants = options.getInt("--tenants", 500);
        int repeat = options.getInt("--repeat", 5);
        int histogram = options.getInt("--histogram", 0);
        List<Map<String, long[]>> histograms = new ArrayList<>();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        String[] secrets = new String[tenants];
        for (int i = 0; i < tenants; i++) {
            secrets[i] = String.format("cs_bench_tenant_%05d_4f9a2c", i);
        }
        System.out.printf("Tenant visibility cost: %,d idle tenants, one secret each, polled twice by hand (backfill of"
                          + " an empty account, then an idle poll); plan unlimited%n", tenants);
        try (CashfinSimulator sim = CashfinSimulator.builder().secrets(secrets).start()) {
            // without, with, without again: the first run also pays what stays in the JVM after a context stops
            // (each secret's rate limiter), so the metrics' cost is the second run less the third
            for (boolean metrics : new boolean[] { false, true, false }) {
                long baseline = ConsumerCostBenchmark.usedAfterGc(memory);
                int threadsBefore = Thread.activeCount();
                CamelContext context = BenchmarkRig.contextOn(sim, CashfinLeadsConfiguration.PLAN_UNLIMITED);
                SimpleMeterRegistry registry = metrics ? new SimpleMeterRegistry() : null;
                if (metrics) {
                    context.getRegistry().bind("metricsRegistry", registry);
                }
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        for (int i = 0; i < tenants; i++) {
                            String id = String.format("t%05d", i);
                            from("cashfin-leads:list?tenantId=" + id + "&clientSecret=RAW(" + secrets[i]
                                 + ")&startScheduler=false").routeId("tenant-" + id).log("${body}");
                        }
                    }
                });
                context.start();
                for (int i = 0; i < tenants; i++) {
                    ScheduledPollConsumer consumer = (ScheduledPollConsumer) context
                            .getRoute(String.format("tenant-t%05d", i)).getConsumer();
                    consumer.run();
                    consumer.run();
                }
                long used = ConsumerCostBenchmark.usedAfterGc(memory) - baseline;
                int threads = Thread.activeCount() - threadsBefore;
                if (histogram > 0) {
                    histograms.add(classHistogram());
                }

                CashfinLeadsDevConsole console = new CashfinLeadsDevConsole();
                console.setCamelContext(context);
                console.start();
                long[] consoleMillis = new long[repeat];
                long[] totalsMillis = new long[repeat];
                int consoleChars = 0;
                for (int r = 0; r < repeat; r++) {
                    long t0 = System.nanoTime();
                    consoleChars = String.valueOf(console.call(DevConsole.MediaType.JSON)).length();
                    long t1 = System.nanoTime();
                    TenantFigures.of(context).totals().leadsEmitted();
                    long t2 = System.nanoTime();
                    consoleMillis[r] = (t1 - t0) / 1_000_000;
                    totalsMillis[r] = (t2 - t1) / 1_000_000;
                }
                System.out.printf("%s: heap %.1f KB per tenant (%.1f MB for %,d), %d threads more (%.2f per tenant)%s%n",
                        metrics ? "With a SimpleMeterRegistry" : "Without metrics", used / 1024.0 / tenants,
                        used / 1024.0 / 1024.0, tenants, threads, threads / (double) tenants,
                        metrics ? String.format(", %d meters (%.1f per tenant)", registry.getMeters().size(),
                                registry.getMeters().size() / (double) tenants) : "");
                if (metrics) {
                    List<String> names = new ArrayList<>();
                    registry.getMeters().stream()
                            .filter(m -> "t00000".equals(m.getId().getTag("tenant")))
                            .forEach(m -> names.add(m.getId().getName() + tags(m.getId().getTag("outcome"),
                                                                               m.getId().getTag("result"))));
                    names.sort(null);
                    System.out.printf("  meters of tenant t00000: %s%n", names);
                }
                System.out.printf("  dev console JSON (%,d chars): median %d ms; JMX totals: median %d ms (%d calls)%n",
                        consoleChars, median(consoleMillis), median(totalsMillis), repeat);
                console.stop();
                context.stop();
            }
        }
        if (histogram > 0) {
            printGrowth(histograms.get(2), histograms.get(1), histogram, tenants);
        }
    }

    /** The live heap by class (a full GC first): class name to {instances, bytes}. */
    private static Map<String, long[]> classHistogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] { new String[0] }, new String[] { String[].class.getName() });
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[] { Long.parseLong(f[1]), Long.parseLong(f[2]) });
            }
        }
        return classes;
    }

    /** Prints the {@code top} classes whose bytes grew most from {@code without} to {@code with}, per tenant. */
    private static void printGrowth(Map<String, long[]> without, Map<String, long[]> with, int top, int tenants) {
        List<Map.Entry<String, long[]>> growth = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : with.entrySet()) {
            long[] before = without.getOrDefault(e.getKey(), new long[2]);
            long[] grew = { e.getValue()[0] - before[0], e.getValue()[1] - before[1] };
            total += grew[1];
            growth.add(Map.entry(e.getKey(), grew));
        }
        growth.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        System.out.printf("Live heap with the registry less without: %.1f KB per tenant; the %d classes that grew most"
                          + " (bytes and instances per tenant):%n", total / 1024.0 / tenants, top);
        for (Map.Entry<String, long[]> e : growth.subList(0, Math.min(top, growth.size()))) {
            System.out.printf("  %8.1f KB %8.1f  %s%n", e.getValue()[1] / 1024.0 / tenants,
                    e.getValue()[0] / (double) tenants, e.getKey());
        }
    }

    private static String tags(String outcome, String result) {
        return outcome != null ? "{" + outcome + "}" : result != null ? "{" + result + "}" : "";
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
