package africa.cashfin.camel.leads.api.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static africa.cashfin.camel.leads.api.limit.ApiOperation.CREATE;
import static africa.cashfin.camel.leads.api.limit.ApiOperation.LIST;
import static africa.cashfin.camel.leads.api.limit.RetryDecision.Action.GIVE_UP;
import static africa.cashfin.camel.leads.api.limit.RetryDecision.Action.RETRY;
import static africa.cashfin.camel.leads.api.limit.RetryDecision.Action.RETRY_AFTER_LOOKUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The retry rules, case by case: a retry never risks creating a lead twice. */
class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Jitter that always picks the top of the range, so backoff ceilings can be asserted exactly. */
    private static final class TopOfRange extends Random {
        @Override
        public double nextDouble() {
            return 1.0;
        }
    }

    private final RetryPolicy policy = RetryPolicy.builder().clock(CLOCK).random(new TopOfRange()).build();

    static Stream<Arguments> firstFailureTable() {
        Duration thirty = Duration.ofSeconds(30);
        Duration backoff1 = Duration.ofMillis(500);
        return Stream.of(
                // operation, failure, expected action, expected delay (null = none)
                arguments(LIST, CallFailure.httpStatus(429, thirty, null), RETRY, thirty),
                arguments(CREATE, CallFailure.httpStatus(429, thirty, null), RETRY, thirty),
                arguments(CREATE, CallFailure.httpStatus(429, null, NOW.plusSeconds(12)), RETRY, Duration.ofSeconds(12)),
                arguments(LIST, CallFailure.httpStatus(429, Duration.ofSeconds(3), NOW.plusSeconds(40)), RETRY,
                        Duration.ofSeconds(3)),
                arguments(CREATE, CallFailure.httpStatus(429, null, NOW.minusSeconds(5)), RETRY, Duration.ZERO),
                arguments(CREATE, CallFailure.httpStatus(429), RETRY, Duration.ofSeconds(1)),
                arguments(LIST, CallFailure.httpStatus(503, thirty, null), RETRY, thirty),
                arguments(CREATE, CallFailure.httpStatus(503, thirty, null), RETRY, thirty),
                arguments(LIST, CallFailure.httpStatus(503), RETRY, backoff1),
                arguments(CREATE, CallFailure.httpStatus(503), RETRY_AFTER_LOOKUP, backoff1),
                arguments(CREATE, CallFailure.httpStatus(503, null, NOW.plusSeconds(9)), RETRY_AFTER_LOOKUP, backoff1),
                arguments(LIST, CallFailure.httpStatus(500), RETRY, backoff1),
                arguments(CREATE, CallFailure.httpStatus(500), RETRY_AFTER_LOOKUP, backoff1),
                arguments(CREATE, CallFailure.httpStatus(500, thirty, null), RETRY_AFTER_LOOKUP, backoff1),
                arguments(LIST, CallFailure.httpStatus(502), RETRY, backoff1),
                arguments(CREATE, CallFailure.httpStatus(502), RETRY_AFTER_LOOKUP, backoff1),
                arguments(LIST, CallFailure.httpStatus(504), RETRY, backoff1),
                arguments(CREATE, CallFailure.httpStatus(504), RETRY_AFTER_LOOKUP, backoff1),
                arguments(LIST, CallFailure.notSent("connection refused"), RETRY, backoff1),
                arguments(CREATE, CallFailure.notSent("connection refused"), RETRY, backoff1),
                arguments(CREATE, CallFailure.notSent("connect timeout"), RETRY, backoff1),
                arguments(LIST, CallFailure.ambiguous("read timeout"), RETRY, backoff1),
                arguments(CREATE, CallFailure.ambiguous("read timeout"), RETRY_AFTER_LOOKUP, backoff1),
                arguments(CREATE, CallFailure.ambiguous("connection reset after the request was sent"),
                        RETRY_AFTER_LOOKUP, backoff1),
                arguments(LIST, CallFailure.httpStatus(400), GIVE_UP, null),
                arguments(CREATE, CallFailure.httpStatus(400), GIVE_UP, null),
                arguments(LIST, CallFailure.httpStatus(401), GIVE_UP, null),
                arguments(CREATE, CallFailure.httpStatus(403), GIVE_UP, null),
                arguments(LIST, CallFailure.httpStatus(404), GIVE_UP, null),
                arguments(CREATE, CallFailure.httpStatus(409), GIVE_UP, null),
                arguments(CREATE, CallFailure.httpStatus(422), GIVE_UP, null),
                arguments(CREATE, CallFailure.httpStatus(400, thirty, null), GIVE_UP, null));
    }

    @ParameterizedTest(name = "{0} after {1}: {2} {3}")
    @MethodSource("firstFailureTable")
    void decidesTheFirstRetry(ApiOperation operation, CallFailure failure, RetryDecision.Action action,
                              Duration delay) {
        RetryDecision decision = policy.decide(operation, 1, Duration.ZERO, failure);

        assertThat(decision.action()).as(decision.reason()).isEqualTo(action);
        assertThat(decision.retryAfter()).isEqualTo(java.util.Optional.ofNullable(delay));
        assertThat(decision.reason()).isNotBlank();
    }

    @Test
    void anAmbiguousCreateTellsTheCallerToLookTheLeadUpFirst() {
        RetryDecision decision = policy.decide(CREATE, 1, Duration.ZERO, CallFailure.ambiguous("read timeout"));

        assertThat(decision.reason()).contains("may have been processed").contains("look it up");
        assertThat(decision.isRetry()).isTrue();
    }

    @Test
    void backoffDoublesPerAttemptUpToTheCap() {
        RetryPolicy capped = RetryPolicy.builder().random(new TopOfRange()).maxRetries(10)
                .maxRetryWait(Duration.ofHours(1)).backoffBase(Duration.ofMillis(500)).backoffCap(Duration.ofSeconds(3))
                .build();
        CallFailure failure = CallFailure.httpStatus(500);

        assertThat(Stream.of(1, 2, 3, 4, 5).map(a -> capped.decide(LIST, a, Duration.ZERO, failure).delay()))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void fullJitterSpreadsDelaysOverTheWholeRangeAndIsReproducibleWithASeed() {
        RetryPolicy seeded = RetryPolicy.builder().random(new Random(1234)).build();
        RetryPolicy sameSeed = RetryPolicy.builder().random(new Random(1234)).build();
        Set<Duration> delays = new HashSet<>();
        boolean sawLowHalf = false;
        boolean sawHighHalf = false;
        for (int i = 0; i < 200; i++) {
            Duration delay = seeded.decide(LIST, 2, Duration.ZERO, CallFailure.notSent("refused")).delay();
            assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(1));
            assertThat(sameSeed.decide(LIST, 2, Duration.ZERO, CallFailure.notSent("refused")).delay())
                    .isEqualTo(delay);
            delays.add(delay);
            sawLowHalf |= delay.compareTo(Duration.ofMillis(500)) < 0;
            sawHighHalf |= delay.compareTo(Duration.ofMillis(500)) > 0;
        }
        assertThat(delays).hasSizeGreaterThan(150);
        assertThat(sawLowHalf && sawHighHalf).isTrue();
    }

    @Test
    void aRateLimitWithoutHintsWaitsAtLeastOneSecond() {
        RetryPolicy lowJitter = RetryPolicy.builder().random(new Random(1)).build();
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(lowJitter.decide(CREATE, attempt, Duration.ZERO, CallFailure.httpStatus(429)).delay())
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void givesUpAfterMaxRetriesWithTheServersWaitAsTheHint() {
        CallFailure rateLimited = CallFailure.httpStatus(429, Duration.ofSeconds(5), null);

        assertThat(policy.decide(CREATE, 3, Duration.ofSeconds(10), rateLimited).action()).isEqualTo(RETRY);
        RetryDecision fourth = policy.decide(CREATE, 4, Duration.ofSeconds(15), rateLimited);

        assertThat(fourth.action()).isEqualTo(GIVE_UP);
        assertThat(fourth.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(fourth.reason()).contains("after 3 retries");
    }

    @Test
    void givesUpWhenTheWaitWouldExceedTheMaximumTotalWait() {
        CallFailure rateLimited = CallFailure.httpStatus(429, Duration.ofSeconds(30), null);

        assertThat(policy.decide(LIST, 2, Duration.ofSeconds(30), rateLimited).action())
                .as("30 s + 30 s = exactly maxRetryWait").isEqualTo(RETRY);
        RetryDecision third = policy.decide(LIST, 3, Duration.ofSeconds(60), rateLimited);

        assertThat(third.action()).isEqualTo(GIVE_UP);
        assertThat(third.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(third.reason()).contains("maxRetryWait");
        assertThat(policy.decide(LIST, 1, Duration.ZERO, CallFailure.httpStatus(429, Duration.ofMinutes(2), null))
                .action()).as("a single Retry-After longer than maxRetryWait").isEqualTo(GIVE_UP);
    }

    @Test
    void givingUpOnAnAmbiguousCreateHasNoServerHint() {
        RetryDecision decision = policy.decide(CREATE, 4, Duration.ZERO, CallFailure.httpStatus(500));

        assertThat(decision.action()).isEqualTo(GIVE_UP);
        assertThat(decision.retryAfter()).isEmpty();
        assertThat(decision.reason()).contains("may have been processed");
    }

    @Test
    void zeroMaxRetriesNeverRetries() {
        RetryPolicy never = RetryPolicy.builder().maxRetries(0).build();

        assertThat(never.decide(LIST, 1, Duration.ZERO, CallFailure.notSent("refused")).action()).isEqualTo(GIVE_UP);
    }

    @Test
    void badSettingsAndInputsAreRefusedClearly() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetryWait(Duration.ofSeconds(-1)))
                .hasMessageContaining("maxRetryWait");
        assertThatThrownBy(() -> policy.decide(LIST, 0, Duration.ZERO, CallFailure.httpStatus(500)))
                .hasMessageContaining("attempt counts from 1");
        assertThatThrownBy(() -> CallFailure.httpStatus(200)).hasMessageContaining("400 to 599");
    }

    @Test
    void defaultsAreThreeRetriesWithinSixtySeconds() {
        RetryPolicy defaults = RetryPolicy.defaults();

        assertThat(defaults.maxRetries()).isEqualTo(3);
        assertThat(defaults.maxRetryWait()).isEqualTo(Duration.ofSeconds(60));
    }
}
