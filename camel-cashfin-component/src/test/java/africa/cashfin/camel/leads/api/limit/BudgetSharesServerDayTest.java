package africa.cashfin.camel.leads.api.limit;

import static africa.cashfin.camel.leads.testing.LimiterProbe.takeNow;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import org.junit.jupiter.api.Test;

/**
 * The budget shares' days are the server's (issue 18, item 1), on virtual time starting at a UTC midnight: a server
 * whose day starts at 22:00 UTC (its midnight on UTC+2). The reserves and the pool refill when the server's day starts,
 * learned from its headers by the secret's {@link ServerDay}, not at UTC midnight; a node that learns it mid-day keeps
 * what was spent; a node that learns it at the server's reset starts the new day full; and a node started later with
 * the same store keeps the start another node learned.
 */
class BudgetSharesServerDayTest {

    private static final String SECRET = "cs_sharesServerDay42";
    /** 30 a day, no margin: the reserve and the pool 15 each. */
    private static final RateLimits THIRTY_A_DAY = RateLimits.builder().maxRequestsPerDay(30).margin(0).build();
    private static final Instant SERVER_MIDNIGHT = Instant.parse("2026-01-01T22:00:00Z");

    private final VirtualTime time = VirtualTime.autoAdvancing();

    @Test
    void theSharesDayEndsAtTheServersMidnightNotAtUtcMidnight() throws Exception {
        time.advance(Duration.ofHours(10)); // 10:00 UTC
        CallRateLimiter limiter = new CallRateLimiterRegistry(time).lease(SECRET, THIRTY_A_DAY, null).limiter();
        BudgetShareRegistry shares = new BudgetShareRegistry(time);
        BudgetShare consumer = shares.join(SECRET, THIRTY_A_DAY, null, "consumer", 0.5, limiter);
        BudgetShare creates = shares.join(SECRET, THIRTY_A_DAY, null, null, 0, limiter);
        assertThat(takeAll(creates)).isEqualTo(15);

        // the answer to a call: the server's day ends at 22:00 UTC, 14 left of it
        limiter.observe(day(14, SERVER_MIDNIGHT));

        assertThat(takeNow(creates)).as("the same day seen from another start: the pool's 15 stay spent").isFalse();
        creates.take(Duration.ofHours(13));
        assertThat(time.now()).as("the pool's next call is the server's new day's, not UTC midnight's")
                .isEqualTo(SERVER_MIDNIGHT);
        assertThat(1 + takeAll(creates)).as("a whole new day of the pool").isEqualTo(15);
        assertThat(takeAll(consumer)).as("and of the reserve").isEqualTo(15);
        assertThat(shares.join(SECRET, THIRTY_A_DAY, null, "web-form", 0.2, limiter).waitForNextCall())
                .as("a share joined later follows the same day").isZero();
    }

    @Test
    void aNodeThatLearnsTheServersMidnightAtItsResetStartsTheNewDayFull() throws Exception {
        time.advance(Duration.ofHours(20)); // 20:00 UTC: the node believes the day started at UTC midnight
        CallRateLimiter limiter = new CallRateLimiterRegistry(time).lease(SECRET, THIRTY_A_DAY, null).limiter();
        BudgetShareRegistry shares = new BudgetShareRegistry(time);
        BudgetShare consumer = shares.join(SECRET, THIRTY_A_DAY, null, "consumer", 0.5, limiter);
        BudgetShare creates = shares.join(SECRET, THIRTY_A_DAY, null, null, 0, limiter);
        assertThat(takeAll(creates) + takeAll(consumer)).isEqualTo(30);

        time.advance(Duration.ofHours(2).plusSeconds(5)); // 22:00:05: the server has reset, its answers say so
        limiter.observe(day(29, SERVER_MIDNIGHT.plus(Duration.ofDays(1))));

        assertThat(takeAll(creates)).as("the pool's new day").isEqualTo(15);
        assertThat(takeAll(consumer)).as("the reserve's new day").isEqualTo(15);
    }

    @Test
    void aNodeStartedLaterWithTheSameStoreKeepsTheServersMidnightAndWhatWasSpent() throws Exception {
        ConcurrentMap<String, byte[]> database = SharedStoreProxyManager.newStore();
        time.advance(Duration.ofHours(10));
        CallRateLimiter first = new CallRateLimiterRegistry(time).lease(SECRET, THIRTY_A_DAY, store(database))
                .limiter();
        BudgetShareRegistry firstShares = new BudgetShareRegistry(time);
        firstShares.join(SECRET, THIRTY_A_DAY, store(database), "consumer", 0.5, first);
        BudgetShare firstCreates = firstShares.join(SECRET, THIRTY_A_DAY, store(database), null, 0, first);
        assertThat(takeAll(firstCreates)).isEqualTo(15);
        first.observe(day(14, SERVER_MIDNIGHT));
        awaitMoved(first);

        time.advance(Duration.ofMinutes(1)); // another node starts: its configurations are the newer ones
        CallRateLimiter second = new CallRateLimiterRegistry(time).lease(SECRET, THIRTY_A_DAY, store(database))
                .limiter();
        BudgetShare secondCreates = new BudgetShareRegistry(time).join(SECRET, THIRTY_A_DAY, store(database), null,
                0, second);

        assertThat(second.dayEnds()).as("the start the first node learned, read from the store")
                .contains(SERVER_MIDNIGHT);
        assertThat(takeNow(secondCreates)).as("the pool's day stays spent: no new day for a new node").isFalse();
        secondCreates.take(Duration.ofHours(13));
        assertThat(time.now()).isEqualTo(SERVER_MIDNIGHT);
    }

    /** Waits (virtual time) until the limiter's day has moved to the server's midnight (a store moves it later). */
    private void awaitMoved(CallRateLimiter limiter) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> limiter.dayEnds().equals(Optional.of(SERVER_MIDNIGHT)));
    }

    private SharedStoreProxyManager store(ConcurrentMap<String, byte[]> database) {
        return new SharedStoreProxyManager(database, ClientSideConfig.getDefault().withClientClock(time.asTimeMeter()));
    }

    /** @return the calls the share allows now, taking them */
    private static int takeAll(BudgetShare share) throws InterruptedException {
        int taken = 0;
        while (taken < 1000 && takeNow(share)) {
            taken++;
        }
        return taken;
    }

    private static RateLimitHeaders day(long remaining, Instant reset) {
        return new RateLimitHeaders(OptionalLong.of(30), OptionalLong.of(remaining), Optional.of(reset));
    }
}
