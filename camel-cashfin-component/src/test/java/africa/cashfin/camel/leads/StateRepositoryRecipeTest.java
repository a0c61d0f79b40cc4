package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.spi.StateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Plan;
import africa.cashfin.camel.simulator.RetryAfterFormat;

/**
 * The consumer with its cursor in a state repository of docs/component.md ("State and restarts"), read from the page
 * and run by Camel Main as a user runs it: Camel's stock MemoryStateRepository declared in the YAML, the secret from
 * {@code {{env:CASHFIN_CLIENT_SECRET}}} (set by surefire, as a user sets the variable), {@code failedLeadsMax},
 * {@code adaptivePolling=true} and a {@code status=qualified} filter. The simulator runs with its strict-server
 * switches on: ties in a random order per request, leads visible 1 s late, a gateway's HTML 502 page and a 429 with an
 * HTTP-date Retry-After. Leads arrive and are qualified while the route runs and while it is stopped; after it is
 * started again every qualified lead has reached the route once. The only change to the block: the delays are
 * shortened (10s to 200 ms, 5m to 500 ms, 30m to 1 s) with the Professional plan, whose day pays for that.
 */
class StateRepositoryRecipeTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder()
            .plan(Plan.PROFESSIONAL).shuffleTies(7).lateVisibility(Duration.ofSeconds(1)).gatewayErrorPages(true)
            .retryAfterFormat(RetryAfterFormat.HTTP_DATE));

    @TempDir
    Path work;

    private final List<String> received = new CopyOnWriteArrayList<>();

    private Main start() throws Exception {
        Path yaml = work.resolve("qualified-leads.camel.yaml");
        Files.writeString(yaml, recipe().replace("minDelay: 10s", "minDelay: 200").replace("delay: 5m", "delay: 500")
                .replace("maxDelay: 30m", "maxDelay: 1000"));
        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + yaml);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:crm").process(e -> received.add(e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID,
                        String.class)));
            }
        });
        main.addOverrideProperty("camel.component.cashfin-leads.base-url", cashfin.baseUrl());
        main.addOverrideProperty("camel.component.cashfin-leads.plan", "professional");
        main.start();
        return main;
    }

    private static List<String> qualifiedIds() {
        return cashfin.leads().stream().filter(l -> "qualified".equals(l.get("status")))
                .map(l -> (String) l.get("_id")).toList();
    }

    /** Two leads of status new, not yet in the view, qualified now (as sales people do). */
    private static void qualifyTwoNewLeads() {
        cashfin.leads().stream().filter(l -> "new".equals(l.get("status"))).limit(2)
                .forEach(l -> cashfin.updateLead((String) l.get("_id"), "qualified"));
    }

    private void awaitEveryQualifiedLead() {
        await().atMost(Duration.ofSeconds(60)).until(() -> cashfin.lateLeadIds().isEmpty()
                                                            && received.containsAll(qualifiedIds()));
    }

    @Test
    void theDocumentedRouteDeliversEveryQualifiedLeadOnceAcrossARouteRestartFromTheStrictSimulator() throws Exception {
        cashfin.seedLeads(45, 45);
        cashfin.failNext(1, 502, Endpoint.LIST).failNext(1, 429, Endpoint.LIST);

        Main main = start();
        try {
            awaitEveryQualifiedLead();
            cashfin.insertLeads(15);
            qualifyTwoNewLeads();
            awaitEveryQualifiedLead();

            CamelContext camel = main.getCamelContext();
            camel.getRouteController().stopRoute("qualified-leads");
            StateRepository<String, String> cursor = camel.getRegistry().lookupByNameAndType("leadCursor",
                    StateRepository.class);
            for (String key : List.of("", "#leader-epoch", "#sweep")) {
                assertThat(cursor.getState("cashfin-leads:list?status=qualified" + key)).as("state under " + key)
                        .isNotBlank();
            }
            // the arrival profile of the kind of day the route ran on: weekdays' and weekends' are kept apart (a run
            // across midnight from Sunday to Monday or Friday to Saturday writes both)
            assertThat(List.of("#arrivals", "#arrivals#weekend"))
                    .as("an arrival profile under #arrivals (weekdays) or #arrivals#weekend (weekends)")
                    .anySatisfy(key -> assertThat(cursor.getState("cashfin-leads:list?status=qualified" + key))
                            .isNotBlank());
            cashfin.insertLeads(15); // while the route is stopped
            qualifyTwoNewLeads();
            camel.getRouteController().startRoute("qualified-leads");
            awaitEveryQualifiedLead();
            long calls = cashfin.listCalls();
            await().atMost(Duration.ofSeconds(30)).until(() -> cashfin.listCalls() >= calls + 3);
        } finally {
            main.stop();
        }
        assertThat(received).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(qualifiedIds());
    }

    private static String recipe() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "component.md"));
        Matcher m = Pattern.compile("(?s)<!-- state-repository:begin -->\\s*```yaml\\n(.*?)```").matcher(page);
        assertThat(m.find()).as("docs/component.md has the state-repository block").isTrue();
        return m.group(1);
    }
}
