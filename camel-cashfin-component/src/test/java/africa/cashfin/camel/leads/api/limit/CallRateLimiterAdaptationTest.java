package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.testing.SteppedClockTime;
import africa.cashfin.camel.simulator.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The limiter adapts to the server: holds callers on Remaining=0 until Reset, and pauses everyone after a 429. */
class CallRateLimiterAdaptationTest {

    private static final SecretFingerprint SECRET = SecretFingerprint.of("cs_adaptTest456");

    private final VirtualTime time = VirtualTime.autoAdvancing();
    private final CallRateLimiter limiter = CallRateLimiter.builder(SECRET, RateLimits.of(RatePlan.STARTER))
            .timeSource(time).build();

    private RateLimitHeaders headers(long remaining, Duration resetIn) {
        return new RateLimitHeaders(OptionalLong.of(300), OptionalLong.of(remaining),
                Optional.of(time.now().plus(resetIn)));
    }

    @Test
    void aRateLimitedAnswerPausesTheNextCallForRetryAfter() throws Exception {
        limiter.acquire();
        double start = time.seconds();

        limiter.onRateLimited(Duration.ofSeconds(30));
        assertThat(limiter.pausedUntil()).contains(time.now().plusSeconds(30));
        limiter.acquire();

        assertThat(time.seconds() - start).isGreaterThanOrEqualTo(30.0).isLessThan(31.0);
        assertThat(limiter.pausedUntil()).isEmpty();
    }

    @Test
    void aShorterRetryAfterNeverShortensALongerPause() throws Exception {
        limiter.onRateLimited(Duration.ofSeconds(30));
        limiter.onRateLimited(Duration.ofSeconds(5));

        limiter.acquire();

        assertThat(time.seconds()).isGreaterThanOrEqualTo(30.0);
    }

    @Test
    void noCallsRemainingHoldsCallersUntilTheReset() throws Exception {
        limiter.acquire();
        double start = time.seconds();

        limiter.observe(headers(0, Duration.ofSeconds(42)));
        limiter.acquire();

        assertThat(time.seconds() - start).isGreaterThanOrEqualTo(42.0).isLessThan(43.0);
    }

    @Test
    void callsRemainingAboveTheThresholdDoNotHold() throws Exception {
        limiter.acquire();
        double start = time.seconds();

        limiter.observe(headers(3, Duration.ofSeconds(42)));
        limiter.observe(RateLimitHeaders.NONE);
        limiter.observe(headers(0, Duration.ofSeconds(-5)));
        limiter.acquire();

        assertThat(time.seconds() - start).as("only the limiter's own pacing (206 ms on Starter)").isLessThan(1.0);
    }

    @Test
    void aHigherHoldThresholdSlowsDownBeforeTheWall() throws Exception {
        CallRateLimiter cautious = CallRateLimiter.builder(SECRET, RateLimits.of(RatePlan.STARTER)).timeSource(time)
                .holdWhenRemainingAtMost(5).build();

        cautious.observe(headers(4, Duration.ofSeconds(20)));
        cautious.acquire();

        assertThat(time.seconds()).isGreaterThanOrEqualTo(20.0);
    }

    @Test
    void aBoundedWaitFailsAtOnceWithWhenToRetryWhileThePauseIsLonger() {
        limiter.onRateLimited(Duration.ofSeconds(30));

        assertThatThrownBy(() -> limiter.acquire(Duration.ofSeconds(5)))
                .isInstanceOf(RateLimitWaitExceededException.class)
                .hasMessageContaining("server asked to pause")
                .hasMessageContaining("retry after " + time.now().plusSeconds(30))
                .satisfies(e -> assertThat(((RateLimitWaitExceededException) e).retryAfter())
                        .isEqualTo(Duration.ofSeconds(30)));
        assertThat(time.seconds()).as("failing fast costs no waiting").isZero();
    }

