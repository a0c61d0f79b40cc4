package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.api.limit.BudgetShares;
import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;
import africa.cashfin.camel.simulator.RateLimitMode;

/**
 * Budget shares through real routes against the strict simulator (sliding windows counted at arrival, with jitter):
 * a flood of creates on one route does not slow the polls of a consumer with a {@code budgetReserve} and still gets the
 * rest of the budget; per day the flood stops at its share while the consumer goes on; reserves adding up to too much
 * are refused at start; and the YAML of docs/rate-limiting.md runs as a user copies it. The poll times are the ones
 * the simulator recorded (its request journal).
 */
class BudgetShareRouteTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(
            CashfinSimulator.builder().requestJournal(100_000));

    /** 8 calls/s for the secret (10/s with a 20 % margin, safe on a loaded machine), no daily limit of note. */
    private static final String LIMITS = "plan=unlimited&maxRequestsPerSecond=10&rateLimitMargin=0.2";
    private static final String LIST_PATH = "/business/lead/list";
    private static final String CREATE_PATH = "/business/lead/create";

    private CamelContext context;
    private ProducerTemplate template;
    private final AtomicInteger emitted = new AtomicInteger();

    @BeforeEach
    void startCamel() throws Exception {
        cashfin.plan(Plan.custom(10, 600, 100_000));
        cashfin.rateLimitMode(RateLimitMode.SLIDING);
        cashfin.latencyJitter(Duration.ofMillis(1), Duration.ofMillis(5), 42);
        cashfin.wireMockServer().resetRequests();
        context = SimulatorCamel.startedContext(cashfin); // this class's simulator keeps a request journal
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void aFloodOfCreatesLeavesTheReservedConsumersPollCadenceAloneAndGetsTheRest() throws Exception {
        long delay = 1000;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?" + LIMITS + "&budgetReserve=0.3&startFrom=now&initialDelay=0&delay=" + delay)
                        .routeId("consumer").process(e -> emitted.incrementAndGet());
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> pollStarts().size() >= 3);

        // 50 callers at once, 2 creates each, on a route without a reserve
        int callers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Exchange>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers * 2; i++) {
                Lead lead = new Lead().setName("Flood " + i).setEmail("flood" + i + "@flood.example");
                results.add(pool.submit(() -> template.send("cashfin-leads:create?" + LIMITS,
                        e -> e.getMessage().setBody(lead))));
            }
            for (Future<Exchange> f : results) {
                assertThat(f.get(180, TimeUnit.SECONDS).getException()).isNull();
            }
        } finally {
            pool.shutdownNow();
        }

        List<Instant> creates = requests(CREATE_PATH);
        Instant floodStart = creates.get(0);
        Instant floodEnd = creates.get(creates.size() - 1);
        List<Long> gaps = gaps(pollStarts(), floodStart, floodEnd);
        double floodSeconds = Duration.between(floodStart, floodEnd).toMillis() / 1000.0;
        double createsPerSecond = (creates.size() - 1) / floodSeconds;

        assertThat(creates).hasSize(callers * 2);
        assertThat(gaps).as("polls during the %.1f s flood", floodSeconds).hasSizeGreaterThanOrEqualTo(5);
        Collections.sort(gaps);
        // without the reserve each poll's call queues behind the 50 waiting creates: about 6 s per poll
        assertThat(gaps.get(gaps.size() / 2)).as("median interval between polls during the flood (delay %d ms): %s",
                delay, gaps).isLessThanOrEqualTo(delay + 1000);
        // the flood gets the rest: 70 % of 8/s = 5.6/s (never more than the 8/s of the secret)
        assertThat(createsPerSecond).as("creates per second of the flood").isBetween(0.75 * 5.6, 8.2);
        assertThat(cashfin.requestCount(Outcome.RATE_LIMITED)).isZero();
        assertThat(emitted.get()).as("the consumer emits the flood's leads").isPositive();
    }

    @Test
    void theFloodStopsAtItsShareOfTheDayWhileTheConsumerGoesOnPolling() throws Exception {
        // 40 calls a day, no margin: 20 kept for the consumer, 20 in the pool for the form, whose dedupe look-ups
        // (deduplicateBy=email) come out of the same pool
        String day = "plan=unlimited&maxRequestsPerSecond=5&maxRequestsPerDay=40&rateLimitMargin=0";
        try (LogCapture logs = new LogCapture()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("cashfin-leads:list?" + day + "&budgetReserve=0.5&startFrom=now&initialDelay=0&delay=2000")
                            .routeId("consumer").process(e -> emitted.incrementAndGet());
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> pollStarts().size() >= 1);

            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<Future<Exchange>> results = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    Lead lead = new Lead().setName("Form " + i).setEmail("form" + i + "@form.example");
                    results.add(pool.submit(() -> template.send("cashfin-leads:create?" + day
                                                                + "&deduplicateBy=email&maxRetryWait=30s",
                            e -> e.getMessage().setBody(lead))));
                }
                int refused = 0;
                for (Future<Exchange> f : results) {
                    Exception failure = f.get(180, TimeUnit.SECONDS).getException();
                    if (failure != null) {
                        assertThat(failure).isInstanceOf(RateLimitWaitExceededException.class)
                                .hasMessageContaining("the pool of the calls without a budgetReserve are spent");
                        refused++;
                    }
                }
                assertThat(refused).as("creates refused once the pool's calls of the day were spent")
                        .isEqualTo(40 - cashfin.leadCount());
            } finally {
                pool.shutdownNow();
            }
            long searches = events().stream().filter(e -> e.getRequest().getUrl().contains("search=")).count();
            long creates = cashfin.requestCount(Endpoint.CREATE);
            assertThat(searches + creates).as("the form's look-ups and creates: the pool's 20 calls of the day")
                    .isEqualTo(20);
            assertThat(creates).isEqualTo(cashfin.leadCount()).isBetween(5L, 10L);

            int pollsAfterFlood = pollStarts().size();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pollStarts().size())
                    .as("the consumer polls on, on its own 20 calls of the day").isGreaterThanOrEqualTo(
                            pollsAfterFlood + 3));
            assertThat(cashfin.requestCount(Endpoint.CREATE)).isEqualTo(creates);

            // one line for the pool's day being spent, however many creates were refused
            LoggerFactory.getLogger(BudgetShares.class).info("marker line");
            long marker = logs.lines().stream().filter(l -> l.endsWith("marker line")).count();
            long daySpent = logs.lines().stream().filter(l -> l.contains("calls without a budgetReserve")
                    && l.contains("have spent their share of the day")).count();
            assertThat(daySpent).isEqualTo(marker);
            assertThat(logs.all()).doesNotContain(cashfin.secret());
        }
    }

    @Test
    void reservesAddingUpToMoreThanTheMaximumAreRefusedAtStartNamingTheEndpointsAndTheFix() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?" + LIMITS + "&budgetReserve=0.6&delay=60000").routeId("consumer")
                        .to("log:leads");
                from("direct:form").routeId("form")
                        .to("cashfin-leads:create?" + LIMITS + "&budgetReserve=0.5&budgetShare=web-form");
            }
        })).rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to 1.1")
                .hasMessageContaining("'cashfin-leads:list' 0.6")
                .hasMessageContaining("'web-form' 0.5")
                .hasMessageContaining("Lower budgetReserve on these endpoints")
                .hasMessageNotContaining(cashfin.secret());
    }

    @Test
    void theYamlOfTheDocsKeepsTheConsumersShareWhileAnImportRuns() throws Exception {
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        component.getConfiguration().setPlan("unlimited");
        component.getConfiguration().setMaxRequestsPerSecond(10);
        component.getConfiguration().setRateLimitMargin(0.2);
        Properties properties = new Properties();
        properties.setProperty("cashfin.sync.poll-delay", "1000");
        context.getPropertiesComponent().setInitialProperties(properties);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromBytes("budget-shares.camel.yaml",
                docsYaml().getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(30)).until(() -> pollStarts().size() >= 2);

        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(Map.of("name", "Imported " + i, "email", "row" + i + "@csv.example"));
        }
        template.sendBody("direct:import", rows);

        await().atMost(Duration.ofSeconds(60)).until(() -> cashfin.leadCount() == 40);
        List<Instant> creates = requests(CREATE_PATH);
        List<Long> gaps = gaps(pollStarts(), creates.get(0), creates.get(creates.size() - 1));
        Collections.sort(gaps);
        assertThat(gaps).isNotEmpty();
        assertThat(gaps.get(gaps.size() / 2)).as("poll intervals during the import %s", gaps)
                .isLessThanOrEqualTo(2000);
        CashfinLeadsEndpoint consumer = (CashfinLeadsEndpoint) context.getRoute("lead-sync").getEndpoint();
        assertThat(consumer.getBudgetShareState()).startsWith("'cashfin-leads:list' reserve 0.3, pool 0.700");
    }

    /** The first YAML block of the "Budget shares" section of docs/rate-limiting.md. */
    private static String docsYaml() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "rate-limiting.md"));
        int section = page.indexOf("## Budget shares");
        assertThat(section).as("docs/rate-limiting.md has a Budget shares section").isPositive();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertThat(m.find(section)).as("a YAML block in the section").isTrue();
        return m.group(1);
    }

    /** When each consumer poll started: its first list page (no search: dedupe look-ups are not polls). */
    private static List<Instant> pollStarts() {
        List<Instant> polls = new ArrayList<>();
        for (ServeEvent e : events()) {
            String url = e.getRequest().getUrl();
            if (url.startsWith(LIST_PATH) && !url.contains("search=")
                && (url.contains("page=1&") || url.endsWith("page=1"))) {
                polls.add(e.getRequest().getLoggedDate().toInstant());
            }
        }
        return polls;
    }

    private static List<Instant> requests(String path) {
        List<Instant> at = new ArrayList<>();
        for (ServeEvent e : events()) {
            if (e.getRequest().getUrl().startsWith(path) && e.getResponse().getStatus() < 300) {
                at.add(e.getRequest().getLoggedDate().toInstant());
            }
        }
        return at;
    }

    private static List<ServeEvent> events() {
        List<ServeEvent> events = new ArrayList<>(cashfin.wireMockServer().getAllServeEvents());
        events.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
        return events;
    }

    /** The intervals between consecutive polls that started within [from, to], in ms. */
    private static List<Long> gaps(List<Instant> polls, Instant from, Instant to) {
        List<Long> gaps = new ArrayList<>();
        Instant previous = null;
        for (Instant p : polls) {
            if (!p.isBefore(from) && !p.isAfter(to)) {
                if (previous != null) {
                    gaps.add(Duration.between(previous, p).toMillis());
                }
                previous = p;
            }
        }
        return gaps;
    }
}
