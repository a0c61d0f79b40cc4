package africa.cashfin.camel.leads.api.limit;

import static africa.cashfin.camel.leads.testing.LimiterProbe.callsNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/**
 * The daily budget follows the server's day, on virtual time (which starts at a UTC midnight): the headers are
 * authoritative (what is left goes up as well as down), their reset names the server's midnight, and a plan changed
 * on another node replaces the stored day (versioned), the calls spent staying spent.
 */
class ServerDayTest {

    private static final String SECRET = "cs_serverDaySecret42";
    /** 30 a day, default margin: 29 calls of our own. */
    private static final RateLimits THIRTY_A_DAY = RateLimits.builder().maxRequestsPerDay(30).build();

    private final VirtualTime time = VirtualTime.autoAdvancing();
    private final CallRateLimiterRegistry registry = new CallRateLimiterRegistry(time);

    @Test
    void aFreshLimiterAssumesAFullDayUntilTheServerSaysWhatIsLeftThenFollowsItUpAndDown() throws Exception {
        try (var lease = registry.lease(SECRET, THIRTY_A_DAY, null)) {
            CallRateLimiter limiter = lease.limiter();
            CallRateLimiter.Permit first = limiter.reserve(Duration.ZERO);
            first.send();
            // the server had counted 25 calls of another JVM (a restart mid-day): 4 left after this one
            limiter.observe(day(30, 4, "2026-01-02T00:00:00Z"), first);
            assertThat(callsNow(limiter)).as("4 left, minus the margin's 1").isEqualTo(3);

            CallRateLimiter.Permit last = limiter.reserve(Duration.ofDays(1));
            last.send();
            time.advance(Duration.ofSeconds(2)); // far from the day's end the headers adjust it once a second
            // the server gave calls back (a plan upgraded on its side): up as well as down
            limiter.observe(day(30, 20, "2026-01-02T00:00:00Z"), last);
            assertThat(callsNow(limiter)).isEqualTo(19);
        }
    }

    @Test
    void callsSentAfterTheAnsweredOneAreNotCountedTwice() throws Exception {
        try (var lease = registry.lease(SECRET, THIRTY_A_DAY, null)) {
            CallRateLimiter limiter = lease.limiter();
            CallRateLimiter.Permit answered = limiter.reserve(Duration.ZERO);
            answered.send();
            limiter.acquire(Duration.ZERO); // two more calls leave before the first one's answer arrives
            limiter.acquire(Duration.ZERO);
            limiter.observe(day(30, 10, "2026-01-02T00:00:00Z"), answered);
            assertThat(callsNow(limiter)).as("10 left when it arrived, minus the margin, minus the 2 sent since")
                    .isEqualTo(7);
        }
    }

    @Test
    void theDayRefillsAtTheServersMidnightLearnedFromTheReset() throws Exception {
        time.advance(Duration.ofHours(10)); // 10:00 UTC
        try (var lease = registry.lease(SECRET, THIRTY_A_DAY, null)) {
            CallRateLimiter limiter = lease.limiter();
            CallRateLimiter.Permit permit = limiter.reserve(Duration.ZERO);
            permit.send();
            // the server's day ends at 22:00 UTC (its midnight on UTC+2) and nothing is left of it
            limiter.observe(day(30, 0, "2026-01-01T22:00:00Z"), permit);
            assertThatThrownBy(() -> limiter.acquire(Duration.ofHours(11)))
                    .isInstanceOf(RateLimitWaitExceededException.class);

            limiter.acquire(Duration.ofHours(13));
            assertThat(time.now()).as("the next call waits for the server's midnight, not UTC's")
                    .isEqualTo(Instant.parse("2026-01-01T22:00:00Z"));
            assertThat(callsNow(limiter)).as("a whole new day, less the call just made").isEqualTo(28);
        }
    }

    @Test
    void headersOfTheSecondOrTheMinuteDoNotTouchTheDay() throws Exception {
        RateLimits free = RateLimits.of(RatePlan.FREE);
        try (var lease = registry.lease(SECRET, free, null)) {
            CallRateLimiter limiter = lease.limiter();
            CallRateLimiter.Permit permit = limiter.reserve(Duration.ZERO);
            permit.send();
            limiter.observe(day(5, 1, "2026-01-01T00:00:01Z"), permit);
            limiter.observe(day(60, 1, "2026-01-01T00:01:00Z"), permit);
            assertThat(dayCallsLeft(limiter, Duration.ofMinutes(30))).as("the day is untouched: 980 - 1")
                    .isEqualTo(979);
        }
    }

    @Test
    void aPlanUpgradedOrDowngradedOnAnotherNodeTakesEffectOnTheStoredDayKeepingTheCallsSpent() throws Exception {
        java.util.concurrent.ConcurrentMap<String, byte[]> store = SharedStoreProxyManager.newStore();
        RateLimits hundred = RateLimits.builder().maxRequestsPerDay(100).margin(0).build();
        RateLimits thousand = RateLimits.builder().maxRequestsPerDay(1000).margin(0).build();
        RateLimits fifty = RateLimits.builder().maxRequestsPerDay(50).margin(0).build();
        CallRateLimiter oldPlan = node(store, hundred);
        for (int i = 0; i < 40; i++) {
            oldPlan.acquire(Duration.ZERO);
        }
        time.advance(Duration.ofMillis(1)); // a node started later: its configuration is the newer one
        CallRateLimiter upgraded = node(store, thousand);
        assertThat(callsNow(upgraded)).as("1,000 - 40 spent").isEqualTo(960);
        time.advance(Duration.ofMillis(1));
        CallRateLimiter downgraded = node(store, fifty);
        assertThat(callsNow(downgraded)).as("1,000 spent today: nothing left of 50").isZero();
        assertThat(callsNow(oldPlan)).as("an older node follows the stored plan").isZero();

        time.advance(Duration.ofDays(1));
        assertThat(callsNow(oldPlan)).as("the next day holds the newest plan, whichever node asks").isEqualTo(50);
    }

    private CallRateLimiter node(java.util.concurrent.ConcurrentMap<String, byte[]> store, RateLimits limits) {
        return new CallRateLimiterRegistry(time).lease(SECRET, limits, new SharedStoreProxyManager(store,
                io.github.bucket4j.distributed.proxy.ClientSideConfig.getDefault()
                        .withClientClock(time.asTimeMeter()))).limiter();
    }

    /** @return the calls a paced limiter allows before its day is spent (each waiting at most {@code pace}) */
    private static int dayCallsLeft(CallRateLimiter limiter, Duration pace) throws InterruptedException {
        int calls = 0;
        while (true) {
            try {
                limiter.acquire(pace);
                calls++;
            } catch (RateLimitWaitExceededException e) {
                return calls;
            }
        }
    }

    private static RateLimitHeaders day(long limit, long remaining, String reset) {
        return new RateLimitHeaders(OptionalLong.of(limit), OptionalLong.of(remaining),
                Optional.of(Instant.parse(reset)));
    }
}
