package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

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
}
