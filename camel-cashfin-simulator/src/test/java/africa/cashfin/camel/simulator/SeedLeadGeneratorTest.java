package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed leads: deterministic, African names, companies, countries and phone formats. */
class SeedLeadGeneratorTest {

    static final ManualClock CLOCK = new ManualClock(Instant.parse("2024-02-01T00:00:00Z"));

    private static List<Map<String, Object>> seed(int count, long seed) {
        return CashfinSimulator.builder().clock(CLOCK).seedLeads(count, seed).build().leads();
    }

    @Test
    void sameSeedSameLeads() {
        assertThat(seed(40, 5)).isEqualTo(seed(40, 5));
        assertThat(seed(40, 5)).isNotEqualTo(seed(40, 6));
    }

    @Test
    void leadsLookLikeCashfinCustomers() {
        List<Map<String, Object>> leads = seed(200, 1);
        assertThat(leads).hasSize(200);
        assertThat(leads).allSatisfy(l -> {
            assertThat(l).containsOnlyKeys(LeadFields.ALL);
            String country = (String) l.get("country");
            String phone = (String) l.get("phone");
            switch (country) {
                case "Kenya":
                    assertThat(phone).matches("\\+2547\\d{8}");
                    break;
                case "Nigeria":
                    assertThat(phone).matches("\\+23480\\d{8}");
                    break;
                case "South Africa":
                    assertThat(phone).matches("\\+278\\d{8}");
                    break;
                case "Ghana":
                    assertThat(phone).matches("\\+23324\\d{7}");
                    break;
                case "Uganda":
                    assertThat(phone).matches("\\+2567\\d{8}");
                    break;
                default:
                    throw new AssertionError("unexpected country " + country);
            }
            assertThat((String) l.get("email")).contains("@").doesNotContain(" ");
            assertThat((String) l.get("_id")).matches("[0-9a-f]{24}");
            assertThat(Instant.parse((String) l.get("updatedat"))).isBeforeOrEqualTo(CLOCK.instant());
            assertThat((String) l.get("createdat")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        });
        assertThat(leads.stream().map(l -> l.get("country")).distinct()).hasSize(5);
        assertThat(leads.stream().map(l -> l.get("status")).distinct()).contains("new", "contacted");
        // creation order is oldest first, all in the past
        assertThat(Instant.parse((String) leads.get(0).get("createdat")))
                .isBefore(Instant.parse((String) leads.get(199).get("createdat")));
    }
}
