package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pacing on virtual time: a long import is counted the way the server counts (fixed windows at random phases, or
 * every span at arrival for the strictest server), and must never exceed a window's limit while achieving at least
 * 97% of the binding rate.
 */
class CallRateLimiterPacingTest {

    private static final SecretFingerprint SECRET = SecretFingerprint.of("cs_pacingTest123");
    private static final int PHASES = 25;

    private static List<Long> admitTimes(CallRateLimiter limiter, VirtualTime time, int calls) throws Exception {
        List<Long> times = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            limiter.acquire();
            times.add(time.nanoTime());
        }
        return times;
    }

    @ParameterizedTest
    @EnumSource(RatePlan.class)
    void aWholeDaysBudgetNeverExceedsAnyFixedWindowOfThePlan(RatePlan plan) throws Exception {
        VirtualTime time = VirtualTime.autoAdvancing();
        RateLimits limits = RateLimits.of(plan);
        CallRateLimiter limiter = CallRateLimiter.builder(SECRET, limits).timeSource(time).build();
        int dayBudget = (int) Math.floor(limits.budget(RateWindow.DAY).getAsDouble() + 1e-9);
        int calls = Math.min(dayBudget, 20_000);

        List<Long> times = admitTimes(limiter, time, calls);

        Random phases = new Random(42);
        for (RateWindow window : new RateWindow[] { RateWindow.SECOND, RateWindow.MINUTE }) {
            long windowNanos = window.length().toNanos();
            for (int i = 0; i < PHASES; i++) {
                // phase 0 = the import starts just as a server window opens (the worst case for a burst)
                long phase = i == 0 ? 0 : (long) (phases.nextDouble() * windowNanos);
                assertThat(ServerWindow.fixed(windowNanos, phase).max(times))
                        .as("%s calls in one %s window at phase %d ns", plan, window, phase)
                        .isLessThanOrEqualTo(plan.limit(window));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RatePlan.class)
    void aLongImportAchievesAtLeast97PercentOfTheBindingPerMinuteLimit(RatePlan plan) throws Exception {
        VirtualTime time = VirtualTime.autoAdvancing();
        CallRateLimiter limiter = CallRateLimiter.builder(SECRET, RateLimits.of(plan)).timeSource(time).build();
        // every published plan is bound by its per-minute limit (60/min < 5/s, 300/min < 10/s, 1000/min < 25/s)
        int minutes = plan == RatePlan.FREE ? 15 : 30;
        long perMinute = plan.limit(RateWindow.MINUTE);
        long horizon = Duration.ofMinutes(minutes).toNanos();

        long admittedInHorizon = 0;
        while (true) {
            limiter.acquire();
            if (time.nanoTime() >= horizon) {
                break;
            }
            admittedInHorizon++;
        }

        assertThat((double) admittedInHorizon / (perMinute * minutes))
                .as("share of the %s per-minute limit achieved over %d minutes", plan, minutes)
                .isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void perSecondLimitIsPacedEvenlyAndKeepsEveryFixedWindowUnderTheLimit() throws Exception {
        VirtualTime time = VirtualTime.autoAdvancing();
        CallRateLimiter limiter = CallRateLimiter.builder(SECRET,
                RateLimits.builder().maxRequestsPerSecond(10).build()).timeSource(time).build();

        List<Long> times = admitTimes(limiter, time, 5_000);

        long seconds = times.get(times.size() - 1) / 1_000_000_000L;
        assertThat((double) times.stream().filter(t -> t < seconds * 1_000_000_000L).count() / (10.0 * seconds))
                .isGreaterThanOrEqualTo(0.97);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("gap before call %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(102).toNanos());
        }
    }

    @Test
    void theJitterAllowanceKeepsEverySlidingSpanUnderTheLimitWhenArrivalsAreJittered() throws Exception {
        long second = Duration.ofSeconds(1).toNanos();
        // each call reaches the server 0-24 ms after it left: within the default 25 ms allowance
        long jitterNanos = Duration.ofMillis(24).toNanos();

        RateLimits defaults = RateLimits.builder().maxRequestsPerSecond(20).build();
        RateLimits noSafety = RateLimits.builder().maxRequestsPerSecond(20).margin(0).jitter(Duration.ZERO).build();

        assertThat(ServerWindow.everySpan(second).max(jitteredArrivals(defaults, jitterNanos, 4_000)))
                .as("calls in any one-second span at arrival").isLessThanOrEqualTo(20);
        assertThat(ServerWindow.everySpan(second).max(jitteredArrivals(noSafety, jitterNanos, 4_000)))
                .as("sending at exactly the limit meets a 429 once jitter bunches calls").isGreaterThan(20);
    }

    @Test
    void theDefaultsStillReachAtLeast97PercentOfThePerSecondLimit() throws Exception {
        VirtualTime time = VirtualTime.autoAdvancing();
        CallRateLimiter limiter = CallRateLimiter.builder(SECRET, RateLimits.builder().maxRequestsPerSecond(20)
                .build()).timeSource(time).build();

        List<Long> times = admitTimes(limiter, time, 2_000);

        double seconds = (times.get(times.size() - 1) - times.get(0)) / 1e9;
        assertThat((times.size() - 1) / seconds / 20).as("share of 20/s, at min(1 - 2 %%, 1 / 1.025 s)")
                .isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void callersThatWakeUpLateDoNotBunchCalls() throws Exception {
        // every sleep overruns by 0-60 ms, as on a loaded machine: a caller may go late, the next one on time
        VirtualTime time = VirtualTime.autoAdvancing();
        Random overrun = new Random(13);
        TimeSource late = new TimeSource() {
            @Override
            public long nanoTime() {
                return time.nanoTime();
            }

            @Override
            public java.time.Instant now() {
                return time.now();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                time.sleepNanos(nanos + (long) (overrun.nextDouble() * Duration.ofMillis(60).toNanos()));
            }
        };
        CallRateLimiter limiter = CallRateLimiter.builder(SECRET, RateLimits.builder().maxRequestsPerSecond(20)
                .build()).timeSource(late).build();

        List<Long> sent = admitTimes(limiter, time, 3_000);

        assertThat(ServerWindow.everySpan(Duration.ofMillis(1_025).toNanos()).max(sent))
                .as("calls sent in any span of 1 s + the jitter allowance").isLessThanOrEqualTo(20);
    }

    private static List<Long> jitteredArrivals(RateLimits limits, long jitterNanos, int calls) throws Exception {
        VirtualTime time = VirtualTime.autoAdvancing();
        CallRateLimiter limiter = CallRateLimiter.builder(SECRET, limits).timeSource(time).build();
        Random jitter = new Random(7);
        List<Long> arrivals = new ArrayList<>();
        for (long t : admitTimes(limiter, time, calls)) {
            arrivals.add(t + (long) (jitter.nextDouble() * jitterNanos));
        }
        return arrivals;
    }

    @Test
    void theDailyBudgetIsSpentAtThePacedRateThenWaitsForTheNextDay() throws Exception {
        VirtualTime time = VirtualTime.autoAdvancing();
        CallRateLimiter limiter = CallRateLimiter.builder(SECRET, RateLimits.of(RatePlan.FREE)).timeSource(time)
                .build();

        admitTimes(limiter, time, 980);
        assertThat(time.seconds()).as("980 calls at 58.8 a minute take about 16.7 minutes, not a day")
                .isBetween(16.0 * 60, 17.0 * 60);

        assertThatThrownBy(() -> limiter.acquire(Duration.ofHours(1)))
                .isInstanceOf(RateLimitWaitExceededException.class)
                .satisfies(e -> assertThat(((RateLimitWaitExceededException) e).retryAfter())
                        .isGreaterThan(Duration.ofHours(23)))
                .hasMessageContaining("no request was sent").hasMessageContaining("retry after");

        limiter.acquire();
        assertThat(time.seconds()).as("call 981 waits for the daily refill").isGreaterThanOrEqualTo(24 * 3600.0);
    }
}
