package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The latency-jitter switch: seeded random delays in a range, before a request is counted and served. */
class LatencyJitterTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    private static List<Integer> draws(LatencyJitter jitter, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(jitter.nextMillis());
        }
        return out;
    }

    @Test
    void delaysAreSeededAndStayInTheRange() {
        LatencyJitter jitter = LatencyJitter.of(Duration.ofMillis(2), Duration.ofMillis(9), 7);
        List<Integer> first = draws(jitter, 500);
        assertThat(first).allSatisfy(ms -> assertThat(ms).isBetween(2, 9)).contains(2, 9);
        assertThat(draws(LatencyJitter.of(Duration.ofMillis(2), Duration.ofMillis(9), 7), 500)).isEqualTo(first);
        assertThat(draws(jitter.restarted(), 500)).isEqualTo(first);
        assertThat(draws(LatencyJitter.of(Duration.ofMillis(2), Duration.ofMillis(9), 8), 500)).isNotEqualTo(first);
        assertThat(draws(LatencyJitter.of(Duration.ZERO, Duration.ZERO, 7), 10)).containsOnly(0);
    }

    @Test
    void aJitteredRequestIsAnsweredNoSoonerThanTheLeastDelay() {
        cashfin.latencyJitter(Duration.ofMillis(150), Duration.ofMillis(200), 1);
        long start = System.nanoTime();
        HttpResponse<String> r = new Http(cashfin.baseUrl(), cashfin.secret()).list("");
        assertThat(r.statusCode()).isEqualTo(200);
        // lower bound only: a delay can never make the answer come sooner
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(cashfin.switches()).containsEntry("latencyJitter",
                Map.of("minMillis", 150, "maxMillis", 200, "seed", 1L));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAdminApiSetsItAndResetTurnsItOff() {
        Http http = new Http(cashfin.baseUrl(), cashfin.secret());
        HttpResponse<String> set = http.adminPost("/latency-jitter", "{\"minMillis\":1,\"maxMillis\":8,\"seed\":5}");
        assertThat(set.statusCode()).isEqualTo(200);
        Map<String, Object> switches = (Map<String, Object>) Http.json(set).get("switches");
        assertThat((Map<String, Object>) switches.get("latencyJitter")).containsEntry("minMillis", 1)
                .containsEntry("maxMillis", 8).containsEntry("seed", 5);
        HttpResponse<String> mode = http.adminPost("/rate-limit-mode", "{\"mode\":\"sliding\"}");
        assertThat((Map<String, Object>) Http.json(mode).get("switches")).containsEntry("rateLimitMode", "sliding");

        http.adminPost("/reset", "");
        Map<String, Object> after = Http.json(http.adminGet("/switches"));
        assertThat(after).containsEntry("rateLimitMode", "fixed");
        assertThat((Map<String, Object>) after.get("latencyJitter")).containsEntry("maxMillis", 0);

        assertThat(http.adminPost("/latency-jitter", "{\"minMillis\":9,\"maxMillis\":2}").body())
                .contains("0 <= min <= max");
        assertThat(http.adminPost("/rate-limit-mode", "{\"mode\":\"leaky\"}").body()).contains("fixed or sliding");
    }

    @Test
    void badRangesAreRefused() {
        assertThatThrownBy(() -> cashfin.latencyJitter(Duration.ofMillis(-1), Duration.ofMillis(5), 0))
                .hasMessageContaining("0 <= min <= max <= 60000 ms");
        assertThatThrownBy(() -> cashfin.latencyJitter(Duration.ofMillis(5), Duration.ofMillis(4), 0))
                .hasMessageContaining("min 5 ms, max 4 ms");
    }
}
