package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.LogCapture;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * docs/component.md, "A busy CRM the polls cannot keep up with", as a user meets it: the YAML route of
 * docs/rate-limiting.md ("Adaptive polling"), copied from the page and run by Camel Main with the documented secret
 * property ({@code {{env:CASHFIN_CLIENT_SECRET}}}) at the default {@code limit} (100), against the simulator's busy-CRM
 * switch at 60 new leads per list call (above the {@code limit / 2} a poll keeps up with). Its only changes: shorter
 * delays, and the {@code unlimited} plan so the test is not paced by a plan's per-second limit. While the CRM is busy
 * each poll ends at its call bound ({@code 4 x pages + 50}, pages at the poll's start) and the log says so once; when
 * it calms down every lead reaches the route once and the log says the polls keep up again.
 */
class BusyCrmRecipeTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    @Test
    void pollsThatCannotKeepUpEndLogOnceAndEveryLeadArrivesOnceWhenTheCrmCalmsDown() throws Exception {
        Path work = Path.of("target", "busy-crm-recipe").toAbsolutePath();
        Files.createDirectories(work);
        Path yaml = work.resolve("adaptive.camel.yaml");
        Files.writeString(yaml, recipe().replace("minDelay: 10s", "minDelay: 200").replace("delay: 5m",
                "delay: 500").replace("maxDelay: 30m", "maxDelay: 1000"));
        List<String> received = new CopyOnWriteArrayList<>();

        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + yaml);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:new-lead").process(e -> received.add(e.getMessage().getHeader("CamelCashfinLeadId",
                        String.class)));
            }
        });
        main.setDefaultPropertyPlaceholderLocation("classpath:docs-main/application.properties");
        main.addOverrideProperty("camel.component.cashfin-leads.base-url", cashfin.baseUrl());
        main.addOverrideProperty("camel.component.cashfin-leads.plan", "unlimited");
        try (LogCapture log = new LogCapture()) {
            main.start();
            try {
                CashfinLeadsConsumer consumer = main.getCamelContext().getRoutes().stream()
                        .filter(r -> r.getConsumer() instanceof CashfinLeadsConsumer)
                        .map(r -> (CashfinLeadsConsumer) r.getConsumer()).findFirst().orElseThrow();
                await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getPolls() >= 1);

                cashfin.busyCrm(60);
                await().atMost(Duration.ofSeconds(60)).until(() -> !lines(log, "WARN", "cannot keep up").isEmpty());
                long pollsAtWarn = consumer.getPolls();
                await().atMost(Duration.ofSeconds(120)).until(() -> consumer.getPolls() >= pollsAtWarn + 1);
                cashfin.busyCrm(0);
                assertThat(lines(log, "WARN", "cannot keep up")).as("one WARN while the polls cannot keep up")
                        .hasSize(1).allSatisfy(line -> assertThat(line).contains("nothing is lost"));

                await().atMost(Duration.ofSeconds(120)).until(() -> received.size() >= cashfin.leadCount());
                assertThat(received).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                        cashfin.leads().stream().map(l -> (String) l.get("_id")).toList());
                await().atMost(Duration.ofSeconds(30)).until(() -> lines(log, "INFO", "keep up again").size() == 1);
                assertThat(lines(log, "ERROR", "")).as("no poll failed").isEmpty();
            } finally {
                main.stop();
            }
        }
    }

    /** Distinct lines of the level containing the text (an event passes every logger config on its way to the root). */
    private static Set<String> lines(LogCapture log, String level, String text) {
        return log.levelledLines().stream().filter(l -> l.startsWith(level + " ") && l.contains(text))
                .collect(Collectors.toSet());
    }

    private static String recipe() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "rate-limiting.md"));
        Matcher m = Pattern.compile("(?s)<!-- adaptive-polling:begin -->\\s*```yaml\\n(.*?)```").matcher(page);
        assertThat(m.find()).as("docs/rate-limiting.md has the adaptive-polling block").isTrue();
        return m.group(1);
    }
}
