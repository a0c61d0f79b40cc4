package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadValidationException;

/** Each validation rule fails the exchange with a message naming the field, and nothing reaches Cashfin. */
class LeadValidationRouteTest extends CashfinTestSupport {

    @BeforeEach
    void stub() {
        wm.stubFor(post("/business/lead/create").willReturn(aResponse().withStatus(500)));
    }

    @AfterEach
    void nothingWasSent() {
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").to("cashfin-leads:create");
            }
        };
    }

    private LeadValidationException failure(Object body) {
        Exchange out = send("direct:create", body);
        assertThat(out.getException()).isInstanceOf(LeadValidationException.class);
        return (LeadValidationException) out.getException();
    }

    @Test
    void nameIsRequired() {
        LeadValidationException e = failure(new Lead().setEmail("jane@acme.example"));
        assertThat(e.getProblems()).containsOnlyKeys("name");
        assertThat(e.getMessage()).contains("nothing was sent").contains("name: is required");
    }

    @Test
    void blankNameCountsAsAbsent() {
        assertThat(failure(Map.of("name", "   ")).getProblems()).containsOnlyKeys("name");
        assertThat(failure(new Lead().setName("\t")).getProblems()).containsOnlyKeys("name");
    }

    @Test
    void statusMustBeAKnownOne() {
        LeadValidationException e = failure(new Lead().setName("Jane").setStatus("hot"));
        assertThat(e.getProblems()).containsOnlyKeys("status");
        assertThat(e.getMessage()).contains("'hot'").contains("new, contacted, qualified, converted, lost");
    }

    @Test
    void budgetMustNotBeNegative() {
        LeadValidationException e = failure(new Lead().setName("Jane").setBudget(new BigDecimal("-1")));
        assertThat(e.getProblems()).containsOnlyKeys("budget");
    }

    @Test
    void budgetMustBeAFiniteNumber() {
        assertThat(failure(Map.of("name", "Jane", "budget", "lots")).getProblems().get("budget"))
                .contains("'lots' is not a number");
        assertThat(failure(Map.of("name", "Jane", "budget", Double.NaN)).getProblems().get("budget"))
                .contains("not a finite number");
        assertThat(failure("{\"name\": \"Jane\", \"budget\": \"Infinity\"}").getProblems()).containsKey("budget");
    }

    @Test
    void emailMustLookLikeAnAddress() {
        for (String bad : new String[] { "jane", "jane@", "jane@acme", "jane doe@acme.example", "@acme.example" }) {
            assertThat(failure(new Lead().setName("Jane").setEmail(bad)).getProblems()).as(bad).containsOnlyKeys("email");
        }
    }

    @Test
    void listsEveryProblemAtOnce() {
        LeadValidationException e = failure(Map.of("email", "nope", "status", "hot", "budget", "-5"));
        assertThat(e.getProblems()).containsOnlyKeys("name", "email", "budget", "status");
        assertThat(e.getMessage()).contains("4 problems").contains("name").contains("email").contains("budget")
                .contains("status");
    }

    @Test
    void bodyThatIsNotJsonOrIsEmptyIsRejected() {
        assertThat(failure("name=Jane").getProblems().get("body")).contains("not valid JSON");
        assertThat(failure("[1, 2]").getProblems().get("body")).contains("not an object");
        assertThat(failure(null).getProblems().get("body")).contains("is empty");
        assertThat(send("direct:create", 42).getException()).isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("Lead");
    }
}
