package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.simulator.testing.SimulatorProcess;

/**
 * The standalone jar that {@code mvn package} builds, run the way docs/simulator.md says:
 * {@code java -jar camel-cashfin-simulator-<version>-standalone.jar --port 0 --plan free --seed 5}, as a separate
 * process; one list call and the endpoint options it prints. Run by surefire's {@code standalone-jar} execution in the
 * {@code integration-test} phase, after the jar exists.
 */
class StandaloneJarIT {

    private static Path jar() {
        String jar = System.getProperty("standalone.jar");
        Assumptions.assumeTrue(jar != null, "Runs in the standalone-jar execution after package (mvn verify), which"
                + " passes the jar's path as the system property standalone.jar");
        return Path.of(jar);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJarRunsTheSimulatorFromOneCommand() throws Exception {
        Path jar = jar();
        assertThat(jar).as("the standalone jar built by mvn package").exists();
        try (SimulatorProcess process = SimulatorProcess.start("-jar", jar.toString(), "--port", "0", "--plan",
                "free", "--seed", "5")) {
            String url = process.baseUrl(Duration.ofSeconds(90));

            HttpResponse<String> listed = new Http(url, CashfinSimulator.DEFAULT_SECRET).list("limit=10");

            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat((List<Object>) Http.json(listed).get("data")).hasSize(5);
            assertThat(listed.headers().firstValue("X-RateLimit-Limit")).isPresent();
            assertThat(process.output()).contains("Cashfin simulator running (Plan[free: 5/s, 60/min,"
                    + " 1000/day], 5 leads)").contains("baseUrl=" + url + "&clientSecret=RAW("
                    + CashfinSimulator.DEFAULT_SECRET + ")&plan=free");
        }
        assertThat(Files.size(jar)).isGreaterThan(1_000_000L);
    }

    @Test
    void helpPrintsTheUsageAndExitsCleanly() throws Exception {
        Path jar = jar();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--help").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out).contains("Usage: java -jar camel-cashfin-simulator-<version>-standalone.jar")
                .contains("--plan free|starter|professional|unlimited");
    }
}
