package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sliding-log rate-limit mode: any span of 1 s / 60 s / a day counted at arrival, on a manual clock. */
class SlidingRateLimitTest {

    static final Instant START = Instant.parse("2024-06-10T10:00:00.900Z");
    static final ManualClock CLOCK = new ManualClock(START);

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder().clock(CLOCK)
            .plan(Plan.FREE).rateLimitMode(RateLimitMode.SLIDING));

    @BeforeEach
    void rewind() {
        CLOCK.set(START);
    }

    private HttpResponse<String> list() {
        return new Http(cashfin.baseUrl(), cashfin.secret()).list("");
    }

    private static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElseThrow();
    }

    @Test
    void aBurstAcrossAFixedSecondBoundaryIsRejected() {
        for (int i = 0; i < 5; i++) {
            assertThat(list().statusCode()).isEqualTo(200);
        }
        // 10:00:01.100 is a new fixed window, but the span 10:00:00.101-10:00:01.100 already holds 5 requests
        CLOCK.advance(Duration.ofMillis(200));
        HttpResponse<String> limited = list();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(header(limited, "Retry-After")).isEqualTo("1");
        assertThat(header(limited, "X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(limited, "X-RateLimit-Limit")).isEqualTo("5");
        // the oldest request (10:00:00.900) leaves the span at 10:00:01.900: reset rounded up to 10:00:02
        assertThat(header(limited, "X-RateLimit-Reset"))
                .isEqualTo(String.valueOf(Instant.parse("2024-06-10T10:00:02Z").getEpochSecond()));

        CLOCK.set(START.plusMillis(999));
        assertThat(list().statusCode()).as("one millisecond short of a second later").isEqualTo(429);
        CLOCK.set(START.plusSeconds(1));
        assertThat(list().statusCode()).as("a request exactly one second later is in a new span").isEqualTo(200);
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.RATE_LIMITED)).isEqualTo(2);
    }

    @Test
    void evenlySpacedRequestsAtTheLimitPass() {
        // 5 per second, one every 200 ms, for a minute's worth of the per-minute budget (60)
        for (int i = 0; i < 60; i++) {
            assertThat(list().statusCode()).as("request %d", i).isEqualTo(200);
            CLOCK.advance(Duration.ofMillis(200));
        }
        assertThat(cashfin.requestCount(Outcome.RATE_LIMITED)).isZero();
    }

    @Test
    void theMinuteSpanSlidesToo() {
        for (int i = 0; i < 60; i++) {
            assertThat(list().statusCode()).isEqualTo(200);
            CLOCK.advance(Duration.ofMillis(250));
        }
        // 15 s later, at 10:00:15.900: the minute span holds 60 requests; fixed windows would see a new minute at
        // 10:01:00, the sliding one frees its first slot at 10:01:00.900
        CLOCK.set(Instant.parse("2024-06-10T10:01:00.500Z"));
        HttpResponse<String> limited = list();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(header(limited, "X-RateLimit-Limit")).isEqualTo("60");
        assertThat(header(limited, "Retry-After")).isEqualTo("1");
        CLOCK.set(Instant.parse("2024-06-10T10:01:00.900Z"));
        assertThat(list().statusCode()).isEqualTo(200);
    }

    @Test
    void rejectedRequestsDoNotCount() {
        for (int i = 0; i < 5; i++) {
            list();
        }
        for (int i = 0; i < 10; i++) {
            assertThat(list().statusCode()).isEqualTo(429);
        }
        CLOCK.advance(Duration.ofSeconds(1));
        HttpResponse<String> r = list();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "X-RateLimit-Remaining")).isEqualTo("4");
    }

    @Test
    void theModeIsASwitchThatResetKeepsFromTheBuilder() {
        cashfin.rateLimitMode(RateLimitMode.FIXED);
        for (int i = 0; i < 5; i++) {
            list();
        }
        CLOCK.advance(Duration.ofMillis(200));
        assertThat(list().statusCode()).as("fixed windows: 10:00:01.100 is a new second").isEqualTo(200);
        assertThat(cashfin.switches()).containsEntry("rateLimitMode", "fixed");

        cashfin.reset();
        assertThat(cashfin.rateLimitMode()).isEqualTo(RateLimitMode.SLIDING);
    }
}
