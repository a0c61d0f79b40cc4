package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JSON admin API under /__cashfin: switches and inspection over HTTP, never counted nor rate limited. */
class AdminApiTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder().plan(Plan.FREE));

    private Http http() {
        return new Http(cashfin.baseUrl(), cashfin.secret());
    }

    @Test
    @SuppressWarnings("unchecked")
    void seedLeadsAndStatsAreReadable() {
        HttpResponse<String> seeded = http().adminPost("/seed", "{\"count\": 12, \"seed\": 3}");
        assertThat(seeded.statusCode()).isEqualTo(200);
        assertThat(Http.json(seeded)).containsEntry("count", 12);
        http().create("{\"name\":\"Jane\"}");
        http().create("{}");

        Map<String, Object> leads = Http.json(http().adminGet("/leads"));
        assertThat(leads).containsEntry("count", 13);
        assertThat((List<Object>) leads.get("leads")).hasSize(13);

        Map<String, Object> stats = Http.json(http().adminGet("/stats"));
        assertThat(stats).containsEntry("leads", 13);
        Map<String, Object> create = (Map<String, Object>) ((Map<String, Object>) stats.get("requests")).get("create");
        assertThat(create).containsEntry("ok", 1).containsEntry("client_error", 1).containsEntry("total", 2);
        assertThat(cashfin.totalRequests()).isEqualTo(2);
    }

    @Test
    void adminCallsAreNotRateLimited() {
        for (int i = 0; i < 20; i++) {
            assertThat(http().adminGet("/stats").statusCode()).isEqualTo(200);
        }
        assertThat(http().list("").statusCode()).isEqualTo(200);
        assertThat(cashfin.totalRequests()).isEqualTo(1);
    }

    @Test
    void failNextOverHttp() {
        assertThat(http().adminPost("/fail-next", "{\"count\":2,\"status\":500,\"endpoint\":\"create\"}").statusCode())
                .isEqualTo(200);
        assertThat(http().list("").statusCode()).isEqualTo(200);
        assertThat(http().create("{\"name\":\"A\"}").statusCode()).isEqualTo(500);
        assertThat(http().create("{\"name\":\"A\"}").statusCode()).isEqualTo(500);
        assertThat(http().create("{\"name\":\"A\"}").statusCode()).isEqualTo(201);

        http().adminPost("/fail-next", "{\"count\":1,\"status\":503,\"afterProcessing\":true}");
        assertThat(http().create("{\"name\":\"B\"}").statusCode()).isEqualTo(503);
        assertThat(cashfin.leadCount()).isEqualTo(2);

        http().adminPost("/fail-next-after-processing", "{\"fault\":\"CONNECTION_RESET_BY_PEER\"}");
        assertThat(cashfin.switches().get("failNextAfterProcessing")).asList().hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySwitchCanBeFlippedAndReset() {
        http().adminPost("/sort-order", "{\"order\":\"oldest_first\"}");
        http().adminPost("/page-info-key", "{\"key\":\"meta\"}");
        http().adminPost("/latency", "{\"millis\":5}");
        http().adminPost("/busy-crm", "{\"leadsPerPage\":2}");
        http().adminPost("/random-failures", "{\"rate\":0.0,\"seed\":1}");
        HttpResponse<String> plan = http().adminPost("/plan", "{\"perSecond\":100,\"perMinute\":1000}");
        Map<String, Object> switches = (Map<String, Object>) Http.json(plan).get("switches");
        assertThat(switches).containsEntry("sortOrder", "oldest_first").containsEntry("pageInfoKey", "meta")
                .containsEntry("latencyMillis", 5).containsEntry("busyCrm", 2);
        assertThat((Map<String, Object>) switches.get("plan")).containsEntry("name", "custom")
                .containsEntry("perSecond", 100);

        Map<String, Object> listed = Http.json(http().list(""));
        assertThat(listed).containsKey("meta");
        assertThat(cashfin.leadCount()).isEqualTo(2);

        assertThat(http().adminPost("/reset", "").statusCode()).isEqualTo(200);
        Map<String, Object> after = Http.json(http().adminGet("/switches"));
        assertThat(after).containsEntry("sortOrder", "newest_first").containsEntry("pageInfoKey", "pagination")
                .containsEntry("latencyMillis", 0).containsEntry("busyCrm", 0);
        assertThat((Map<String, Object>) after.get("plan")).containsEntry("name", "free");
        assertThat(cashfin.leadCount()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void addLeadAndUpdateStatusOverHttp() {
        HttpResponse<String> added = http().adminPost("/leads",
                "{\"name\":\"Thabo Nkosi\",\"createdat\":\"2024-01-15T12:00:00.000Z\"}");
        assertThat(added.statusCode()).isEqualTo(200);
        Map<String, Object> lead = (Map<String, Object>) Http.json(added).get("lead");
        assertThat(lead).containsEntry("createdat", "2024-01-15T12:00:00.000Z").containsEntry("status", "new");

        HttpResponse<String> updated = http().adminPost("/leads/" + lead.get("_id") + "/status", "{\"status\":\"converted\"}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat((Map<String, Object>) Http.json(updated).get("lead")).containsEntry("status", "converted");

        assertThat(http().adminPost("/leads/ffffffffffffffffffffffff/status", "{\"status\":\"lost\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void badAdminRequestsGiveClearErrors() {
        HttpResponse<String> badJson = http().adminPost("/fail-next", "{not json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("not valid JSON");
        HttpResponse<String> badStatus = http().adminPost("/fail-next", "{\"count\":1,\"status\":\"boom\"}");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("'status' must be a JSON number");
        HttpResponse<String> badOrder = http().adminPost("/sort-order", "{\"order\":\"sideways\"}");
        assertThat(badOrder.statusCode()).isEqualTo(400);
        assertThat(badOrder.body()).contains("newest_first or oldest_first");
        HttpResponse<String> badEndpoint = http().adminPost("/fail-next", "{\"status\":500,\"endpoint\":\"delete\"}");
        assertThat(badEndpoint.statusCode()).isEqualTo(400);
        assertThat(badEndpoint.body()).contains("use create or list");
        HttpResponse<String> badFault = http().adminPost("/fail-next", "{\"fault\":\"EXPLODE\"}");
        assertThat(badFault.statusCode()).isEqualTo(400);
        assertThat(badFault.body()).contains("CONNECTION_RESET_BY_PEER");
        assertThat(http().adminGet("/nothing-here").statusCode()).isEqualTo(404);
    }
}
