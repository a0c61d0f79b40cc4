package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.Lead;

class CreateLeadTest extends CashfinTestSupport {

    static final String CREATED = """
            {"success": true, "message": "Lead created successfully",
             "data": {"_id": "507f1f77bcf86cd799439050", "name": "Jane Smith", "email": "jane@acme.example",
                      "phone": "+254722000001", "company": "Acme Corp", "status": "new", "source": "website",
                      "budget": 50000, "sourceorigin": "api", "active": true,
                      "createdat": "2024-01-15T12:00:00.000Z", "updatedat": "2024-01-15T12:00:00.000Z",
                      "owner": "u-17"}}
            """;

    @BeforeEach
    void stubCreate() {
        wm.stubFor(post("/business/lead/create").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(CREATED)));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").to("cashfin-leads:create");
                from("direct:createFromWebsite").to("cashfin-leads:create?source=website");
                from("direct:convert").convertBodyTo(Lead.class).to("cashfin-leads:create");
            }
        };
    }

    @Test
    void createsLeadFromLeadObjectWithApiFieldNamesAndAuthorizationHeader() {
        Lead lead = new Lead().setName("Jane Smith").setEmail("jane@acme.example").setPhone("+254722000001")
                .setCompany("Acme Corp").setJobtitle("CTO").setSource("website")
                .setRequest("Interested in enterprise billing").setBudget(new BigDecimal("50000"));

        Exchange out = send("direct:create", lead);

        assertThat(out.getException()).isNull();
        wm.verify(1, postRequestedFor(urlEqualTo("/business/lead/create"))
                .withHeader("Authorization", equalTo(SECRET))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"name": "Jane Smith", "email": "jane@acme.example", "phone": "+254722000001",
                         "company": "Acme Corp", "jobtitle": "CTO", "source": "website",
                         "request": "Interested in enterprise billing", "budget": 50000}
                        """)));
        Lead created = out.getMessage().getBody(Lead.class);
        assertThat(created.getId()).isEqualTo("507f1f77bcf86cd799439050");
        assertThat(created.getCreatedat()).isEqualTo(Instant.parse("2024-01-15T12:00:00Z"));
        assertThat(created.getBudget()).isEqualByComparingTo("50000");
        assertThat(created.getActive()).isTrue();
        assertThat(created.getAdditionalFields()).containsEntry("owner", "u-17");
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID)).isEqualTo("507f1f77bcf86cd799439050");
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED)).isEqualTo(true);
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.CREATED_AT))
                .isEqualTo(Instant.parse("2024-01-15T12:00:00Z"));
    }

    @Test
    void createsLeadFromMapNormalisingBlankAndStatus() {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", "Jane Smith");
        form.put("email", "   ");
        form.put("status", "Qualified");
        form.put("budget", "1250.50");
        form.put("jobTitle", "CTO");

        Exchange out = send("direct:create", form);

        assertThat(out.getException()).isNull();
        wm.verify(1, postRequestedFor(urlEqualTo("/business/lead/create")).withRequestBody(equalToJson("""
                {"name": "Jane Smith", "status": "qualified", "budget": 1250.50, "jobtitle": "CTO"}
                """)));
    }

    @Test
    void createsLeadFromJsonTextBytesAndStream() {
        String json = "{\"name\": \"Jane Smith\", \"budget\": 10}";
        assertThat(send("direct:create", json).getException()).isNull();
        assertThat(send("direct:create", json.getBytes(StandardCharsets.UTF_8)).getException()).isNull();
        assertThat(send("direct:create", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                .getException()).isNull();
        wm.verify(3, postRequestedFor(urlEqualTo("/business/lead/create"))
                .withRequestBody(equalToJson("{\"name\": \"Jane Smith\", \"budget\": 10}")));
    }

    @Test
    void convertBodyToLeadWorksFromMap() {
        Exchange out = send("direct:convert", Map.of("name", "Jane Smith", "source", "referral"));
        assertThat(out.getException()).isNull();
        wm.verify(1, postRequestedFor(urlEqualTo("/business/lead/create"))
                .withRequestBody(equalToJson("{\"name\": \"Jane Smith\", \"source\": \"referral\"}")));
    }

    @Test
    void neverSendsResponseFieldsOrUnknownExtras() {
        Lead listed = new Lead().setId("507f1f77bcf86cd799439050").setName("Jane Smith").setSourceorigin("api")
                .setActive(true).setCreatedat(Instant.parse("2024-01-15T12:00:00Z"))
                .setUpdatedat(Instant.parse("2024-01-16T12:00:00Z")).setAdditionalField("owner", "u-17");

        assertThat(send("direct:create", listed).getException()).isNull();

        wm.verify(1, postRequestedFor(urlEqualTo("/business/lead/create"))
                .withRequestBody(equalToJson("{\"name\": \"Jane Smith\"}", false, false)));
    }

    @Test
    void sourceOptionAppliesOnlyWhenLeadHasNone() {
        send("direct:createFromWebsite", new Lead().setName("No Source"));
        send("direct:createFromWebsite", new Lead().setName("Has Source").setSource("referral"));

        wm.verify(1, postRequestedFor(urlEqualTo("/business/lead/create"))
                .withRequestBody(equalToJson("{\"name\": \"No Source\", \"source\": \"website\"}")));
        wm.verify(1, postRequestedFor(urlEqualTo("/business/lead/create"))
                .withRequestBody(equalToJson("{\"name\": \"Has Source\", \"source\": \"referral\"}")));
    }

    @Test
    void doesNotChangeTheCallersLead() {
        Lead lead = new Lead().setName("Jane").setStatus("NEW");
        send("direct:createFromWebsite", lead);
        assertThat(lead.getStatus()).isEqualTo("NEW");
        assertThat(lead.getSource()).isNull();
    }
}