    @Test
    void aBoundedWaitLongEnoughForThePauseSucceeds() throws Exception {
        limiter.onRateLimited(Duration.ofSeconds(3));

        limiter.acquire(Duration.ofSeconds(5));

        assertThat(time.seconds()).isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void aPauseHoldsEveryConcurrentCallerOfTheSecretUntilItEnds() throws Exception {
        VirtualTime manual = VirtualTime.manual();
        CallRateLimiter shared = CallRateLimiter.builder(SECRET, RateLimits.builder().maxRequestsPerSecond(100)
                .build()).timeSource(manual).build();
        shared.onRateLimited(Duration.ofSeconds(30));
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                callers.submit(() -> {
                    shared.acquire();
                    admitted.incrementAndGet();
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> manual.sleepers() == 4);
            assertThat(admitted).hasValue(0);

            manual.advance(Duration.ofSeconds(29));
            await().atMost(Duration.ofSeconds(30)).until(() -> manual.sleepers() == 4);
            assertThat(admitted).as("one second of the pause is left").hasValue(0);

            manual.advance(Duration.ofSeconds(1));
            // after the pause the bucket paces them 10 ms apart on virtual time: advance until all are through
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                manual.advance(Duration.ofMillis(10));
                return admitted.get() == 4;
            });
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anInterruptedCallerStopsWaitingAndMayNotCall() throws Exception {
        VirtualTime manual = VirtualTime.manual();
        CallRateLimiter shared = CallRateLimiter.builder(SECRET, RateLimits.of(RatePlan.FREE)).timeSource(manual)
                .build();
        shared.onRateLimited(Duration.ofMinutes(5));
        AtomicInteger outcome = new AtomicInteger(); // 1 = admitted, 2 = interrupted
        Thread caller = new Thread(() -> {
            try {
                shared.acquire();
                outcome.set(1);
            } catch (InterruptedException e) {
                outcome.set(2);
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> manual.sleepers() == 1);

        caller.interrupt();

        await().atMost(Duration.ofSeconds(30)).untilAtomic(outcome, org.hamcrest.Matchers.equalTo(2));
    }
    @Test
    void a429LowersThePaceWhichRisesBackGraduallyAfterThePause() throws Exception {
        CallRateLimiter twenty = CallRateLimiter.builder(SECRET, RateLimits.builder().maxRequestsPerSecond(20)
                .build()).timeSource(time).build();
        twenty.acquire();
        assertThat(twenty.paceShare()).isEqualTo(1.0);

        twenty.onRateLimited(Duration.ofSeconds(1));
        twenty.onRateLimited(Duration.ofSeconds(1));
        assertThat(twenty.paceShare()).as("one cut per pause, however many callers saw the 429").isEqualTo(0.75);
        assertThat(twenty.jitterAllowance()).as("the 429 came despite the sliding log: twice the allowance")
                .isEqualTo(Duration.ofMillis(50));

        twenty.acquire();
        double afterPause = time.seconds();
        twenty.acquire();
        assertThat(time.seconds() - afterPause).as("spacing at 75 %% of 19.6/s: 68 ms instead of 51 ms")
                .isBetween(0.067, 0.070);

        time.sleepNanos(Duration.ofSeconds(2).toNanos());
        assertThat(twenty.paceShare()).as("+5 %% a second").isCloseTo(0.85, org.assertj.core.data.Offset.offset(0.01));
        time.sleepNanos(Duration.ofSeconds(3).toNanos());
        assertThat(twenty.paceShare()).isEqualTo(1.0);
        time.sleepNanos(Duration.ofSeconds(55).toNanos());
        assertThat(twenty.jitterAllowance()).as("the widening halves in a minute")
                .isBetween(Duration.ofMillis(37), Duration.ofMillis(38));

        twenty.onRateLimited(Duration.ofSeconds(1));
        twenty.acquire();
        twenty.onRateLimited(Duration.ofSeconds(1));
        assertThat(twenty.paceShare()).as("a 429 to a call sent after the pause is a new one: cut again")
                .isCloseTo(0.5625, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void noCallsRemainingThatTheLimitersOwnCallsExplainDoesNotHold() throws Exception {
        CallRateLimiter five = CallRateLimiter.builder(SECRET, RateLimits.builder().maxRequestsPerSecond(5).build())
                .timeSource(time).build();
        for (int i = 0; i < 5; i++) {
            five.acquire();
        }
        double start = time.seconds();

        // a sliding server reports the span full after our own 5th call: our pacing already keeps it
        five.observe(new RateLimitHeaders(OptionalLong.of(5), OptionalLong.of(0), Optional.of(time.now().plusSeconds(1))));
        five.acquire();

        assertThat(five.pausedUntil()).isEmpty();
        assertThat(time.seconds() - start).as("only the paced spacing and the sliding log").isLessThan(0.25);
    }

    @Test
    void callersHeldByAPauseComeBackOneSpacingApartNotInABurst() throws Exception {
        // the clock moves only while every caller not yet through sleeps: each caller's time is the time the limiter
        // let it through, however late a loaded machine runs its thread
        SteppedClockTime stepped = new SteppedClockTime(new ManualClock(VirtualTime.EPOCH));
        CallRateLimiter shared = CallRateLimiter.builder(SECRET, RateLimits.builder().maxRequestsPerSecond(20)
                .build()).timeSource(stepped).build();
        long start = stepped.nanoTime();
        java.util.List<Long> admitted = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            shared.onRateLimited(Duration.ofSeconds(1));
            for (int i = 0; i < 8; i++) {
                callers.submit(() -> {
                    shared.acquire();
                    admitted.add(stepped.nanoTime() - start);
                    return null;
                });
            }
            stepped.advanceUntil(() -> admitted.size() == 8, () -> 8 - admitted.size(), Duration.ofSeconds(60));
        } finally {
            callers.shutdownNow();
            assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        java.util.List<Long> sorted = admitted.stream().sorted().toList();
        assertThat(sorted.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).as("gap before caller %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(60).toNanos()); // 75 % of 19.6/s: 68 ms
        }
    }
}
