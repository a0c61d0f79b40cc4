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
 * Pacing on virtual time: a long import is counted the way the server counts (fixed windows at random phases), and
 * must never exceed a window's limit while achieving at least 97% of the binding rate.
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
                assertThat(FixedWindowCounter.maxPerWindow(times, windowNanos, phase))
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
    void theMarginAbsorbsNetworkJitterThatWouldOtherwiseOverflowAWindow() throws Exception {
        long windowNanos = Duration.ofSeconds(1).toNanos();
        // jitter up to 18 ms: within what the default 2% margin on 10/s tolerates (1 s * 0.02 / 0.98 = 20.4 ms)
        long jitterNanos = Duration.ofMillis(18).toNanos();

        long withMargin = worstWindowWithJitter(RateLimits.DEFAULT_MARGIN, windowNanos, jitterNanos);
        long withoutMargin = worstWindowWithJitter(0.0, windowNanos, jitterNanos);

        assertThat(withMargin).isLessThanOrEqualTo(10);
        assertThat(withoutMargin).as("sending at exactly the limit meets a 429 once jitter bunches calls")
                .isGreaterThan(10);
    }

    private static long worstWindowWithJitter(double margin, long windowNanos, long jitterNanos) throws Exception {
        VirtualTime time = VirtualTime.autoAdvancing();
        CallRateLimiter limiter = CallRateLimiter.builder(SECRET,
                RateLimits.builder().maxRequestsPerSecond(10).margin(margin).build()).timeSource(time).build();
        Random jitter = new Random(7);
        List<Long> arrivals = new ArrayList<>();
        for (long t : admitTimes(limiter, time, 3_000)) {
            arrivals.add(t + (long) (jitter.nextDouble() * jitterNanos));
        }
        Random phases = new Random(11);
        long worst = 0;
        for (int i = 0; i < 200; i++) {
            worst = Math.max(worst,
                    FixedWindowCounter.maxPerWindow(arrivals, windowNanos, (long) (phases.nextDouble() * windowNanos)));
        }
        return worst;
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
