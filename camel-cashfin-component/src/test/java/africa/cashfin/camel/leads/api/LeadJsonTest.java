package africa.cashfin.camel.leads.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import africa.cashfin.camel.leads.model.Lead;

class LeadJsonTest {

    @Test
    void createRequestCarriesOnlyTheRequestFieldsThatAreSet() throws Exception {
        Lead lead = new Lead().setId("abc").setName("Jane").setBudget(new java.math.BigDecimal("12.50"))
                .setCreatedat(Instant.EPOCH).setActive(true).setSourceorigin("api").setAdditionalField("owner", "x");
        JsonNode sent = LeadJson.mapper().readTree(LeadJson.toCreateRequest(lead));
        assertThat(sent.size()).isEqualTo(2);
        assertThat(sent.get("name").asText()).isEqualTo("Jane");
        assertThat(sent.get("budget").isNumber()).isTrue();
        assertThat(sent.get("budget").decimalValue()).isEqualByComparingTo("12.50");
    }

    @Test
    void mapKeysMatchInAnyCaseAndUnknownKeysAreKept() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", "Jane");
        m.put("JOBTITLE", "CTO");
        m.put("budget", 5000);
        m.put("createdat", "2024-01-15T12:00:00.000Z");
        m.put("campaign", "spring");
        m.put("phone", 254722000001L);
        Lead lead = LeadJson.fromMap(m);
        assertThat(lead.getName()).isEqualTo("Jane");
        assertThat(lead.getJobtitle()).isEqualTo("CTO");
        assertThat(lead.getBudget()).isEqualByComparingTo("5000");
        assertThat(lead.getPhone()).isEqualTo("254722000001");
        assertThat(lead.getCreatedat()).isEqualTo(Instant.parse("2024-01-15T12:00:00Z"));
        assertThat(lead.getAdditionalFields()).containsEntry("campaign", "spring");
    }

    @Test
    void jsonFromStringBytesAndStreamAgree() {
        String json = "{\"name\": \" Jane \", \"status\": \"LOST\", \"email\": \"\", \"budget\": 1e3}";
        Lead a = LeadJson.fromJson(json);
        Lead b = LeadJson.fromJson(json.getBytes(StandardCharsets.UTF_8));
        Lead c = LeadJson.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(a.getName()).isEqualTo("Jane");
        assertThat(a.getStatus()).isEqualTo("lost");
        assertThat(a.getEmail()).isNull();
        assertThat(a.getBudget()).isEqualByComparingTo("1000");
    }

    @Test
    void instantsInAMapAreTakenAsTheyAre() {
        Instant at = Instant.parse("2024-01-15T12:00:00.250Z");
        Lead lead = LeadJson.fromMap(Map.of("name", "Jane", "createdat", at, "updatedat", "2024-01-16T08:00:00Z"));
        assertThat(lead.getCreatedat()).isEqualTo(at);
        assertThat(lead.getUpdatedat()).isEqualTo(Instant.parse("2024-01-16T08:00:00Z"));
    }

    @Test
    void theComponentsJsonIsWhatAnyPlainObjectMapperWrites() throws Exception {
        Lead lead = new Lead().setId("65a0c0ffee0000000000abcd").setName("Jane").setEmail("jane@acme.example")
                .setPhone("+254722000001").setCompany("Acme").setJobtitle("CTO").setIndustry("Tech")
                .setWebsite("https://acme.example").setRequest("Billing").setBudget(new java.math.BigDecimal("1250.50"))
                .setCountry("Kenya").setState("Nairobi").setAddress("1 Road").setSource("website").setStatus("new")
                .setSourceorigin("api").setActive(true).setCreatedat(Instant.parse("2024-01-15T12:00:00Z"))
                .setUpdatedat(Instant.parse("2024-01-16T08:30:00.5Z")).setAdditionalField("owner", "ops");

        String plain = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(lead);

        assertThat(LeadJson.toJson(lead)).isEqualTo(plain);
        Map<String, Object> map = LeadJson.toMap(lead);
        java.util.List<String> keys = new java.util.ArrayList<>(africa.cashfin.camel.leads.model.LeadFields.ALL);
        keys.add("owner");
        assertThat(map.keySet()).containsExactlyElementsOf(keys);
        assertThat(map).containsEntry("_id", "65a0c0ffee0000000000abcd")
                .containsEntry("createdat", "2024-01-15T12:00:00.000Z")
                .containsEntry("updatedat", "2024-01-16T08:30:00.500Z").containsEntry("active", true);
        assertThat(LeadJson.fromMap(map)).isEqualTo(lead);
        assertThat(LeadJson.fromJson(plain)).isEqualTo(lead);
    }
}
