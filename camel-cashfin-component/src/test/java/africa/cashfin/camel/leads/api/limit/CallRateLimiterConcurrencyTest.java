package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sixteen callers on the real clock share one secret's limiter: the calls they are admitted to make, counted in the
 * server's fixed windows, never exceed the limit, and every caller gets its turn.
 */
class CallRateLimiterConcurrencyTest {

    private static final int CALLERS = 16;
    private static final long LIMIT_PER_SECOND = 10;

    @Test
    void sixteenConcurrentCallersStayUnderThePerSecondLimitInEveryFixedWindow() throws Exception {
        CallRateLimiterRegistry registry = new CallRateLimiterRegistry(TimeSource.system());
        // a generous margin (30%) absorbs the scheduling delay of a loaded 2-core CI machine between the limiter
        // admitting a call and the test recording it: up to 1 s * 0.3 / 0.7 = 428 ms
        RateLimits limits = RateLimits.builder().maxRequestsPerSecond(LIMIT_PER_SECOND).margin(0.3).build();
        ConcurrentLinkedQueue<Long> admitted = new ConcurrentLinkedQueue<>();
        AtomicIntegerArray callsPerCaller = new AtomicIntegerArray(CALLERS);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        List<CallRateLimiterRegistry.Lease> leases = new ArrayList<>();
        try {
            for (int i = 0; i < CALLERS; i++) {
                // each caller leases the limiter like an endpoint would: all get the same shared instance
                CallRateLimiterRegistry.Lease lease = registry.lease("cs_concurrency789", limits, null);
                leases.add(lease);
                int caller = i;
                callers.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        lease.limiter().acquire();
                        admitted.add(System.nanoTime());
                        callsPerCaller.incrementAndGet(caller);
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> everyCallerCalled(callsPerCaller)
                    && admitted.size() >= 2 * CALLERS);
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).as("interrupted callers stop waiting").isTrue();
            leases.forEach(CallRateLimiterRegistry.Lease::close);
        }

        assertThat(registry.size()).as("closing the last lease forgets the limiter").isZero();
        List<Long> times = new ArrayList<>(admitted);
        Random phases = new Random(3);
        long second = Duration.ofSeconds(1).toNanos();
        for (int i = 0; i < 200; i++) {
            long phase = (long) (phases.nextDouble() * second);
            assertThat(ServerWindow.fixed(second, phase).max(times)).as("calls in one second, phase %d", phase)
                    .isLessThanOrEqualTo(LIMIT_PER_SECOND);
        }
    }

    private static boolean everyCallerCalled(AtomicIntegerArray callsPerCaller) {
        for (int i = 0; i < callsPerCaller.length(); i++) {
            if (callsPerCaller.get(i) == 0) {
                return false;
            }
        }
        return true;
    }
}
