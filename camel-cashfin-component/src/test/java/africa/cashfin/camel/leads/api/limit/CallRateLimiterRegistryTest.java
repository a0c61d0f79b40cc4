package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One limiter per secret, shared by every lease, reference counted; the secret never shows. */
class CallRateLimiterRegistryTest {

    private static final String SECRET = "cs_registrySecretAbc123";
    private final CallRateLimiterRegistry registry = new CallRateLimiterRegistry(VirtualTime.autoAdvancing());

    @Test
    void endpointsUsingOneSecretShareOneLimiterAndOthersGetTheirOwn() {
        try (var first = registry.lease(SECRET, RateLimits.of(RatePlan.FREE), null);
             var second = registry.lease(SECRET, RateLimits.of(RatePlan.FREE), null);
             var other = registry.lease("cs_someoneElse999", RateLimits.of(RatePlan.FREE), null)) {
            assertThat(second.limiter()).isSameAs(first.limiter());
            assertThat(other.limiter()).isNotSameAs(first.limiter());
            assertThat(registry.size()).isEqualTo(2);
        }
        assertThat(registry.size()).isZero();
    }

    @Test
    void aPauseSeenThroughOneLeaseHoldsTheOther() throws Exception {
        VirtualTime time = VirtualTime.autoAdvancing();
        CallRateLimiterRegistry timed = new CallRateLimiterRegistry(time);
        try (var producer = timed.lease(SECRET, RateLimits.of(RatePlan.FREE), null);
             var consumer = timed.lease(SECRET, RateLimits.of(RatePlan.FREE), null)) {
            producer.limiter().onRateLimited(Duration.ofSeconds(30));

            consumer.limiter().acquire();

            assertThat(time.seconds()).isGreaterThanOrEqualTo(30.0);
        }
    }

    @Test
    void theLimiterLivesUntilTheLastLeaseClosesAndClosingTwiceIsHarmless() {
        var first = registry.lease(SECRET, RateLimits.of(RatePlan.STARTER), null);
        var second = registry.lease(SECRET, RateLimits.of(RatePlan.STARTER), null);
        CallRateLimiter shared = first.limiter();

        first.close();
        first.close();
        assertThat(registry.size()).isEqualTo(1);
        var third = registry.lease(SECRET, RateLimits.of(RatePlan.STARTER), null);
        assertThat(third.limiter()).isSameAs(shared);

        second.close();
        third.close();
        assertThat(registry.size()).isZero();
        try (var fresh = registry.lease(SECRET, RateLimits.of(RatePlan.STARTER), null)) {
            assertThat(fresh.limiter()).isNotSameAs(shared);
        }
    }

    @Test
    void conflictingLimitsForOneSecretAreRefusedWithoutShowingTheSecret() {
        try (var ignored = registry.lease(SECRET, RateLimits.of(RatePlan.FREE), null)) {
            assertThatThrownBy(() -> registry.lease(SECRET, RateLimits.of(RatePlan.PROFESSIONAL), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("same plan")
                    .hasMessageContaining(SecretFingerprint.of(SECRET).shortForm())
                    .hasMessageNotContaining(SECRET);
            assertThat(registry.size()).isEqualTo(1);
        }
    }

    @Test
    void aBlankSecretIsRefusedClearly() {
        assertThatThrownBy(() -> registry.lease("  ", RateLimits.of(RatePlan.FREE), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientSecret must be set");
    }

    @Test
    void theSecretNeverAppearsInToStringKeysOrExceptions() {
        try (var lease = registry.lease(SECRET, RateLimits.of(RatePlan.FREE), null)) {
            CallRateLimiter limiter = lease.limiter();
            limiter.onRateLimited(Duration.ofMinutes(10));
            Throwable timeout = null;
            try {
                limiter.acquire(Duration.ofSeconds(1));
            } catch (Exception e) {
                timeout = e;
            }

            assertThat(timeout).isInstanceOf(RateLimitWaitExceededException.class);
            assertThat(timeout.getMessage()).doesNotContain(SECRET).contains("secret#");
            assertThat(limiter.toString()).doesNotContain(SECRET).contains(limiter.secret().shortForm());
            assertThat(lease.toString()).doesNotContain(SECRET);
            assertThat(registry.toString()).doesNotContain(SECRET);
            assertThat(limiter.secret().bucketKey()).doesNotContain(SECRET).startsWith("cashfin-leads:calls:")
                    .hasSize("cashfin-leads:calls:".length() + 64);
            assertThat(limiter.secret().hex()).isNotEqualTo(SecretFingerprint.of("cs_registrySecretAbc124").hex());
        }
    }
}
