package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The YAML route of docs/rate-limiting.md ("Adaptive polling"), copied from the page and run by Camel Main with the
 * documented secret property ({@code {{env:CASHFIN_CLIENT_SECRET}}}): it polls at its plan's {@code delay} on a quiet
 * list and delivers the leads of a burst. The only change to the block: its delays are shortened (10s to 200 ms, 5m to
 * 500 ms, 30m to 1 s) so that the test takes seconds, with the Professional plan, whose day pays for that.
 */
class AdaptivePollingRecipeTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    @Test
    void theDocumentedRouteIdlesThenDeliversABurst() throws Exception {
        Path work = Path.of("target", "adaptive-polling-recipe").toAbsolutePath();
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
        // a plan whose day pays for idling at 1 s (Starter's 9,800 calls would hold it to the even pace: the budget)
        main.addOverrideProperty("camel.component.cashfin-leads.plan", "professional");
        main.start();
        try {
            CashfinLeadsConsumer consumer = main.getCamelContext().getRoutes().stream()
                    .filter(r -> r.getConsumer() instanceof CashfinLeadsConsumer)
                    .map(r -> (CashfinLeadsConsumer) r.getConsumer()).findFirst().orElseThrow();
            assertThat(consumer.isAdaptivePolling()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getPolls() >= 2);
            assertThat(consumer.getPollingRegime()).isEqualTo("plan");
            assertThat(consumer.getCurrentDelayMillis()).as("the plan's delay: no past day yet").isBetween(500L, 550L);

            cashfin.insertLeads(20);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 20);
            assertThat(received).doesNotHaveDuplicates();
            assertThat(consumer.getPollingRegime()).isIn("burst", "plan");
        } finally {
            main.stop();
        }
    }

    private static String recipe() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "rate-limiting.md"));
        Matcher m = Pattern.compile("(?s)<!-- adaptive-polling:begin -->\\s*```yaml\\n(.*?)```").matcher(page);
        assertThat(m.find()).as("docs/rate-limiting.md has the adaptive-polling block").isTrue();
        return m.group(1);
    }
}
