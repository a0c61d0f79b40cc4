package africa.cashfin.camel.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.ScheduledPollConsumer;

import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.ManualClock;
import africa.cashfin.camel.simulator.Plan;
import africa.cashfin.camel.simulator.SortOrder;

/**
 * What the polling consumer costs with many leads stored: list calls of the backfill, of an idle poll and of a poll
 * that finds k new leads (k = 1, 100, 250), and the heap the backfill keeps and peaks at. The route counts leads and
 * keeps nothing. Polls are run one at a time ({@code startScheduler=false}), so call counts come from the simulator's
 * counters, not from timing. Options: {@code --leads 100000 --order newest|oldest --spacing 600} (seconds between two
 * stored leads' {@code createdat}; {@code --spacing 1} makes a dense list, 300 leads inside the 5-minute lookback).
 * Not a test; CI never runs it; see docs/performance.md for how to run it and the figures.
 */
public final class ConsumerCostBenchmark {

    private ConsumerCostBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(args);
        int leads = options.getInt("--leads", 100000);
        SortOrder order = options.get("--order", "newest").startsWith("old") ? SortOrder.OLDEST_FIRST
                : SortOrder.NEWEST_FIRST;
        Duration spacing = Duration.ofSeconds(options.getInt("--spacing", 600));
        ManualClock clock = new ManualClock(Instant.parse("2026-01-15T12:00:00Z"));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long repositoryAlone = defaultRepositoryHeap(memory, leads);

        try (CashfinSimulator sim = CashfinSimulator.builder().plan(Plan.UNLIMITED).clock(clock).start()) {
            sim.sortOrder(order);
            sim.seedLeads(leads, 1, spacing);
            // dense lists: what arrives next follows the stored leads at the same spacing
            Duration gap = spacing.compareTo(Duration.ofMinutes(10)) < 0 ? spacing : Duration.ofMinutes(10);
            clock.advance(gap.equals(spacing) ? spacing : Duration.ofHours(1));
            System.out.printf("Consumer cost: %,d leads stored %d s apart (%,d inside a 5-minute window), %s, limit 100,"
                              + " lookback 5 min, default in-memory idempotent repository%n", leads,
                    spacing.toSeconds(), Math.min(leads, 300 / Math.max(1, spacing.toSeconds()) + 1), order);

            AtomicLong received = new AtomicLong();
            // the simulator is unlimited: do not pace calls to the default Free-plan budget
            CamelContext context = BenchmarkRig.contextOn(sim, CashfinLeadsConfiguration.PLAN_UNLIMITED);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("cashfin-leads:list?startScheduler=false").routeId("leads")
                            .process(e -> {
                                if (e.getMessage().getBody(Lead.class) != null) {
                                    received.incrementAndGet();
                                }
                            });
                }
            });
            context.start();
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) context.getRoute("leads").getConsumer();

            long baseline = usedAfterGc(memory);
            PeakSampler sampler = new PeakSampler(memory);
            sampler.start();
            long calls = sim.listCalls();
            long started = System.nanoTime();
            consumer.run();
            long backfillMillis = (System.nanoTime() - started) / 1_000_000;
            sampler.stop();
            long backfillCalls = sim.listCalls() - calls;
            long retained = usedAfterGc(memory);
            System.out.printf("Backfill: %,d leads emitted, %,d list calls, %,d ms%n", received.get(), backfillCalls,
                    backfillMillis);
            System.out.printf("Heap (used after GC): before %s, after %s, retained growth %s; peak sampled during the"
                              + " backfill %s above the baseline%n", mb(baseline), mb(retained),
                    mb(retained - baseline), mb(sampler.peak - baseline));

            calls = sim.listCalls();
            int idlePolls = 11;
            for (int i = 0; i < idlePolls; i++) {
                consumer.run();
            }
            System.out.printf("Idle poll: %.2f list calls per poll (%d polls)%n",
                    (sim.listCalls() - calls) / (double) idlePolls, idlePolls);
            calls = sim.listCalls();
            consumer.run();
            System.out.printf("Idle poll 12 (the periodic lookback-window check): %d list calls%n",
                    sim.listCalls() - calls);

            // sparse lists: the previous burst is outside the 5-minute lookback; dense lists: the new leads follow the
            // stored ones at the same spacing, so the lookback window below them stays full
            for (int k : new int[] { 1, 100, 250 }) {
                clock.advance(gap);
                long before = received.get();
                sim.insertLeads(k);
                calls = sim.listCalls();
                consumer.run();
                System.out.printf("k=%d new leads: %d emitted, %d list calls (ceil(k/100)+1 = %d)%n", k,
                        received.get() - before, sim.listCalls() - calls, (k + 99) / 100 + 1);
            }
            clock.advance(gap);
            sim.insertLeads(100);
            consumer.run();
            clock.advance(spacing.compareTo(Duration.ofMinutes(1)) < 0 ? spacing : Duration.ofMinutes(1));
            long before = received.get();
            sim.insertLeads(150);
            calls = sim.listCalls();
            consumer.run();
            System.out.printf("k=150 new leads with 100 more still inside the lookback window: %d emitted, %d list"
                              + " calls%n", received.get() - before, sim.listCalls() - calls);
            context.stop();
            long withoutCamel = usedAfterGc(memory);
            System.out.printf("Heap held by the Camel context and consumer after the backfill (used after GC at the end"
                              + " of the backfill minus after stopping the context): %s, of which the default"
                              + " in-memory idempotent repository with %,d ids accounts for %s%n",
                    mb(retained - withoutCamel), Math.min(leads, 100_000), mb(repositoryAlone));
        }

    }

    /** Heap retained by Camel's MemoryIdempotentRepository holding the consumer's default number of ids. */
    private static long defaultRepositoryHeap(MemoryMXBean memory, int leads) throws InterruptedException {
        long before = usedAfterGc(memory);
        IdempotentRepository repository = MemoryIdempotentRepository.memoryIdempotentRepository(100_000);
        repository.start();
        for (int i = 0; i < Math.min(leads, 100_000); i++) {
            repository.add(String.format("%08x%016x", 0x65a5_0000 + i, (long) i));
        }
        long held = usedAfterGc(memory) - before;
        repository.stop();
        return held;
    }

    /** Used heap after three collections: the live data (also TenantVisibilityCostBenchmark's). */
    static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }

    /** Samples used heap every 5 ms and keeps the highest value. */
    private static final class PeakSampler implements Runnable {
        private final MemoryMXBean memory;
        private volatile boolean running = true;
        private volatile long peak;
        private Thread thread;

        PeakSampler(MemoryMXBean memory) {
            this.memory = memory;
        }

        void start() {
            thread = new Thread(this, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        @Override
        public void run() {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
