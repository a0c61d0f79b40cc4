package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fixed windows per second, minute and day, driven by a manual clock (no sleeping). */
class RateLimitTest {

    static final Instant START = Instant.parse("2024-06-10T10:00:00.250Z");
    static final ManualClock CLOCK = new ManualClock(START);

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(
            CashfinSimulator.builder().clock(CLOCK).plan(Plan.FREE).secrets("cs_first1", "cs_second2"));

    @BeforeEach
    void rewind() {
        CLOCK.set(START);
    }

    private HttpResponse<String> list(String secret) {
        return new Http(cashfin.baseUrl(), secret).list("");
    }

    private static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElseThrow();
    }

    @Test
    void perSecondWindowRejectsTheSixthRequestOnFree() {
        long nextSecond = START.getEpochSecond() + 1;
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> r = list(cashfin.secret());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(header(r, "X-RateLimit-Limit")).isEqualTo("5");
            assertThat(header(r, "X-RateLimit-Remaining")).isEqualTo(String.valueOf(5 - i));
            assertThat(header(r, "X-RateLimit-Reset")).isEqualTo(String.valueOf(nextSecond));
        }
        HttpResponse<String> limited = list(cashfin.secret());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(header(limited, "Retry-After")).isEqualTo("1");
        assertThat(header(limited, "X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.body()).isEqualTo(
                "{\"success\":false,\"error\":\"Rate limit exceeded. Please try again later.\",\"retry_after\":1}");
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.RATE_LIMITED)).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(list(cashfin.secret()).statusCode()).isEqualTo(200);
    }

    @Test
    void theDayResetsAtTheServersOwnMidnightAndTheHeadersSayWhen() {
        cashfin.plan(Plan.custom(0, 0, 3));
        cashfin.dayStart(java.time.LocalTime.of(22, 0)); // a server on UTC+2
        CLOCK.set(Instant.parse("2024-06-10T21:59:58Z"));
        long serverMidnight = Instant.parse("2024-06-10T22:00:00Z").getEpochSecond();
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> r = list(cashfin.secret());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(header(r, "X-RateLimit-Remaining")).isEqualTo(String.valueOf(3 - i));
            assertThat(header(r, "X-RateLimit-Reset")).isEqualTo(String.valueOf(serverMidnight));
        }
        HttpResponse<String> limited = list(cashfin.secret());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(header(limited, "Retry-After")).isEqualTo("2");

        CLOCK.advance(Duration.ofSeconds(2)); // 22:00:00 UTC: the server's new day, not UTC's
        HttpResponse<String> next = list(cashfin.secret());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(header(next, "X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(header(next, "X-RateLimit-Reset")).isEqualTo(String.valueOf(serverMidnight + 86_400));
        assertThat(cashfin.dayStart()).isEqualTo(java.time.LocalTime.of(22, 0));
    }

    @Test
    void limitsArePerSecret() {
        for (int i = 0; i < 5; i++) {
            list("cs_first1");
        }
        assertThat(list("cs_first1").statusCode()).isEqualTo(429);
        assertThat(list("cs_second2").statusCode()).isEqualTo(200);
    }

    @Test
    void perMinuteWindowRejectsTheSixtyFirstRequestAndTellsWhenItResets() {
        // 60 requests spread over 12 seconds (5 per second) stay within the per-second limit
        for (int s = 0; s < 12; s++) {
            for (int i = 0; i < 5; i++) {
                assertThat(list(cashfin.secret()).statusCode()).isEqualTo(200);
            }
            CLOCK.advance(Duration.ofSeconds(1));
        }
        HttpResponse<String> limited = list(cashfin.secret()); // at 10:00:12.250
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(header(limited, "X-RateLimit-Limit")).isEqualTo("60");
        long minuteEnd = Instant.parse("2024-06-10T10:01:00Z").getEpochSecond();
        assertThat(header(limited, "X-RateLimit-Reset")).isEqualTo(String.valueOf(minuteEnd));
        assertThat(header(limited, "Retry-After")).isEqualTo("48");
        assertThat(Http.json(limited)).containsEntry("retry_after", 48);

        CLOCK.set(Instant.parse("2024-06-10T10:01:00Z"));
        assertThat(list(cashfin.secret()).statusCode()).isEqualTo(200);
    }

    @Test
    void perDayWindowOnCustomPlan() {
        cashfin.plan(Plan.custom(0, 0, 3));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = list(cashfin.secret());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(header(r, "X-RateLimit-Limit")).isEqualTo("3");
        }
        HttpResponse<String> limited = list(cashfin.secret());
        assertThat(limited.statusCode()).isEqualTo(429);
        long dayEnd = Instant.parse("2024-06-11T00:00:00Z").getEpochSecond();
        assertThat(header(limited, "X-RateLimit-Reset")).isEqualTo(String.valueOf(dayEnd));
        CLOCK.set(Instant.parse("2024-06-11T00:00:00Z"));
        assertThat(list(cashfin.secret()).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectedRequestsDoNotCountAndCreatesShareTheBudget() {
        for (int i = 0; i < 5; i++) {
            new Http(cashfin.baseUrl(), cashfin.secret()).create("{\"name\":\"A\"}");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(list(cashfin.secret()).statusCode()).isEqualTo(429);
        }
        assertThat(cashfin.leadCount()).isEqualTo(5);
        CLOCK.advance(Duration.ofSeconds(1));
        HttpResponse<String> r = list(cashfin.secret());
        assertThat(r.statusCode()).isEqualTo(200);
        // minute window: 6 used of 60, second window: 1 used of 5 -> the second window is closer to its limit
        assertThat(header(r, "X-RateLimit-Remaining")).isEqualTo("4");
    }

    @Test
    void namedPlansMatchPlatformFacts() {
        assertThat(Plan.parse("free")).extracting(Plan::perSecond, Plan::perMinute, Plan::perDay)
                .containsExactly(5L, 60L, 1_000L);
        assertThat(Plan.parse("Starter")).extracting(Plan::perSecond, Plan::perMinute, Plan::perDay)
                .containsExactly(10L, 300L, 10_000L);
        assertThat(Plan.parse("PROFESSIONAL")).extracting(Plan::perSecond, Plan::perMinute, Plan::perDay)
                .containsExactly(25L, 1_000L, 100_000L);
    }
}
