package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cluster path: two "JVMs" (two registries, two Bucket4j proxy managers over one shared store) using one secret
 * share one budget. The store is in memory here; docs/rate-limiting.md gives the PostgreSQL recipe.
 */
class DistributedCallRateLimiterTest {

    private static final String SECRET = "cs_clusterSecret42";
    private final VirtualTime time = VirtualTime.autoAdvancing();
    private final ConcurrentMap<String, byte[]> database = SharedStoreProxyManager.newStore();

    private SharedStoreProxyManager jvmProxyManager() {
        return new SharedStoreProxyManager(database, ClientSideConfig.getDefault().withClientClock(time.asTimeMeter()));
    }

    @Test
    void twoJvmsSharingOneSecretShareOneBudget() throws Exception {
        RateLimits limits = RateLimits.of(RatePlan.FREE);
        CallRateLimiter jvmA = new CallRateLimiterRegistry(time).lease(SECRET, limits, jvmProxyManager()).limiter();
        CallRateLimiter jvmB = new CallRateLimiterRegistry(time).lease(SECRET, limits, jvmProxyManager()).limiter();
        assertThat(jvmA).isNotSameAs(jvmB);
        assertThat(jvmA.isDistributed()).isTrue();
        assertThat(jvmA.toString()).contains("distributed").doesNotContain(SECRET);

        List<Long> calls = new ArrayList<>();
        Random which = new Random(5);
        for (int i = 0; i < 300; i++) {
            (which.nextBoolean() ? jvmA : jvmB).acquire();
            calls.add(time.nanoTime());
        }

        long minute = Duration.ofMinutes(1).toNanos();
        Random phases = new Random(9);
        for (int i = 0; i < 25; i++) {
            long phase = i == 0 ? 0 : (long) (phases.nextDouble() * minute);
            assertThat(ServerWindow.fixed(minute, phase).max(calls)).isLessThanOrEqualTo(60);
        }
        assertThat(time.seconds()).as("300 calls at the shared 58.8/min take about 5.1 minutes, not half of that")
                .isGreaterThan(5 * 60.0);
        assertThat(database.keySet()).as("one pace and one day per secret, keyed by its fingerprint")
                .containsExactlyInAnyOrder(SecretFingerprint.of(SECRET).bucketKey(),
                        SecretFingerprint.of(SECRET).bucketKey() + ":day");
    }

    @Test
    void aSlowStoreDoesNotMakeTheSharedPaceDueEarly() throws Exception {
        // each read of the store takes 40 ms (a round trip on a new connection); the day's bucket is asked first
        RateLimits limits = RateLimits.builder().maxRequestsPerSecond(10).maxRequestsPerDay(100_000).margin(0).build();
        Runnable roundTrip = () -> time.advance(Duration.ofMillis(40));
        CallRateLimiter jvmA = new CallRateLimiterRegistry(time).lease(SECRET, limits, new SharedStoreProxyManager(
                database, ClientSideConfig.getDefault().withClientClock(time.asTimeMeter()), roundTrip)).limiter();
        CallRateLimiter jvmB = new CallRateLimiterRegistry(time).lease(SECRET, limits, new SharedStoreProxyManager(
                database, ClientSideConfig.getDefault().withClientClock(time.asTimeMeter()), roundTrip)).limiter();

        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            (i % 2 == 0 ? jvmA : jvmB).acquire();
            sent.add(time.nanoTime());
        }

        // the bucket's token is due a spacing after the last one by the store's clock, not by the time the caller
        // asked (before the day's round trip and its own): the two JVMs' calls stay a full 100 ms apart
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i) - sent.get(i - 1)).as("spacing before call %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        }
    }

    @Test
    void theSharedDailyBudgetIsSpentOnceAcrossJvms() throws Exception {
        RateLimits limits = RateLimits.builder().maxRequestsPerDay(10).margin(0).build();
        CallRateLimiter jvmA = new CallRateLimiterRegistry(time).lease(SECRET, limits, jvmProxyManager()).limiter();
        CallRateLimiter jvmB = new CallRateLimiterRegistry(time).lease(SECRET, limits, jvmProxyManager()).limiter();
        for (int i = 0; i < 5; i++) {
            jvmA.acquire(Duration.ZERO);
            jvmB.acquire(Duration.ZERO);
        }

        assertThatThrownBy(() -> jvmB.acquire(Duration.ofMinutes(1)))
                .isInstanceOf(RateLimitWaitExceededException.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> jvmA.acquire(Duration.ofMinutes(1)))
                .isInstanceOf(RateLimitWaitExceededException.class);
    }
}
