package africa.cashfin.camel.examples.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import africa.cashfin.camel.leads.model.Lead;

class HubSpotContactMapperTest {

    private final HubSpotContactMapper mapper = new HubSpotContactMapper();

    @Test
    void writesAContactWithHubSpotPropertyNames() throws Exception {
        Lead lead = new Lead().setId("64b7f0c2a1b2c3d4e5f60718").setName("Amina Wanjiku Otieno")
                .setEmail("amina@savannah.example").setPhone("+254722000001").setCompany("Savannah Solar")
                .setJobtitle("CFO").setWebsite("https://savannah.example").setIndustry("Energy").setCountry("Kenya")
                .setState("Nairobi").setAddress("Moi Avenue 1").setRequest("Demo please")
                .setBudget(new BigDecimal("50000")).setStatus("new").setSource("website");
        JsonNode json = new ObjectMapper().readTree(mapper.toJson(lead));
        assertThat(json.size()).isEqualTo(1);
        JsonNode p = json.get("properties");
        assertThat(p.get("email").asText()).isEqualTo("amina@savannah.example");
        assertThat(p.get("firstname").asText()).isEqualTo("Amina");
        assertThat(p.get("lastname").asText()).isEqualTo("Wanjiku Otieno");
        assertThat(p.get("phone").asText()).isEqualTo("+254722000001");
        assertThat(p.get("company").asText()).isEqualTo("Savannah Solar");
        assertThat(p.get("jobtitle").asText()).isEqualTo("CFO");
        assertThat(p.get("website").asText()).isEqualTo("https://savannah.example");
        assertThat(p.get("industry").asText()).isEqualTo("Energy");
        assertThat(p.get("country").asText()).isEqualTo("Kenya");
        assertThat(p.get("state").asText()).isEqualTo("Nairobi");
        assertThat(p.get("address").asText()).isEqualTo("Moi Avenue 1");
        assertThat(p.get("message").asText()).isEqualTo("Demo please");
        assertThat(p.get("lifecyclestage").asText()).isEqualTo("lead");
        assertThat(p.get("hs_lead_status").asText()).isEqualTo("NEW");
    }

    @Test
    void emptyFieldsAreLeftOut() {
        Map<String, String> p = mapper.properties(new Lead().setName("Kwame").setEmail("kwame@example.gh")
                .setCompany("  "));
        assertThat(p).containsOnly(Map.entry("email", "kwame@example.gh"), Map.entry("firstname", "Kwame"),
                Map.entry("lifecyclestage", "lead"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = { "new,NEW,lead", "contacted,CONNECTED,lead",
            "qualified,OPEN_DEAL,lead", "lost,UNQUALIFIED,lead", "converted,NULL,customer", "weird,NULL,lead",
            "NULL,NULL,lead" })
    void mapsStatuses(String status, String hsLeadStatus, String lifecycle) {
        Map<String, String> p = mapper.properties(new Lead().setName("A").setStatus(status));
        assertThat(p.get("hs_lead_status")).isEqualTo(hsLeadStatus);
        assertThat(p.get("lifecyclestage")).isEqualTo(lifecycle);
    }

    @Test
    void toContactWrapsProperties() {
        assertThat(mapper.toContact(new Lead().setName("A"))).containsOnlyKeys("properties");
    }
}
