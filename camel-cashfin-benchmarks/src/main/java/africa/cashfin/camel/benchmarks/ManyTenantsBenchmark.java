package africa.cashfin.camel.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.Plan;

/**
 * Many tenants in one JVM (issue 24): {@code --tenants N} consumer routes, one secret each, polling a simulator in the
 * same JVM every {@code --delay} ms, each seeing only its own leads ({@code source=t<i>}). Measures the threads the
 * routes add (by thread name, so the simulator's own Jetty threads are told apart), the heap per idle tenant (used
 * heap after GC, routes idle, minus before the context started), the cadence kept (polls in a window against
 * {@code N x window / delay}, and the spread per tenant) and fairness: time-to-emit of one new lead for every tenant,
 * first alone, then while tenant 0 gets {@code --flood} new leads at the same moment (p99 against the median).
 * Options: {@code --tenants 500 --delay 5000 --window 30 --flood 1000 --pool 16 --jmx on|off}. Not a test; CI never runs it; see
 * docs/performance.md, "Many tenants in one JVM".
 */
public final class ManyTenantsBenchmark {

    private ManyTenantsBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(args);
        int tenants = options.getInt("--tenants", 500);
        long delay = options.getInt("--delay", 5000);
        int windowSeconds = options.getInt("--window", 30);
        int flood = options.getInt("--flood", 1000);
        int pool = options.getInt("--pool", CashfinLeadsComponent.DEFAULT_SCHEDULER_POOL_SIZE);
        // JMX MBeans per route, consumer, endpoint and processor (camel-management), or none
        boolean jmx = !options.get("--jmx", "on").equals("off");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        String[] secrets = new String[tenants];
        for (int i = 0; i < tenants; i++) {
            secrets[i] = String.format("cs_tenant_%05d_%08x", i, i * 0x9E3779B1L & 0xffffffffL);
        }
        try (CashfinSimulator sim = CashfinSimulator.builder().secrets(secrets).plan(Plan.UNLIMITED).start()) {
            List<Map<String, Object>> backfill = new ArrayList<>();
            for (int i = 0; i < tenants; i++) {
                backfill.add(lead(i, "backfill"));
            }
            sim.insertLeads(backfill);
            System.out.printf("Many tenants: %,d consumer routes, one secret each, delay=%d ms, schedulerPoolSize=%d,"
                              + " JMX %s, simulator in this JVM; %d CPUs, max heap %d MB%n", tenants, delay, pool,
                    jmx ? "on" : "off",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

            long heapBefore = usedAfterGc(memory);
            Map<String, Integer> threadsBefore = threadGroups();
            Map<String, Long> histogramBefore = histogram();

            // per tenant: when the lead it waits for was inserted (0: none awaited), and its time-to-emit
            AtomicLongArray awaitedSince = new AtomicLongArray(tenants);
            AtomicLongArray timeToEmit = new AtomicLongArray(tenants);
            String[] awaitedName = new String[1];
            CamelContext context = new DefaultCamelContext();
            if (!jmx) {
                context.disableJMX();
            }
            CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
            component.setSchedulerPoolSize(pool);
            component.getConfiguration().setBaseUrl(sim.baseUrl());
            component.getConfiguration().setPlan("unlimited");
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int i = 0; i < tenants; i++) {
                        int tenant = i;
                        // first polls spread over one delay, as routes added over time would be
                        from("cashfin-leads:list?clientSecret=" + secrets[i] + "&source=t" + i + "&delay=" + delay
                             + "&initialDelay=" + (1000 + i * delay / tenants)).routeId("t" + i)
                                .process(e -> {
                                    Lead lead = e.getMessage().getBody(Lead.class);
                                    long since = awaitedSince.get(tenant);
                                    if (since != 0 && lead != null && lead.getName().equals(awaitedName[0])) {
                                        timeToEmit.compareAndSet(tenant, 0, System.nanoTime() - since);
                                    }
                                });
                    }
                }
            });
            long started = System.nanoTime();
            context.start();
            System.out.printf("Context with %,d routes started in %d ms%n", tenants, ms(System.nanoTime() - started));
            List<CashfinLeadsConsumer> consumers = new ArrayList<>();
            for (int i = 0; i < tenants; i++) {
                consumers.add((CashfinLeadsConsumer) context.getRoute("t" + i).getConsumer());
            }
            while (consumers.stream().anyMatch(c -> c.getLeadsEmitted() < 1)) {
                Thread.sleep(200);
            }
            System.out.printf("Backfill: every tenant emitted its lead %d ms after the start%n",
                    ms(System.nanoTime() - started));

            // idle: one more delay, then threads and heap
            Thread.sleep(delay);
            long heapAfter = usedAfterGc(memory);
            Map<String, Integer> threadsAfter = threadGroups();
            printThreads(threadsBefore, threadsAfter);
            System.out.printf("Heap (used after GC): before the context %.1f MB, routes idle %.1f MB: %.1f KB per"
                              + " idle tenant%n", heapBefore / 1048576.0, heapAfter / 1048576.0,
                    (heapAfter - heapBefore) / 1024.0 / tenants);
            printHistogramGrowth(histogramBefore, histogram(), tenants);

            // cadence: polls in the window
            long[] pollsAt = polls(consumers);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuAt = os.getProcessCpuTime();
            long windowStart = System.nanoTime();
            Thread.sleep(windowSeconds * 1000L);
            long[] pollsEnd = polls(consumers);
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            System.out.printf("CPU in the window: this JVM (routes and simulator) used %.2f of its %d CPUs; system load"
                              + " average %.1f%n", (os.getProcessCpuTime() - cpuAt) / 1e9 / seconds,
                    os.getAvailableProcessors(), os.getSystemLoadAverage());
            long[] perTenant = new long[tenants];
            long total = 0;
            for (int i = 0; i < tenants; i++) {
                perTenant[i] = pollsEnd[i] - pollsAt[i];
                total += perTenant[i];
            }
            Arrays.sort(perTenant);
            double expected = tenants * 1000.0 / delay;
            System.out.printf("Cadence over %.1f s: %.1f polls/s (list calls/s; an idle poll is one call) for the"
                              + " expected %.1f (%.1f %%); polls per tenant min %d, median %d, max %d (expected %.1f)%n",
                    seconds, total / seconds, expected, 100.0 * total / seconds / expected, perTenant[0],
                    perTenant[tenants / 2], perTenant[tenants - 1], seconds * 1000 / delay);

            fairness("Time-to-emit, one new lead per tenant, no flood", sim, tenants, 0, delay, awaitedSince,
                    timeToEmit, awaitedName, "quiet");
            fairness("Time-to-emit, one new lead per tenant while tenant t0 gets " + flood + " new leads", sim,
                    tenants, flood, delay, awaitedSince, timeToEmit, awaitedName, "flood");
            long floodEmitted = 1 + flood; // its backfill lead and the flood
            long floodStart = System.nanoTime();
            while (consumers.get(0).getLeadsEmitted() < floodEmitted
                   && System.nanoTime() - floodStart < TimeUnit.MINUTES.toNanos(5)) {
                Thread.sleep(100);
            }
            System.out.printf("Flood tenant t0: %d of its %d leads emitted, the last %d ms after the other tenants'"
                              + " round ended%n", consumers.get(0).getLeadsEmitted(), floodEmitted,
                    ms(System.nanoTime() - floodStart));
            context.stop();
        }
    }

    private static void fairness(String title, CashfinSimulator sim, int tenants, int flood, long delay,
                                 AtomicLongArray awaitedSince, AtomicLongArray timeToEmit, String[] awaitedName,
                                 String name) throws InterruptedException {
        for (int i = 0; i < tenants; i++) {
            timeToEmit.set(i, 0);
            awaitedSince.set(i, 0);
        }
        awaitedName[0] = name;
        List<Map<String, Object>> floodLeads = new ArrayList<>();
        for (int k = 0; k < flood; k++) {
            floodLeads.add(lead(0, "flood-" + k));
        }
        sim.insertLeads(floodLeads);
        for (int i = 1; i < tenants; i++) {
            awaitedSince.set(i, System.nanoTime());
            sim.addLead(lead(i, name));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10 * delay + 60_000);
        while (System.nanoTime() < deadline && missing(timeToEmit, tenants) > 0) {
            Thread.sleep(100);
        }
        long[] times = new long[tenants - 1];
        for (int i = 1; i < tenants; i++) {
            times[i - 1] = timeToEmit.get(i);
        }
        Arrays.sort(times);
        int missing = missing(timeToEmit, tenants);
        long median = times[times.length / 2];
        long p99 = times[(int) Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)];
        System.out.printf("%s: %d tenants, median %d ms, p99 %d ms (%.2f x median), max %d ms%s%n", title,
                tenants - 1, ms(median), ms(p99), p99 / (double) Math.max(1, median), ms(times[times.length - 1]),
                missing == 0 ? "" : ", " + missing + " not emitted within the deadline");
    }

    private static int missing(AtomicLongArray timeToEmit, int tenants) {
        int missing = 0;
        for (int i = 1; i < tenants; i++) {
            if (timeToEmit.get(i) == 0) {
                missing++;
            }
        }
        return missing;
    }

    private static Map<String, Object> lead(int tenant, String name) {
        Map<String, Object> lead = new HashMap<>();
        lead.put("name", name);
        lead.put("email", name + "@t" + tenant + ".example");
        lead.put("source", "t" + tenant);
        lead.put("status", "new");
        return lead;
    }

    private static long[] polls(List<CashfinLeadsConsumer> consumers) {
        long[] p = new long[consumers.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = consumers.get(i).getPolls();
        }
        return p;
    }

    /** Live threads by name, numbers stripped: "Camel (camel-1) thread #7 - CashfinLeadsPoll" -> "... thread # - ...". */
    private static Map<String, Integer> threadGroups() {
        Map<String, Integer> groups = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName().replaceAll("[0-9a-f]{6,}", "*").replaceAll("\\d+", "N");
            if (name.contains("cashfin-leads://")) {
                name = "Camel thread of a consumer of its own (cashfin-leads://...)";
            }
            groups.merge(name, 1, Integer::sum);
        }
        return groups;
    }

    private static void printThreads(Map<String, Integer> before, Map<String, Integer> after) {
        int total = 0;
        int simulator = 0;
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, Integer> e : after.entrySet()) {
            int added = e.getValue() - before.getOrDefault(e.getKey(), 0);
            if (added != 0) {
                lines.append(String.format("    %+d %s%n", added, e.getKey()));
                total += added;
                if (e.getKey().startsWith("qtp") || e.getKey().startsWith("Connector-Scheduler")) {
                    simulator += added;
                }
            }
        }
        int beforeTotal = before.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("Threads: %d before the context, %d with the routes idle: %+d, of which %+d the simulator's"
                          + " Jetty server (qtp..., Connector-Scheduler), so %+d added by Camel and the routes:%n%s", beforeTotal,
                beforeTotal + total, total, simulator, total - simulator, lines);
    }

    /** Bytes per class of the live heap (a full GC first): the jcmd GC.class_histogram of this JVM. */
    private static Map<String, Long> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] { new String[0] }, new String[] { String[].class.getName() });
        Map<String, Long> bytes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
            }
        }
        return bytes;
    }

    /** The classes whose live bytes grew most, per tenant. */
    private static void printHistogramGrowth(Map<String, Long> before, Map<String, Long> after, int tenants) {
        List<Map.Entry<String, Long>> growth = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            growth.add(Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)));
        }
        growth.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        long total = growth.stream().mapToLong(Map.Entry::getValue).sum();
        System.out.printf("Live heap growth by class (GC.class_histogram): %.1f KB per tenant in all; the top 20:%n",
                total / 1024.0 / tenants);
        for (Map.Entry<String, Long> e : growth.subList(0, Math.min(20, growth.size()))) {
            System.out.printf("    %8.2f KB  %s%n", e.getValue() / 1024.0 / tenants, e.getKey());
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
