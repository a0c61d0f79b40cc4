package africa.cashfin.camel.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The driver loop of the throughput benchmarks: {@code threads} threads call one {@link Attempt} each (made on that
 * thread, so it may hold a client of its own) again and again for {@code seconds}, counting successes and errors,
 * and the process CPU time spent meanwhile.
 */
final class LoadLoop {

    /** One unit of work; {@code true} on success, {@code false} or an exception on an error. */
    interface Attempt {
        boolean attempt() throws Exception;
    }

    /**
     * @param ok         successful attempts
     * @param errors     failed attempts
     * @param seconds    wall-clock time of the run
     * @param cpuNanos   CPU time of the whole process (clients and simulator) during the run
     * @param firstError the first exception an attempt threw, or null
     */
    record Result(long ok, long errors, double seconds, long cpuNanos, Exception firstError) {

        /** @return successful attempts per second */
        double rate() {
            return ok / seconds;
        }

        /** @return process CPU time per successful attempt, in microseconds */
        double cpuMicros() {
            return cpuNanos / 1e3 / Math.max(1, ok);
        }
    }

    private LoadLoop() {
    }

    /**
     * @param threads  how many threads
     * @param seconds  how long
     * @param attempts makes each thread's attempt, on that thread
     * @return the counts
     * @throws Exception when a thread fails outside its attempts
     */
    static Result run(int threads, int seconds, Supplier<Attempt> attempts) throws Exception {
        LongAdder ok = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    Attempt attempt = attempts.get();
                    while (System.nanoTime() < end) {
                        try {
                            if (attempt.attempt()) {
                                ok.increment();
                            } else {
                                errors.increment();
                            }
                        } catch (Exception e) {
                            firstError.compareAndSet(null, e);
                            errors.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(ok.sum(), errors.sum(), elapsed, processCpuNanos() - cpuStart, firstError.get());
    }

    /** @return the CPU time of this whole process so far */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
