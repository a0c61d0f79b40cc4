package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The strict-server switches of issue 17: ties shuffled per request, late visibility and backdated leads, churn, a
 * server-side limit cap, gateway HTML pages and an HTTP-date Retry-After; each from the Java API, the admin API, the
 * builder (kept by reset) and the standalone jar's flags.
 */
class StrictServerSwitchesTest {

    static final Instant START = Instant.parse("2024-05-01T10:00:00.250Z");
    static final ManualClock CLOCK = new ManualClock(START);

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder().clock(CLOCK));

    @BeforeEach
    void rewind() {
        CLOCK.set(START);
    }

    private Http http() {
        return new Http(cashfin.baseUrl(), cashfin.secret());
    }

    @SuppressWarnings("unchecked")
    private List<String> ids(String query) {
        List<Map<String, Object>> data = (List<Map<String, Object>>) Http.json(http().list(query)).get("data");
        return data.stream().map(l -> (String) l.get("_id")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> pageInfo(String query) {
        return (Map<String, Object>) Http.json(http().list(query)).get("pagination");
    }

    /** One lead before, {@code ties} leads sharing one createdat, one lead after; ids oldest first. */
    private List<String> tieGroup(int ties) {
        List<Map<String, ?>> leads = new ArrayList<>();
        leads.add(Map.of("name", "Before", "createdat", "2024-05-01T09:00:00.000Z"));
        for (int i = 0; i < ties; i++) {
            leads.add(Map.of("name", "Tie " + i, "createdat", "2024-05-01T09:30:00.000Z"));
        }
        leads.add(Map.of("name", "After", "createdat", "2024-05-01T09:59:00.000Z"));
        return cashfin.insertLeads(leads).stream().map(l -> (String) l.get("_id")).toList();
    }

    // ------------------------------------------------------------------ ties

    @Test
    void tiesComeBackInANewRandomOrderOnEveryRequestAndTheSameSequenceFromTheSameSeed() {
        List<String> stored = tieGroup(20);
        List<String> stable = new ArrayList<>(stored);
        java.util.Collections.reverse(stable);
        assertThat(ids("limit=100")).as("default: ties by _id").containsExactlyElementsOf(stable);

        cashfin.shuffleTies(7);
        List<String> first = ids("limit=100");
        List<String> second = ids("limit=100");
        for (List<String> order : List.of(first, second)) {
            assertThat(order.get(0)).isEqualTo(stored.get(21));
            assertThat(order.get(21)).isEqualTo(stored.get(0));
            assertThat(order.subList(1, 21)).containsExactlyInAnyOrderElementsOf(stored.subList(1, 21));
        }
        assertThat(first).isNotEqualTo(second).isNotEqualTo(stable);

        cashfin.shuffleTies(7); // the same seed again: the same sequence of orders
        assertThat(ids("limit=100")).isEqualTo(first);
        assertThat(ids("limit=100")).isEqualTo(second);
        cashfin.stableTies();
        assertThat(ids("limit=100")).containsExactlyElementsOf(stable);
    }

    @Test
    void aTieGroupAcrossAPageEdgeIsShuffledWholeSoPagingItMayRepeatOrMissLeads() {
        List<String> stored = tieGroup(20);
        cashfin.shuffleTies(3);
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= 5; page++) {
            paged.addAll(ids("limit=5&page=" + page));
        }
        assertThat(paged).hasSize(22);
        // every page is cut from a fresh shuffle of the whole group: a client paging through sees some tied leads twice
        assertThat(paged.stream().distinct().count()).isLessThan(22);
        assertThat(stored).containsAll(paged);
    }

    // ------------------------------------------------------------------ late visibility

    @Test
    @SuppressWarnings("unchecked")
    void aLateLeadJoinsTheListAfterTheDelayWithItsOriginalCreatedat() {
        cashfin.lateVisibility(Duration.ofMinutes(15));
        HttpResponse<String> created = http().create("{\"name\":\"Amina Okafor\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> lead = (Map<String, Object>) Http.json(created).get("data");
        assertThat(lead).containsEntry("createdat", "2024-05-01T10:00:00.250Z");
        cashfin.insertLeads(2); // generated leads are late too
        assertThat(cashfin.leadCount()).isEqualTo(3);
        assertThat(cashfin.lateLeadIds()).hasSize(3).contains((String) lead.get("_id"));
        assertThat(ids("limit=10")).isEmpty();
        assertThat(pageInfo("limit=10")).containsEntry("total", 0);

        CLOCK.advance(Duration.ofMinutes(15).minusMillis(1));
        assertThat(ids("limit=10&status=new")).isEmpty();
        CLOCK.advance(Duration.ofMillis(1));
        assertThat(ids("limit=10")).hasSize(3).contains((String) lead.get("_id"));
        assertThat(cashfin.lateLeadIds()).isEmpty();
        assertThat(cashfin.leads().get(0)).containsEntry("createdat", "2024-05-01T10:00:00.250Z");
    }

    @Test
    void backdatedLeadsAppearNowWithACreatedatInThePast() {
        cashfin.insertLeads(1);
        List<Map<String, Object>> backdated = cashfin.backdatedLeads(5, Duration.ofMinutes(15));
        assertThat(backdated).extracting(l -> l.get("createdat")).containsExactly("2024-05-01T09:45:00.250Z",
                "2024-05-01T09:45:00.251Z", "2024-05-01T09:45:00.252Z", "2024-05-01T09:45:00.253Z",
                "2024-05-01T09:45:00.254Z");
        List<String> listed = ids("limit=10");
        assertThat(listed).hasSize(6);
        List<String> newestFirst = new ArrayList<>(backdated.stream().map(l -> (String) l.get("_id")).toList());
        java.util.Collections.reverse(newestFirst);
        assertThat(listed.subList(1, 6)).containsExactlyElementsOf(newestFirst);
    }

    // ------------------------------------------------------------------ churn

    private static int steps(Object status) {
        return switch (String.valueOf(status)) {
            case "new" -> 0;
            case "contacted" -> 1;
            case "qualified" -> 2;
            default -> 3;
        };
    }

    private int pipelineSteps() {
        return cashfin.leads().stream().mapToInt(l -> steps(l.get("status"))).sum();
    }

    private List<Map<String, ?>> newLeads(int count) {
        List<Map<String, ?>> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leads.add(Map.of("name", "Lead " + i, "status", "new",
                    "createdat", START.minusSeconds(100 - i).toString()));
        }
        return leads;
    }

    @Test
    void churnMovesLeadsAlongThePipelineBetweenListCallsAtTheGivenRate() {
        cashfin.insertLeads(newLeads(30));
        cashfin.churn(1.0, 3);
        for (int i = 0; i < 6; i++) {
            ids("limit=1&status=new");
        }
        assertThat(pipelineSteps()).isEqualTo(6);
        List<Object> statuses = cashfin.leads().stream().map(l -> l.get("status")).toList();
        assertThat(cashfin.leads()).filteredOn(l -> !"new".equals(l.get("status")))
                .allSatisfy(l -> assertThat(l.get("updatedat")).isEqualTo("2024-05-01T10:00:00.250Z"));

        cashfin.reset();
        cashfin.insertLeads(newLeads(30));
        cashfin.churn(1.0, 3);
        for (int i = 0; i < 6; i++) {
            ids("limit=1&status=new");
        }
        assertThat(cashfin.leads().stream().map(l -> l.get("status")).toList()).as("same seed, same changes")
                .isEqualTo(statuses);

        cashfin.churn(0.25, 9);
        int before = pipelineSteps();
        for (int i = 0; i < 40; i++) {
            ids("limit=1");
        }
        assertThat(pipelineSteps() - before).isBetween(3, 20);
        cashfin.churn(0, 0);
        before = pipelineSteps();
        ids("limit=1");
        assertThat(pipelineSteps()).isEqualTo(before);
    }

    @Test
    void churnMakesLeadsEnterAndLeaveFilteredViews() {
        cashfin.insertLeads(newLeads(10));
        cashfin.churn(1, 1);
        int mostQualified = 0;
        for (int i = 0; i < 12; i++) {
            mostQualified = Math.max(mostQualified, ids("limit=100&status=qualified").size());
        }
        assertThat(mostQualified).as("leads entered status=qualified").isPositive();
        assertThat(ids("limit=100&status=new").size()).as("leads left status=new").isLessThan(10);
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneLeadsStatusOrSourceChangesOverTheAdminApi() {
        String id = (String) cashfin.insertLeads(newLeads(1)).get(0).get("_id");
        CLOCK.advance(Duration.ofMinutes(1));
        HttpResponse<String> source = http().adminPost("/leads/" + id + "/source", "{\"source\":\"referral\"}");
        assertThat(source.statusCode()).isEqualTo(200);
        assertThat((Map<String, Object>) Http.json(source).get("lead")).containsEntry("source", "referral")
                .containsEntry("updatedat", "2024-05-01T10:01:00.250Z");
        assertThat(ids("source=referral")).containsExactly(id);
        assertThat(http().adminPost("/leads/" + id + "/status", "{\"status\":\"qualified\"}").statusCode())
                .isEqualTo(200);
        assertThat(ids("status=qualified&source=referral")).containsExactly(id);
        assertThat(http().adminPost("/leads/ffffffffffffffffffffffff/source", "{\"source\":\"ad\"}").statusCode())
                .isEqualTo(404);
        assertThat(http().adminPost("/leads/" + id + "/source", "{}").statusCode()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ limit cap

    @Test
    void aLimitCapServesAtMostNPerPageAndReportsTheCappedLimit() {
        cashfin.insertLeads(newLeads(12));
        cashfin.limitCap(5);
        assertThat(ids("limit=100")).hasSize(5);
        assertThat(pageInfo("limit=100")).containsEntry("limit", 5).containsEntry("pages", 3).containsEntry("total", 12);
        assertThat(ids("limit=100&page=3")).hasSize(2);
        assertThat(pageInfo("limit=3")).containsEntry("limit", 3).containsEntry("pages", 4);
        cashfin.limitCap(0);
        assertThat(ids("limit=100")).hasSize(12);
    }

    // ------------------------------------------------------------------ gateway pages

    @Test
    void injectedGatewayStatusesAnswerWithAnHtmlPage() {
        cashfin.gatewayErrorPages(true);
        cashfin.failNext(1, 502);
        HttpResponse<String> page = http().list("");
        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<title>502 Bad Gateway</title>")
                .doesNotContain("\"success\"").hasSizeGreaterThan(900);
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.SERVER_ERROR)).isEqualTo(1);

        cashfin.failNext(1, 503, Endpoint.CREATE);
        HttpResponse<String> unavailable = http().create("{\"name\":\"Jane\"}");
        assertThat(unavailable.body()).contains("<title>503 Service Temporarily Unavailable</title>");
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("1");
        assertThat(cashfin.leadCount()).isZero();

        cashfin.failNext(1, 500); // not a gateway status: Cashfin's own JSON
        assertThat(http().list("").body()).isEqualTo("{\"success\":false,\"error\":\"Error fetching leads\"}");
        cashfin.gatewayErrorPages(false);
        cashfin.failNext(1, 502);
        assertThat(http().list("").body()).isEqualTo("{\"success\":false,\"error\":\"Bad gateway\"}");
    }

    @Test
    void aGatewayPageInDebugModePrintsTheSecret() {
        cashfin.gatewayErrorPages(true).secretEcho(SecretEcho.ERRORS);
        cashfin.failNext(1, 502);
        HttpResponse<String> page = http().list("");
        assertThat(page.body()).contains("Authorization: " + cashfin.secret()).contains("<title>502 Bad Gateway");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    }

    // ------------------------------------------------------------------ Retry-After

    @Test
    void retryAfterIsAnImfFixdateFromTheSimulatorsClockWithAMatchingDateHeader() {
        HttpResponse<String> ok = http().list("");
        assertThat(ok.headers().allValues("Date")).containsExactly("Wed, 01 May 2024 10:00:00 GMT");

        cashfin.retryAfterFormat(RetryAfterFormat.HTTP_DATE);
        cashfin.failNext(1, 503);
        HttpResponse<String> unavailable = http().list("");
        // 10:00:00.250 + 1 s, rounded up: never earlier than the wait
        assertThat(unavailable.headers().allValues("Retry-After")).containsExactly("Wed, 01 May 2024 10:00:02 GMT");
        assertThat(unavailable.headers().allValues("Date")).containsExactly("Wed, 01 May 2024 10:00:00 GMT");

        cashfin.plan(Plan.custom(1, 0, 0)); // the first list above used this second's one call
        HttpResponse<String> limited = http().list("");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().allValues("Retry-After")).containsExactly("Wed, 01 May 2024 10:00:02 GMT");
        assertThat(Http.json(limited)).containsEntry("retry_after", 1); // the body stays in seconds

        cashfin.retryAfterFormat(RetryAfterFormat.SECONDS);
        assertThat(http().list("").headers().allValues("Retry-After")).containsExactly("1");
    }

    // ------------------------------------------------------------------ admin API, builder, flags

    @Test
    @SuppressWarnings("unchecked")
    void theAdminApiSetsEveryStrictServerSwitchAndResetTurnsThemOff() {
        http().adminPost("/tie-order", "{\"order\":\"shuffled\",\"seed\":7}");
        http().adminPost("/late-visibility", "{\"millis\":900000}");
        http().adminPost("/churn", "{\"rate\":0.5,\"seed\":3}");
        http().adminPost("/limit-cap", "{\"limit\":20}");
        http().adminPost("/gateway-error-pages", "{\"enabled\":true}");
        HttpResponse<String> last = http().adminPost("/retry-after-format", "{\"format\":\"http_date\"}");
        Map<String, Object> switches = (Map<String, Object>) Http.json(last).get("switches");
        assertThat(switches).containsEntry("tieOrder", Map.of("order", "shuffled", "seed", 7))
                .containsEntry("lateVisibilityMillis", 900000).containsEntry("limitCap", 20).containsEntry("gatewayErrorPages", true)
                .containsEntry("retryAfterFormat", "http_date");
        assertThat(String.valueOf(switches.get("churn"))).isEqualTo("{rate=0.5, seed=3}");
        HttpResponse<String> backdated = http().adminPost("/backdated-leads", "{\"count\":2,\"ageMillis\":60000}");
        assertThat(Http.json(backdated)).containsEntry("count", 2);
        assertThat(cashfin.leads()).extracting(l -> l.get("createdat")).containsExactly("2024-05-01T09:59:00.250Z",
                "2024-05-01T09:59:00.251Z");

        assertThat(http().adminPost("/tie-order", "{\"order\":\"sideways\"}").body()).contains("stable or shuffled");
        assertThat(http().adminPost("/gateway-error-pages", "{\"enabled\":\"yes\"}").body()).contains("true or false");
        assertThat(http().adminPost("/retry-after-format", "{\"format\":\"hours\"}").body()).contains("http_date");
        assertThat(http().adminPost("/churn", "{\"rate\":-1}").statusCode()).isEqualTo(400);

        http().adminPost("/tie-order", "{\"order\":\"stable\"}");
        assertThat(cashfin.switches()).containsEntry("tieOrder", switchesAfterStable());
        http().adminPost("/reset", "");
        Map<String, Object> after = cashfin.switches();
        assertThat(after).containsEntry("lateVisibilityMillis", 0L).containsEntry("limitCap", 0)
                .containsEntry("gatewayErrorPages", false).containsEntry("retryAfterFormat", "seconds");
        assertThat((Map<String, Object>) after.get("churn")).containsEntry("rate", 0.0);
    }

    private static Map<String, Object> switchesAfterStable() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("order", "stable");
        m.put("seed", null);
        return m;
    }

    @Test
    void theStandaloneFlagsAndSystemPropertiesSetTheSwitchesAndResetKeepsThem() {
        String[] flags = { "--port", "0", "--shuffle-ties", "7", "--late-visibility", "1000", "--churn", "0.5",
            "--churn-seed", "3", "--limit-cap", "20", "--gateway-error-pages", "--retry-after", "http-date" };
        Properties props = new Properties();
        props.setProperty("cashfin.shuffleTies", "7");
        props.setProperty("cashfin.lateVisibilityMillis", "1000");
        props.setProperty("cashfin.churn", "0.5");
        props.setProperty("cashfin.churnSeed", "3");
        props.setProperty("cashfin.limitCap", "20");
        props.setProperty("cashfin.gatewayErrorPages", "true");
        props.setProperty("cashfin.retryAfter", "http-date");
        for (CashfinSimulator sim : List.of(CashfinSimulatorMain.parse(flags).build(),
                CashfinWireMockExtension.fromProperties(props).build())) {
            sim.limitCap(0).gatewayErrorPages(false);
            sim.reset(); // back to the flags
            assertThat(sim.switches()).containsEntry("tieOrder", Map.of("order", "shuffled", "seed", 7L))
                    .containsEntry("lateVisibilityMillis", 1000L).containsEntry("churn", Map.of("rate", 0.5, "seed", 3L))
                    .containsEntry("limitCap", 20).containsEntry("gatewayErrorPages", true)
                    .containsEntry("retryAfterFormat", "http_date");
        }
        assertThat(CashfinSimulatorMain.usage()).contains("--shuffle-ties SEED").contains("--gateway-error-pages");
    }
}
