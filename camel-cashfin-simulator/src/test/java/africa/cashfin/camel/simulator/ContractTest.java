package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The documented example requests against the simulator: exact envelopes, field names and JSON types. */
class ContractTest {

    static final String DOC_CREATE = "{\"name\": \"Jane Smith\", \"email\": \"jane@example.com\","
            + " \"phone\": \"+254722000001\", \"company\": \"Acme Corp\", \"jobtitle\": \"CTO\","
            + " \"source\": \"website\", \"request\": \"Interested in enterprise billing solution\", \"budget\": 50000}";

    static final ManualClock CLOCK = new ManualClock(Instant.parse("2024-01-15T12:00:00Z"));
    static CashfinSimulator sim;
    static Http http;

    @BeforeAll
    static void start() {
        sim = CashfinSimulator.builder().clock(CLOCK).start();
        http = new Http(sim.baseUrl(), sim.secret());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
        CLOCK.set(Instant.parse("2024-01-15T12:00:00Z"));
    }

    @Test
    void documentedCreateGivesDocumentedEnvelope() {
        HttpResponse<String> response = http.create(DOC_CREATE);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        Map<String, Object> body = Http.json(response);
        assertThat(body).containsOnlyKeys("success", "message", "data");
        assertThat(body.get("success")).isEqualTo(true);
        assertThat(body.get("message")).isEqualTo("Lead created successfully");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        assertThat(data).containsOnlyKeys(LeadFields.ALL);
        assertThat(data).containsEntry("name", "Jane Smith").containsEntry("email", "jane@example.com")
                .containsEntry("phone", "+254722000001").containsEntry("company", "Acme Corp")
                .containsEntry("jobtitle", "CTO").containsEntry("source", "website")
                .containsEntry("request", "Interested in enterprise billing solution")
                .containsEntry("status", "new").containsEntry("sourceorigin", "api").containsEntry("active", true)
                .containsEntry("createdat", "2024-01-15T12:00:00.000Z")
                .containsEntry("updatedat", "2024-01-15T12:00:00.000Z")
                .containsEntry("country", null).containsEntry("industry", null);
        assertThat(data.get("budget")).isInstanceOf(Number.class);
        assertThat(((Number) data.get("budget")).intValue()).isEqualTo(50000);
        String id = (String) data.get("_id");
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(Long.parseLong(id.substring(0, 8), 16)).isEqualTo(Instant.parse("2024-01-15T12:00:00Z").getEpochSecond());
        assertThat(sim.leads()).singleElement().isEqualTo(data);
    }

    @Test
    void documentedListGivesDocumentedEnvelope() {
        http.create(DOC_CREATE);
        HttpResponse<String> response = http.list("page=1&limit=10&status=new");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = Http.json(response);
        assertThat(body).containsOnlyKeys("success", "data", "pagination");
        assertThat(body.get("success")).isEqualTo(true);
        assertThat(body.get("pagination")).isEqualTo(Map.of("total", 1, "page", 1, "limit", 10, "pages", 1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data = (List<Map<String, Object>>) body.get("data");
        assertThat(data).hasSize(1);
        Map<String, Object> lead = data.get(0);
        assertThat(lead).containsOnlyKeys(LeadFields.ALL).containsEntry("country", null)
                .containsEntry("createdat", "2024-01-15T12:00:00.000Z")
                .containsEntry("updatedat", "2024-01-15T12:00:00.000Z");
        assertThat(lead.get("_id")).isInstanceOf(String.class);
        assertThat(lead.get("active")).isInstanceOf(Boolean.class);
        assertThat(lead.get("budget")).isInstanceOf(Number.class);
    }

    @Test
    void missingOrBlankNameGivesDocumentedError() {
        for (String body : List.of("{\"email\": \"a@b.c\"}", "{\"name\": \"\"}", "{\"name\": \"   \"}", "{\"name\": null}")) {
            HttpResponse<String> response = http.create(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"success\":false,\"error\":\"Key: 'ApiLeadRequest.Name' Error:"
                    + "Field validation for 'Name' failed on the 'required' tag\"}");
        }
        assertThat(sim.leadCount()).isZero();
        assertThat(sim.requestCount(Endpoint.CREATE, Outcome.CLIENT_ERROR)).isEqualTo(4);
    }

    @Test
    void malformedJsonGivesClearError() {
        HttpResponse<String> response = http.create("{\"name\": \"Jane\"");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response)).containsEntry("success", false);
        assertThat((String) Http.json(response).get("error")).contains("Invalid JSON body");

        HttpResponse<String> array = http.create("[1,2]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat((String) Http.json(array).get("error")).contains("cannot unmarshal array");

        HttpResponse<String> wrongType = http.create("{\"name\": \"Jane\", \"budget\": \"lots\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat((String) Http.json(wrongType).get("error")).contains("ApiLeadRequest.budget");
        assertThat(sim.leadCount()).isZero();
    }

    @Test
    void emptyBodyIsRejectedAndUtf8NamesSurvive() {
        HttpResponse<String> empty = http.create("");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat((String) Http.json(empty).get("error")).startsWith("Empty request body");

        HttpResponse<String> created = http.create("{\"name\": \"Ngozi \u1ECCkafor \u2013 \\\"CEO\\\"\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(sim.leads()).singleElement().satisfies(l -> assertThat(l.get("name")).isEqualTo("Ngozi \u1ECCkafor \u2013 \"CEO\""));
        assertThat(Http.json(http.list("search=%E1%BB%8Ckafor")).get("data")).asList().singleElement()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "Ngozi \u1ECCkafor \u2013 \"CEO\"");
    }

    @Test
    void wrongOrMissingSecretGivesDocumented401() {
        for (String auth : new String[] {null, "cs_wrong", "Bearer " + sim.secret()}) {
            HttpResponse<String> create = Http.send(http.request("/business/lead/create", auth)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(DOC_CREATE)));
            HttpResponse<String> list = Http.send(http.request("/business/lead/list", auth).GET());
            for (HttpResponse<String> r : List.of(create, list)) {
                assertThat(r.statusCode()).isEqualTo(401);
                assertThat(r.body()).isEqualTo("{\"success\":false,\"message\":\"Unauthorized access!\"}");
                assertThat(r.headers().firstValue("X-RateLimit-Limit")).isPresent();
            }
        }
        assertThat(sim.leadCount()).isZero();
        assertThat(sim.requestCount(Outcome.CLIENT_ERROR)).isEqualTo(6);
    }

    @Test
    void statusGivenOnCreateIsKept() {
        Map<String, Object> body = Http.json(http.create("{\"name\": \"Kofi Mensah\", \"status\": \"contacted\"}"));
        assertThat(body.get("data")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("status", "contacted");
    }

    @Test
    void unknownRouteGives404Json() {
        HttpResponse<String> r = Http.send(http.request("/business/lead/delete", sim.secret()).GET());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Http.json(r)).containsEntry("success", false);
        assertThat(sim.totalRequests()).isZero();
    }

    @Test
    void everyResponseCarriesRateLimitHeaders() {
        for (HttpResponse<String> r : List.of(http.create(DOC_CREATE), http.list(""), http.create("{}"))) {
            assertThat(r.headers().firstValue("X-RateLimit-Limit")).isPresent();
            assertThat(r.headers().firstValue("X-RateLimit-Remaining")).isPresent();
            assertThat(r.headers().firstValue("X-RateLimit-Reset")).isPresent();
        }
    }
}
