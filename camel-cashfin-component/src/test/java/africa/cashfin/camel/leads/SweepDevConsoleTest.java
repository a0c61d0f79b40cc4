package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The dev console shows the sweep's progress and runs the action "sweep now" ({@code sweepNow=<routeId>}): the
 * consumer then re-reads the whole view, and the console shows the full sweep.
 */
class SweepDevConsoleTest extends SimulatorContextSupport {

    @Test
    void showsTheSweepAndRunsSweepNow() throws Exception {
        cashfin.seedLeads(250, 4, Duration.ofMinutes(1));
        newContext();
        componentConfiguration().setPlan("free"); // the paced sweep earns a page every 15 minutes: none in this test
        addRoute("cashfin-leads:list?delay=200&initialDelay=0", "poll-leads", "mock:leads");
        context.start();
        DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("cashfin-leads");
        await().atMost(Duration.ofSeconds(30)).until(() -> sweep(console) != null
                                                            && consumer(console).getLong("polls") >= 2);
        assertThat(sweep(console).getLong("passes")).isZero();
        assertThat(sweep(console).get("lastFullSweep")).isNull();

        JsonObject answer = (JsonObject) console.call(DevConsole.MediaType.JSON, Map.of("sweepNow", "poll-leads"));
        assertThat(((JsonArray) answer.get("sweepNow")).get(0).toString())
                .startsWith("poll-leads: A full sweep starts with the next poll");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonObject sweep = sweep(console);
            assertThat(sweep.getLong("passes")).isEqualTo(1L);
            assertThat(sweep.getLong("pagesRead")).as("250 leads: 3 pages").isEqualTo(3L);
            assertThat(sweep.getString("lastFullSweep")).isNotBlank();
            assertThat(sweep.getBoolean("urgent")).isFalse();
        });
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertThat(text).contains("Sweep: next page 1").contains("1 passes, 3 pages read, 0 leads recovered");
        assertThat((String) console.call(DevConsole.MediaType.TEXT, Map.of("sweepNow", "no-such-route")))
                .contains("Sweep now: No cashfin-leads consumer in route 'no-such-route'");
    }

    private static JsonObject consumer(DevConsole console) {
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        return ((JsonArray) json.get("endpoints")).stream().map(JsonObject.class::cast)
                .filter(e -> e.get("consumer") != null).map(e -> (JsonObject) e.get("consumer"))
                .findFirst().orElseThrow();
    }

    private static JsonObject sweep(DevConsole console) {
        return (JsonObject) consumer(console).get("sweep");
    }
}
