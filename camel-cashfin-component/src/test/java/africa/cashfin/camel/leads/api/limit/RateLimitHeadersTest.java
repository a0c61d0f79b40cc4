package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading X-RateLimit-* and Retry-After leniently: a bad header never fails a call. */
class RateLimitHeadersTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static RateLimitHeaders read(Map<String, String> headers) {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        return RateLimitHeaders.from(caseInsensitive::get, NOW);
    }

    @Test
    void readsTheThreeHeadersWithResetInUnixSeconds() {
        RateLimitHeaders headers = read(Map.of("x-ratelimit-limit", "60", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 25)));

        assertThat(headers.limit()).hasValue(60);
        assertThat(headers.remaining()).hasValue(0);
        assertThat(headers.reset()).contains(NOW.plusSeconds(25));
        assertThat(headers.timeUntilReset(NOW)).contains(Duration.ofSeconds(25));
    }

    @Test
    void aSmallResetIsReadAsSecondsFromNow() {
        assertThat(read(Map.of("X-RateLimit-Reset", "30")).reset()).contains(NOW.plusSeconds(30));
    }

    @Test
    void missingOrGarbledHeadersAreAbsent() {
        RateLimitHeaders headers = read(Map.of("X-RateLimit-Limit", "lots", "X-RateLimit-Remaining", "-3",
                "X-RateLimit-Reset", ""));

        assertThat(headers).isEqualTo(RateLimitHeaders.NONE);
        assertThat(read(Map.of()).timeUntilReset(NOW)).isEmpty();
        assertThat(read(Map.of("X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() - 1))).timeUntilReset(NOW))
                .as("a reset in the past means no wait").isEmpty();
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(RetryAfter.parse("30", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:01:00 GMT", NOW)).contains(Duration.ofSeconds(60));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @Test
    void anHttpDateIsReadAgainstTheAnswersDateHeaderWhenItHasOne() {
        String retryAt = "Wed, 01 May 2024 10:00:05 GMT";
        assertThat(RetryAfter.parse(retryAt, "Wed, 01 May 2024 10:00:00 GMT", NOW)).contains(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse(retryAt, null, NOW)).as("no Date: our clock, the date is long past")
                .contains(Duration.ZERO);
        assertThat(RetryAfter.parse(retryAt, "yesterday", NOW)).as("unreadable Date: our clock").contains(Duration.ZERO);
        assertThat(RetryAfter.parse("7", "Wed, 01 May 2024 10:00:00 GMT", NOW)).contains(Duration.ofSeconds(7));
    }
}
