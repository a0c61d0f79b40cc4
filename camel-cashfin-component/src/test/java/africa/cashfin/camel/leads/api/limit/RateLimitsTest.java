package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Plans, overrides, margin and the budget arithmetic quoted in docs/rate-limiting.md. */
class RateLimitsTest {

    @Test
    void plansCarryTheDocumentedLimits() {
        assertThat(limits(RatePlan.FREE)).containsExactly(5L, 60L, 1_000L);
        assertThat(limits(RatePlan.STARTER)).containsExactly(10L, 300L, 10_000L);
        assertThat(limits(RatePlan.PROFESSIONAL)).containsExactly(25L, 1_000L, 100_000L);
    }

    private static Long[] limits(RatePlan plan) {
        RateLimits limits = RateLimits.of(plan);
        return new Long[] { limits.limit(RateWindow.SECOND).getAsLong(), limits.limit(RateWindow.MINUTE).getAsLong(),
                limits.limit(RateWindow.DAY).getAsLong() };
    }

    @Test
    void planNamesParseIgnoringCaseAndUnknownOnesSayWhatIsAccepted() {
        assertThat(RatePlan.parse(" Starter ")).isEqualTo(RatePlan.STARTER);
        assertThatThrownBy(() -> RatePlan.parse("enterprise")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("free, starter, professional").hasMessageContaining("maxRequestsPerSecond");
    }

    @Test
    void explicitLimitsOverrideThePlanWindowByWindow() {
        RateLimits limits = RateLimits.builder().plan(RatePlan.STARTER).maxRequestsPerMinute(120).build();

        assertThat(limits.limit(RateWindow.SECOND)).hasValue(10);
        assertThat(limits.limit(RateWindow.MINUTE)).hasValue(120);
        assertThat(limits.limit(RateWindow.DAY)).hasValue(10_000);
    }

    @Test
    void withoutPlanOnlyTheExplicitWindowsAreLimited() {
        RateLimits custom = RateLimits.builder().maxRequestsPerSecond(50).build();

        assertThat(custom.limit(RateWindow.MINUTE)).isEmpty();
        assertThat(custom.limit(RateWindow.DAY)).isEmpty();
        assertThat(RateLimits.unlimited().isUnlimited()).isTrue();
        assertThat(custom.toString()).contains("perSecond=50", "perMinute=unlimited");
    }

    @Test
    void badValuesAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> RateLimits.builder().maxRequestsPerSecond(0))
                .hasMessageContaining("maxRequestsPerSecond must be a whole number of calls of at least 1");
        assertThatThrownBy(() -> RateLimits.builder().maxRequestsPerDay(2.5)).hasMessageContaining("maxRequestsPerDay");
        assertThatThrownBy(() -> RateLimits.builder().margin(0.6)).hasMessageContaining("rateLimitMargin")
                .hasMessageContaining("between 0 and 0.5");
        assertThatThrownBy(() -> RateLimits.builder().margin(-0.01)).hasMessageContaining("rateLimitMargin");
        assertThatThrownBy(() -> RateLimits.builder().jitter(java.time.Duration.ofMillis(1_001)))
                .hasMessageContaining("rateLimitJitter must be a duration from 0 to 1 s");
        assertThatThrownBy(() -> RateLimits.builder().jitter(java.time.Duration.ofMillis(-1)))
                .hasMessageContaining("rateLimitJitter");
    }

    @Test
    void theJitterAllowanceDefaultsTo25MillisecondsAndTellsLimitsApart() {
        assertThat(RateLimits.of(RatePlan.FREE).jitter()).isEqualTo(java.time.Duration.ofMillis(25));
        RateLimits wider = RateLimits.builder().plan(RatePlan.FREE).jitter(java.time.Duration.ofMillis(60)).build();
        assertThat(wider).isNotEqualTo(RateLimits.of(RatePlan.FREE));
        assertThat(wider.toString()).contains("jitter=60ms");
    }

    @Test
    void theMarginReducesEveryBudgetAndDefaultsToTwoPercent() {
        RateLimits free = RateLimits.of(RatePlan.FREE);

        assertThat(free.margin()).isEqualTo(0.02);
        assertThat(free.budget(RateWindow.SECOND).getAsDouble()).isCloseTo(4.9, within(1e-9));
        assertThat(free.budget(RateWindow.MINUTE).getAsDouble()).isCloseTo(58.8, within(1e-9));
        assertThat(free.budget(RateWindow.DAY).getAsDouble()).isCloseTo(980, within(1e-9));
    }

    @Test
    void everyPlanIsBoundByItsPerMinuteLimitWhileTheDayLasts() {
        assertThat(RateLimits.of(RatePlan.FREE).sustainedCallsPerSecond().getAsDouble())
                .isCloseTo(58.8 / 60, within(1e-9));
        assertThat(RateLimits.of(RatePlan.STARTER).sustainedCallsPerSecond().getAsDouble())
                .isCloseTo(294.0 / 60, within(1e-9));
        assertThat(RateLimits.of(RatePlan.PROFESSIONAL).sustainedCallsPerSecond().getAsDouble())
                .isCloseTo(980.0 / 60, within(1e-9));
    }

    @Test
    void aTenThousandLeadImportOnStarterCannotBeFasterThanThirtyThreeMinutes() {
        RateLimits starter = RateLimits.of(RatePlan.STARTER);
        double dayBudget = starter.budget(RateWindow.DAY).getAsDouble();

        // without any margin: 10,000 / 300 per minute
        assertThat(Duration.ofSeconds(10_000 * 60 / 300)).isEqualTo(Duration.ofMinutes(33).plusSeconds(20));
        // with the default margin the first 9,800 calls (the day's budget) take 9,800 / 294 per minute = 33.3 min,
        // and the last 200 wait for the next day's budget
        assertThat(dayBudget).isCloseTo(9_800, within(1e-9));
        assertThat(dayBudget / starter.sustainedCallsPerSecond().getAsDouble() / 60).isCloseTo(33.33, within(0.01));
    }

    @Test
    void bucketConfigurationHasOneBandPerPacedWindowAndTheDayABucketOfItsOwn() {
        assertThat(CallRateLimiter.bucketConfiguration(RateLimits.of(RatePlan.FREE)).getBandwidths()).hasSize(2);
        assertThat(CallRateLimiter.dayConfiguration(RateLimits.of(RatePlan.FREE)).getBandwidths())
                .singleElement().satisfies(day -> assertThat(day.getCapacity()).isEqualTo(980));
        assertThatThrownBy(() -> CallRateLimiter.bucketConfiguration(RateLimits.builder().maxRequestsPerDay(5).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallRateLimiter.bucketConfiguration(RateLimits.unlimited()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unlimitedLimitsNeverHoldACallButStillHonourAPause() throws Exception {
        VirtualTime time = VirtualTime.autoAdvancing();
        CallRateLimiter limiter = CallRateLimiter.builder(SecretFingerprint.of("cs_unlimited1"),
                RateLimits.unlimited()).timeSource(time).build();
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire(Duration.ZERO);
        }
        assertThat(time.seconds()).isZero();

        limiter.onRateLimited(Duration.ofSeconds(7));
        limiter.acquire();
        assertThat(time.seconds()).isEqualTo(7.0);
    }

    @Test
    void aZeroMaxWaitTakesOnlyACallThatIsAvailableNow() throws Exception {
        VirtualTime time = VirtualTime.autoAdvancing();
        CallRateLimiter limiter = CallRateLimiter.builder(SecretFingerprint.of("cs_zeroWait1"),
                RateLimits.of(RatePlan.FREE)).timeSource(time).build();

        limiter.acquire(Duration.ZERO);

        assertThatThrownBy(() -> limiter.acquire(Duration.ZERO)).isInstanceOf(RateLimitWaitExceededException.class)
                .satisfies(e -> assertThat(((RateLimitWaitExceededException) e).retryAfter())
                        .isBetween(Duration.ofMillis(1_000), Duration.ofMillis(1_040)));
    }
}
