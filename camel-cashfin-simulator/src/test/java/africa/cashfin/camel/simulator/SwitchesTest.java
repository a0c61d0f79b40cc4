package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every switch of the simulator, seen through HTTP. */
class SwitchesTest {

    static final ManualClock CLOCK = new ManualClock(Instant.parse("2024-05-01T10:00:00Z"));

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder().clock(CLOCK));

    private Http http() {
        return new Http(cashfin.baseUrl(), cashfin.secret());
    }

    @Test
    void failNextStatusFailsBeforeProcessingThenRecovers() {
        cashfin.failNext(2, 500);
        HttpResponse<String> first = http().create("{\"name\":\"A\"}");
        HttpResponse<String> second = http().list("");
        HttpResponse<String> third = http().create("{\"name\":\"A\"}");
        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(first.body()).isEqualTo("{\"success\":false,\"error\":\"Error creating lead\"}");
        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(third.statusCode()).isEqualTo(201);
        assertThat(cashfin.leadCount()).isEqualTo(1);
        assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.SERVER_ERROR)).isEqualTo(1);
        assertThat(cashfin.requestCount(Endpoint.LIST, Outcome.SERVER_ERROR)).isEqualTo(1);
        assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.OK)).isEqualTo(1);
    }

    @Test
    void failNext429And503CarryRetryAfter() {
        cashfin.failNext(1, 429).failNext(1, 503);
        HttpResponse<String> limited = http().create("{\"name\":\"A\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Http.json(limited)).containsEntry("retry_after", 1)
                .containsEntry("error", "Rate limit exceeded. Please try again later.");
        HttpResponse<String> unavailable = http().create("{\"name\":\"A\"}");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(cashfin.leadCount()).isZero();
        assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void failNextFaultResetsTheConnection() {
        cashfin.failNext(1, Fault.CONNECTION_RESET_BY_PEER);
        assertThatThrownBy(() -> http().create("{\"name\":\"A\"}")).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(cashfin.leadCount()).isZero();
        assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.FAULT)).isEqualTo(1);
        assertThat(http().create("{\"name\":\"A\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void failNextCanBeRestrictedToOneEndpoint() {
        cashfin.failNext(1, 502, Endpoint.LIST);
        assertThat(http().create("{\"name\":\"A\"}").statusCode()).isEqualTo(201);
        assertThat(http().list("").statusCode()).isEqualTo(502);
        assertThat(http().list("").statusCode()).isEqualTo(200);
    }

    @Test
    void failNextAfterProcessingStoresTheLeadButAnswersWithAnError() {
        cashfin.failNextAfterProcessing(1, 500);
        HttpResponse<String> response = http().create("{\"name\":\"Ambiguous\"}");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(cashfin.leads()).singleElement().satisfies(l -> assertThat(l).containsEntry("name", "Ambiguous"));

        cashfin.failNextAfterProcessing(1, Fault.EMPTY_RESPONSE, Endpoint.CREATE);
        assertThatThrownBy(() -> http().create("{\"name\":\"Lost answer\"}")).isInstanceOf(UncheckedIOException.class);
        assertThat(cashfin.leadCount()).isEqualTo(2);
        assertThat(cashfin.requestCount(Endpoint.CREATE, Outcome.FAULT)).isEqualTo(1);
    }

    @Test
    void failNextAfterProcessingWaitsForASuccessfulRequest() {
        cashfin.failNextAfterProcessing(1, 500);
        assertThat(http().create("{}").statusCode()).isEqualTo(400);
        assertThat(http().create("{\"name\":\"A\"}").statusCode()).isEqualTo(500);
        assertThat(cashfin.leadCount()).isEqualTo(1);
    }

    @Test
    void randomFailureRateIsSeededAndReproducible() {
        List<Integer> run1 = statuses(0.3, 99);
        cashfin.reset();
        List<Integer> run2 = statuses(0.3, 99);
        assertThat(run1).isEqualTo(run2);
        assertThat(run1).contains(500, 201);
        assertThat(cashfin.leadCount()).isEqualTo((int) run2.stream().filter(s -> s == 201).count());
        cashfin.randomFailureRate(0, 0);
        assertThat(statuses(0, 0)).containsOnly(201);
    }

    private List<Integer> statuses(double rate, long seed) {
        cashfin.randomFailureRate(rate, seed);
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.add(http().create("{\"name\":\"R\"}").statusCode());
        }
        return out;
    }

    @Test
    void latencyDelaysAnswers() {
        cashfin.latency(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(http().list("").statusCode()).isEqualTo(200);
        // lower bound only: a delay can never make the answer come sooner
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(cashfin.switches()).containsEntry("latencyMillis", 300);
    }

    @Test
    @SuppressWarnings("unchecked")
    void busyCrmInsertsLeadsBeforeEachPageSoItemsShift() {
        for (int i = 1; i <= 10; i++) {
            cashfin.addLead(Map.of("name", "Old " + i, "createdat", Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i)));
        }
        cashfin.busyCrm(3);
        Map<String, Object> page1 = Http.json(http().list("limit=5"));
        Map<String, Object> page2 = Http.json(http().list("limit=5&page=2"));
        List<Map<String, Object>> p1 = (List<Map<String, Object>>) page1.get("data");
        List<Map<String, Object>> p2 = (List<Map<String, Object>>) page2.get("data");
        // page 1: 3 new + Old 10, Old 9; then 3 more new arrive: page 2 starts with Old 9's neighbours shifted
        assertThat(p1.get(3).get("name")).isEqualTo("Old 10");
        assertThat(p2.stream().map(m -> m.get("name"))).contains("Old 10");
        assertThat(((Map<String, Object>) page2.get("pagination")).get("total")).isEqualTo(16);
        assertThat(cashfin.leadCount()).isEqualTo(16);
        assertThat(cashfin.listCalls()).isEqualTo(2);
    }

    @Test
    void updateLeadChangesStatusAndBumpsUpdatedAt() {
        String id = (String) cashfin.addLead(Map.of("name", "Ama Owusu")).get("_id");
        CLOCK.advance(Duration.ofMinutes(5));
        Map<String, Object> updated = cashfin.updateLead(id, "qualified");
        assertThat(updated).containsEntry("status", "qualified")
                .containsEntry("createdat", "2024-05-01T10:00:00.000Z")
                .containsEntry("updatedat", "2024-05-01T10:05:00.000Z");
        assertThat(Http.json(http().list("status=qualified")).get("data")).asList().hasSize(1);
        assertThatThrownBy(() -> cashfin.updateLead("000000000000000000000000", "lost"))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void insertLeadsAndAddLeadAreNotCounted() {
        List<Map<String, Object>> generated = cashfin.insertLeads(5);
        cashfin.insertLeads(List.of(Map.of("name", "X"), Map.of("name", "Y")));
        assertThat(generated).hasSize(5).allSatisfy(l -> assertThat(l).containsKey("_id"));
        assertThat(cashfin.leadCount()).isEqualTo(7);
        assertThat(cashfin.totalRequests()).isZero();
        assertThatThrownBy(() -> cashfin.addLead(Map.of("email", "no-name@example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> cashfin.addLead(Map.of("name", "X", "colour", "red")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
    }

    @Test
    void resetRestoresDefaults() {
        cashfin.failNext(5, 500).latency(Duration.ofMillis(10)).busyCrm(2).sortOrder(SortOrder.OLDEST_FIRST)
                .pageInfoKey(PageInfoKey.META).plan(Plan.FREE);
        cashfin.insertLeads(3);
        http().list("");
        cashfin.reset();
        assertThat(cashfin.leadCount()).isZero();
        assertThat(cashfin.totalRequests()).isZero();
        assertThat(cashfin.plan()).isSameAs(Plan.UNLIMITED);
        Map<String, Object> body = Http.json(http().list(""));
        assertThat(body).containsKey("pagination");
        assertThat(cashfin.leadCount()).isZero();
    }

    @Test
    void badSwitchValuesAreRejectedWithClearMessages() {
        assertThatThrownBy(() -> cashfin.failNext(0, 500)).hasMessageContaining("count");
        assertThatThrownBy(() -> cashfin.failNext(1, 200)).hasMessageContaining("4xx/5xx");
        assertThatThrownBy(() -> cashfin.randomFailureRate(1.5, 1)).hasMessageContaining("between 0.0 and 1.0");
        assertThatThrownBy(() -> cashfin.busyCrm(-1)).hasMessageContaining("0 or more");
    }
}
