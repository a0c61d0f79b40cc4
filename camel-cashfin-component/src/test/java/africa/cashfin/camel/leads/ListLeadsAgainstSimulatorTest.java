package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.PageInfoKey;

/**
 * The list producer against the stateful simulator: paging through what is really stored, and the filters doing what
 * the server does with them (the exact error shapes stay in the WireMock-stub tests).
 */
class ListLeadsAgainstSimulatorTest extends SimulatorRouteSupport {

    /** The simulator is unlimited: do not pace these calls to the default Free-plan budget. */
    private static final String LIST = "cashfin-leads:list?plan=unlimited";

    @Test
    void pagesThroughEveryStoredLeadOnceWithTheServersPageInfo() {
        cashfin.seedLeads(25, 7);

        Set<String> ids = new HashSet<>();
        for (int page = 1; page <= 3; page++) {
            Exchange out = list("&limit=10&page=" + page);
            assertThat(out.getException()).isNull();
            assertThat(out.getMessage().getHeader(CashfinLeadsConstants.TOTAL, Long.class)).isEqualTo(25L);
            assertThat(out.getMessage().getHeader(CashfinLeadsConstants.PAGES, Integer.class)).isEqualTo(3);
            assertThat(out.getMessage().getHeader(CashfinLeadsConstants.PAGE, Integer.class)).isEqualTo(page);
            for (Lead lead : leads(out)) {
                assertThat(ids.add(lead.getId())).as("lead %s on two pages", lead.getId()).isTrue();
            }
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(storedIds());

        Exchange pastTheEnd = list("&limit=10&page=4");
        assertThat(leads(pastTheEnd)).isEmpty();
        assertThat(pastTheEnd.getMessage().getHeader(CashfinLeadsConstants.TOTAL, Long.class)).isEqualTo(25L);
    }

    @Test
    void headersOverrideTheEndpointsPageAndLimit() {
        cashfin.seedLeads(12, 3);

        Exchange out = template.send(LIST + "&limit=5", e -> {
            e.getMessage().setHeader(CashfinLeadsConstants.PAGE, 2);
            e.getMessage().setHeader(CashfinLeadsConstants.LIMIT, 10);
        });

        assertThat(out.getException()).isNull();
        assertThat(leads(out)).hasSize(2);
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.PAGES, Integer.class)).isEqualTo(2);
    }

    @Test
    void searchStatusAndSourceFiltersSelectWhatTheServerStores() {
        cashfin.seedLeads(20, 11);
        Map<String, Object> amina = cashfin.addLead(Map.of("name", "Amina Okafor", "email", "amina@kilimo.example",
                "company", "Kilimo Fresh Ltd", "source", "referral"));
        cashfin.updateLead((String) amina.get("_id"), "qualified");

        assertThat(ids(list("&search=KILIMO"))).containsExactly((String) amina.get("_id"));
        assertThat(ids(list("&status=Qualified"))).contains((String) amina.get("_id"))
                .allMatch(id -> "qualified".equals(stored(id).get("status")));
        assertThat(ids(list("&source=referral&limit=100"))).contains((String) amina.get("_id"))
                .allMatch(id -> "referral".equals(stored(id).get("source")));
    }

    @Test
    void aCreatedLeadIsListedWithTheSameFieldsAndTypes() {
        Exchange created = send("cashfin-leads:create?plan=unlimited", Map.of("name", "Kwame Mensah", "email",
                "kwame@sika.example", "budget", 1250.5, "country", "Ghana", "source", "website"));
        assertThat(created.getException()).isNull();
        String id = created.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID, String.class);

        Exchange out = list("&search=kwame@sika.example");
        List<Lead> leads = leads(out);
        assertThat(leads).hasSize(1);
        Lead listed = leads.get(0);
        assertThat(listed.getId()).isEqualTo(id);
        assertThat(listed.getBudget()).isEqualByComparingTo(new BigDecimal("1250.5"));
        assertThat(listed.getCountry()).isEqualTo("Ghana");
        assertThat(listed.getStatus()).isEqualTo("new");
        assertThat(listed.getSourceorigin()).isEqualTo("api");
        assertThat(listed.getActive()).isTrue();
        assertThat(listed.getCreatedat()).isEqualTo(created.getMessage().getBody(Lead.class).getCreatedat());
    }

    @Test
    void pageInfoUnderMetaIsReadLikePagination() {
        cashfin.seedLeads(15, 5);
        cashfin.pageInfoKey(PageInfoKey.META);

        Exchange out = list("&limit=10&page=2");

        assertThat(leads(out)).hasSize(5);
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.TOTAL, Long.class)).isEqualTo(15L);
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.PAGES, Integer.class)).isEqualTo(2);
    }

    private Exchange list(String query) {
        return send(LIST + query, null);
    }

    @SuppressWarnings("unchecked")
    private static List<Lead> leads(Exchange out) {
        assertThat(out.getException()).isNull();
        return new ArrayList<>(out.getMessage().getBody(List.class));
    }

    private static List<String> ids(Exchange out) {
        return leads(out).stream().map(Lead::getId).toList();
    }

    private static List<String> storedIds() {
        return cashfin.leads().stream().map(l -> (String) l.get("_id")).toList();
    }

    private static Map<String, Object> stored(String id) {
        return cashfin.leads().stream().filter(l -> id.equals(l.get("_id"))).findFirst().orElseThrow();
    }
}
