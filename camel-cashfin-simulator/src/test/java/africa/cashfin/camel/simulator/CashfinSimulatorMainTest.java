package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Command-line parsing of the standalone runner. */
class CashfinSimulatorMainTest {

    @Test
    void parsesPlanSeedSecretAndPort() {
        try (CashfinSimulator sim = CashfinSimulatorMain.parse(
                new String[] {"--port", "0", "--plan", "free", "--seed", "7", "--secret", "cs_abc123"}).start()) {
            assertThat(sim.plan()).isSameAs(Plan.FREE);
            assertThat(sim.leadCount()).isEqualTo(7);
            assertThat(sim.secret()).isEqualTo("cs_abc123");
            assertThat(new Http(sim.baseUrl(), "cs_abc123").list("").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void bindAddressLetsItListenOnEveryInterfaceWhileBaseUrlStaysLoopback() {
        try (CashfinSimulator sim = CashfinSimulatorMain.parse(
                new String[] {"--port", "0", "--bind-address", "0.0.0.0", "--plan", "starter"}).start()) {
            assertThat(sim.baseUrl()).startsWith("http://127.0.0.1:");
            assertThat(new Http(sim.baseUrl(), sim.secret()).list("").statusCode()).isEqualTo(200);
            assertThat(sim.endpointOptions()).endsWith("&plan=starter");
        }
        assertThatThrownBy(() -> CashfinSimulatorMain.parse(new String[] {"--bind-address", " "}))
                .hasMessageContaining("127.0.0.1 or 0.0.0.0");
    }

    @Test
    void usageNamesTheJarAndEveryOption() {
        assertThat(CashfinSimulatorMain.usage()).contains("java -jar camel-cashfin-simulator-<version>-standalone.jar")
                .contains("--port").contains("--bind-address").contains("--plan").contains("--seed")
                .contains("--secret").contains("--journal").contains("--help");
    }

    @Test
    void customPlanFromLimits() {
        CashfinSimulator sim = CashfinSimulatorMain.parse(new String[] {"--per-second", "50", "--per-day", "900"}).build();
        assertThat(sim.plan().perSecond()).isEqualTo(50);
        assertThat(sim.plan().perDay()).isEqualTo(900);
        assertThat(sim.plan().perMinute()).isEqualTo(Plan.NO_LIMIT);
    }

    @Test
    void rateLimitModeAndLatencyJitter() {
        CashfinSimulator sim = CashfinSimulatorMain.parse(new String[] {"--rate-limit-mode", "sliding",
                "--latency-jitter", "2-9", "--jitter-seed", "11"}).build();
        assertThat(sim.rateLimitMode()).isEqualTo(RateLimitMode.SLIDING);
        assertThat(sim.switches()).containsEntry("latencyJitter", java.util.Map.of("minMillis", 2, "maxMillis", 9,
                "seed", 11L));
        assertThat(CashfinSimulatorMain.parse(new String[] {"--latency-jitter", "5"}).build().switches())
                .containsEntry("latencyJitter", java.util.Map.of("minMillis", 0, "maxMillis", 5, "seed", 0L));
        assertThatThrownBy(() -> CashfinSimulatorMain.parse(new String[] {"--latency-jitter", "1-2-3"}))
                .hasMessageContaining("MIN-MAX");
        assertThatThrownBy(() -> CashfinSimulatorMain.parse(new String[] {"--rate-limit-mode", "leaky"}))
                .hasMessageContaining("fixed or sliding");
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> CashfinSimulatorMain.parse(new String[] {"--plan", "gold"}))
                .hasMessageContaining("free, starter, professional or unlimited");
        assertThatThrownBy(() -> CashfinSimulatorMain.parse(new String[] {"--port", "x"}))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> CashfinSimulatorMain.parse(new String[] {"--colour", "red"}))
                .hasMessageContaining("Unknown option --colour");
        assertThatThrownBy(() -> CashfinSimulatorMain.parse(new String[] {"--seed"}))
                .hasMessageContaining("needs a value");
    }
}
