package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The strict list switches: dense lists, leads leaving while a client pages, malformed records, page info shape. */
class StrictListSwitchesTest {

    static final ManualClock CLOCK = new ManualClock(Instant.parse("2024-05-01T10:00:00Z"));

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder().clock(CLOCK));

    private Http http() {
        return new Http(cashfin.baseUrl(), cashfin.secret());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> data(String query) {
        return (List<Map<String, Object>>) Http.json(http().list(query)).get("data");
    }

    @Test
    void denseSeedSpacesLeadsAsAsked() {
        List<Map<String, Object>> leads = cashfin.seedLeads(3, 1, Duration.ofSeconds(1));
        assertThat(leads).extracting(l -> l.get("createdat"))
                .containsExactly("2024-05-01T09:59:57.000Z", "2024-05-01T09:59:58.000Z", "2024-05-01T09:59:59.000Z");
    }

    @Test
    void leadsAboveAPagingClientLeaveBeforeEachPageAfterTheFirst() {
        List<Map<String, Object>> seeded = cashfin.seedLeads(5, 1, Duration.ofSeconds(1));
        cashfin.leadsLeaveWhilePaging(1, Departure.DELETED);
        assertThat(data("page=1&limit=2")).extracting(l -> l.get("_id"))
                .containsExactly(seeded.get(4).get("_id"), seeded.get(3).get("_id"));
        // N5 left: page 2 is now [N2, N1], N3 slid onto page 1
        assertThat(data("page=2&limit=2")).extracting(l -> l.get("_id"))
                .containsExactly(seeded.get(1).get("_id"), seeded.get(0).get("_id"));
        assertThat(cashfin.leadCount()).isEqualTo(4);
        data("page=2&limit=2"); // the switch is used up: nothing more leaves
        assertThat(cashfin.leadCount()).isEqualTo(4);
    }

    @Test
    void aStatusChangeTakesTheLeadOutOfAStatusFilter() {
        cashfin.seedLeads(4, 1, Duration.ofSeconds(1)).forEach(l -> cashfin.updateLead((String) l.get("_id"), "new"));
        cashfin.leadsLeaveWhilePaging(2, Departure.STATUS_CHANGED);
        http().list("page=2&limit=2&status=new");
        http().list("page=2&limit=2&status=new");
        assertThat(data("page=1&limit=10&status=new")).hasSize(2);
        assertThat(cashfin.leads()).extracting(l -> l.get("status")).containsExactly("new", "new", "contacted",
                "contacted");
    }

    @Test
    void malformedRecordsKeepTheirPlaceAndCycleThroughThreeKinds() {
        List<Map<String, Object>> seeded = cashfin.seedLeads(9, 1, Duration.ofSeconds(1));
        cashfin.malformedRecords(3);
        assertThat(cashfin.malformedLeadIds()).containsExactly((String) seeded.get(2).get("_id"), (String) seeded.get(5).get("_id"),
                (String) seeded.get(8).get("_id"));
        List<Map<String, Object>> page = data("limit=10");
        assertThat(page).hasSize(9);
        assertThat(page.get(0)).doesNotContainKey("_id"); // the newest, 9th
        assertThat(page.get(3)).containsEntry("createdat", "15/01/2024 12:00"); // 6th
        assertThat(page.get(6)).doesNotContainKey("createdat"); // 3rd
        assertThat(page.get(1)).containsKeys("_id", "createdat");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pageInfoWithoutPagesOrWithoutAnyPageInfo() {
        cashfin.seedLeads(5, 1, Duration.ofSeconds(1));
        cashfin.pageInfoShape(PageInfoShape.WITHOUT_PAGES);
        Map<String, Object> body = Http.json(http().list("limit=2"));
        assertThat((Map<String, Object>) body.get("pagination")).containsOnlyKeys("total", "page", "limit");
        cashfin.pageInfoShape(PageInfoShape.NONE);
        assertThat(Http.json(http().list("limit=2"))).containsOnlyKeys("success", "data");
        assertThat(cashfin.switches()).containsEntry("pageInfoShape", "none");
    }

    @Test
    void adminApiSetsTheStrictSwitches() {
        http().adminPost("/leads-leave-while-paging", "{\"leads\":2,\"how\":\"status_changed\"}");
        http().adminPost("/malformed-records", "{\"everyNth\":7}");
        http().adminPost("/page-info-shape", "{\"shape\":\"without_pages\"}");
        assertThat(cashfin.switches()).containsEntry("leadsLeaveWhilePaging",
                Map.of("leads", 2, "how", "status_changed")).containsEntry("malformedRecords", 7)
                .containsEntry("pageInfoShape", "without_pages");
        http().adminPost("/seed", "{\"count\":3,\"spacingMillis\":1000}");
        assertThat(cashfin.leads()).extracting(l -> l.get("createdat")).contains("2024-05-01T09:59:59.000Z");
    }
}
