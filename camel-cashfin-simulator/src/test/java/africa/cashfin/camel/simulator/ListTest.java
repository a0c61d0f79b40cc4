package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** List paging, limits, filters, search and sort order. */
class ListTest {

    static final ManualClock CLOCK = new ManualClock(Instant.parse("2024-03-01T08:00:00Z"));

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder().clock(CLOCK));

    private Http http() {
        return new Http(cashfin.baseUrl(), cashfin.secret());
    }

    private void createNamed(int count) {
        for (int i = 1; i <= count; i++) {
            cashfin.addLead(Map.of("name", "Lead " + i, "createdat", CLOCK.instant()));
            CLOCK.advance(Duration.ofSeconds(1));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("data")).stream().map(m -> (String) m.get("name"))
                .collect(Collectors.toList());
    }

    @Test
    void pagesNewestFirstByDefault() {
        createNamed(25);
        Map<String, Object> page1 = Http.json(http().list(""));
        assertThat(names(page1)).hasSize(10).startsWith("Lead 25", "Lead 24").endsWith("Lead 16");
        assertThat(page1.get("pagination")).isEqualTo(Map.of("total", 25, "page", 1, "limit", 10, "pages", 3));
        Map<String, Object> page3 = Http.json(http().list("page=3"));
        assertThat(names(page3)).containsExactly("Lead 5", "Lead 4", "Lead 3", "Lead 2", "Lead 1");
    }

    @Test
    void pastTheEndGivesEmptyDataWithCorrectPagination() {
        createNamed(3);
        Map<String, Object> body = Http.json(http().list("page=7&limit=2"));
        assertThat(names(body)).isEmpty();
        assertThat(body.get("pagination")).isEqualTo(Map.of("total", 3, "page", 7, "limit", 2, "pages", 2));
    }

    @Test
    void limitIsClampedAndBadNumbersFallBackToDefaults() {
        createNamed(120);
        assertThat(Http.json(http().list("limit=500")).get("pagination"))
                .isEqualTo(Map.of("total", 120, "page", 1, "limit", 100, "pages", 2));
        assertThat(names(Http.json(http().list("limit=500")))).hasSize(100);
        assertThat(Http.json(http().list("limit=0&page=-3")).get("pagination"))
                .isEqualTo(Map.of("total", 120, "page", 1, "limit", 10, "pages", 12));
        assertThat(Http.json(http().list("limit=abc&page=x")).get("pagination"))
                .isEqualTo(Map.of("total", 120, "page", 1, "limit", 10, "pages", 12));
    }

    @Test
    void searchIsCaseInsensitiveOverNameEmailPhoneCompany() {
        cashfin.addLead(Map.of("name", "Wanjiru Kamau"));
        cashfin.addLead(Map.of("name", "A", "email", "ops@SAFARI.example"));
        cashfin.addLead(Map.of("name", "B", "phone", "+254722000001"));
        cashfin.addLead(Map.of("name", "C", "company", "Safaricom PLC"));
        cashfin.addLead(Map.of("name", "D", "request", "safari trip", "jobtitle", "Safari guide"));
        assertThat(names(Http.json(http().list("search=wanjiru")))).containsExactly("Wanjiru Kamau");
        assertThat(names(Http.json(http().list("search=SaFaRi")))).containsExactlyInAnyOrder("A", "C");
        assertThat(names(Http.json(http().list("search=722000")))).containsExactly("B");
        assertThat(names(Http.json(http().list("search=%2B254")))).containsExactly("B");
        assertThat(Http.json(http().list("search=safari")).get("pagination"))
                .isEqualTo(Map.of("total", 2, "page", 1, "limit", 10, "pages", 1));
    }

    @Test
    void statusAndSourceFiltersAreExactAndCaseInsensitive() {
        cashfin.addLead(Map.of("name", "N1", "status", "new", "source", "website"));
        cashfin.addLead(Map.of("name", "N2", "status", "new", "source", "referral"));
        cashfin.addLead(Map.of("name", "C1", "status", "contacted", "source", "website"));
        cashfin.addLead(Map.of("name", "C2", "status", "newish", "source", "websites"));
        assertThat(names(Http.json(http().list("status=NEW")))).containsExactlyInAnyOrder("N1", "N2");
        assertThat(names(Http.json(http().list("source=Website")))).containsExactlyInAnyOrder("N1", "C1");
        assertThat(names(Http.json(http().list("status=new&source=website")))).containsExactly("N1");
    }

    @Test
    void oldestFirstAndTieBreakOnIdInTheSameDirection() {
        CLOCK.set(Instant.parse("2024-03-01T09:00:00Z"));
        // equal createdat for all three: the clock does not move
        Http http = http();
        String a = idOf(http.create("{\"name\":\"first\"}"));
        String b = idOf(http.create("{\"name\":\"second\"}"));
        String c = idOf(http.create("{\"name\":\"third\"}"));
        assertThat(a.compareTo(b)).isNegative();
        assertThat(b.compareTo(c)).isNegative();
        assertThat(names(Http.json(http.list("")))).containsExactly("third", "second", "first");
        cashfin.sortOrder(SortOrder.OLDEST_FIRST);
        assertThat(names(Http.json(http.list("")))).containsExactly("first", "second", "third");
        assertThat(names(Http.json(http.list("limit=2&page=2")))).containsExactly("third");
    }

    @Test
    void pageInfoKeyCanBeMeta() {
        createNamed(1);
        cashfin.pageInfoKey(PageInfoKey.META);
        Map<String, Object> body = Http.json(http().list(""));
        assertThat(body).containsOnlyKeys("success", "data", "meta");
        assertThat(body.get("meta")).isEqualTo(Map.of("total", 1, "page", 1, "limit", 10, "pages", 1));
    }

    @SuppressWarnings("unchecked")
    private static String idOf(java.net.http.HttpResponse<String> response) {
        return (String) ((Map<String, Object>) Http.json(response).get("data")).get("_id");
    }
}
