package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.Lead;

class ListLeadsTest extends CashfinTestSupport {

    static final String LEADS = """
            [{"_id": "507f1f77bcf86cd799439050", "name": "Jane Smith", "email": "jane@acme.example",
              "status": "new", "source": "website", "country": null, "budget": 50000,
              "createdat": "2024-01-15T12:00:00.000Z", "updatedat": "2024-01-16T08:30:00.000Z"},
             {"_id": "507f1f77bcf86cd799439051", "name": "John Doe", "status": "contacted",
              "createdat": "2024-01-14T12:00:00.000Z"}]
            """;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:list").to("cashfin-leads:list");
                from("direct:filtered")
                        .to("cashfin-leads:list?page=2&limit=25&search=acme&status=Qualified&source=website");
            }
        };
    }

    private void stubList(String pageKey) {
        wm.stubFor(get(urlPathEqualTo("/business/lead/list")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"success\": true, \"data\": " + LEADS
                        + ", \"" + pageKey + "\": {\"total\": 42, \"page\": 2, \"limit\": 25, \"pages\": 2}}")));
    }

    @Test
    void readsAPageWithPaginationKey() {
        stubList("pagination");
        Exchange out = send("direct:list", null);

        assertThat(out.getException()).isNull();
        List<?> body = out.getMessage().getBody(List.class);
        assertThat(body).hasSize(2).allMatch(Lead.class::isInstance);
        Lead first = (Lead) body.get(0);
        assertThat(first.getId()).isEqualTo("507f1f77bcf86cd799439050");
        assertThat(first.getUpdatedat()).isEqualTo(Instant.parse("2024-01-16T08:30:00Z"));
        assertThat(first.getCountry()).isNull();
        assertThat(out.getMessage().getHeaders()).containsEntry(CashfinLeadsConstants.TOTAL, 42L)
                .containsEntry(CashfinLeadsConstants.PAGE, 2).containsEntry(CashfinLeadsConstants.LIMIT, 25)
                .containsEntry(CashfinLeadsConstants.PAGES, 2);
        wm.verify(getRequestedFor(urlPathEqualTo("/business/lead/list")).withHeader("Authorization", equalTo(SECRET))
                .withoutQueryParam("page").withoutQueryParam("limit"));
    }

    @Test
    void readsAPageWithMetaKey() {
        stubList("meta");
        Exchange out = send("direct:list", null);
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.TOTAL)).isEqualTo(42L);
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.PAGES)).isEqualTo(2);
    }

    @Test
    void sendsEveryOptionAsQueryParameter() {
        stubList("pagination");
        assertThat(send("direct:filtered", null).getException()).isNull();
        wm.verify(getRequestedFor(urlPathEqualTo("/business/lead/list")).withQueryParam("page", equalTo("2"))
                .withQueryParam("limit", equalTo("25")).withQueryParam("search", equalTo("acme"))
                .withQueryParam("status", equalTo("qualified")).withQueryParam("source", equalTo("website")));
    }

    @Test
    void headersOverrideOptions() {
        stubList("pagination");
        Exchange out = template.send("direct:filtered", e -> e.getMessage().setHeaders(Map.of(
                CashfinLeadsConstants.PAGE, "3", CashfinLeadsConstants.LIMIT, 100,
                CashfinLeadsConstants.SEARCH, "jane smith", CashfinLeadsConstants.STATUS, "LOST",
                CashfinLeadsConstants.SOURCE, "referral")));
        assertThat(out.getException()).isNull();
        wm.verify(getRequestedFor(urlPathEqualTo("/business/lead/list")).withQueryParam("page", equalTo("3"))
                .withQueryParam("limit", equalTo("100")).withQueryParam("search", equalTo("jane smith"))
                .withQueryParam("status", equalTo("lost")).withQueryParam("source", equalTo("referral")));
    }

    @Test
    void emptyPageWithoutPageInfo() {
        wm.stubFor(get(urlPathEqualTo("/business/lead/list")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"success\": true, \"data\": []}")));
        Exchange out = send("direct:list", null);
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(List.class)).isEmpty();
        assertThat(out.getMessage().getHeader(CashfinLeadsConstants.TOTAL)).isNull();
    }

    @Test
    void limitOutOfRangeInHeaderFailsWithoutRequest() {
        for (Object bad : new Object[] { 0, 101, "many" }) {
            Exchange out = template.send("direct:list", e -> e.getMessage().setHeader(CashfinLeadsConstants.LIMIT, bad));
            assertThat(out.getException()).as("limit %s", bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(CashfinLeadsConstants.LIMIT);
        }
        Exchange out = template.send("direct:list", e -> e.getMessage().setHeader(CashfinLeadsConstants.STATUS, "hot"));
        assertThat(out.getException()).hasMessageContaining("'hot' is not a lead status");
        out = template.send("direct:list", e -> e.getMessage().setHeader(CashfinLeadsConstants.PAGE, 0));
        assertThat(out.getException()).hasMessageContaining("1-based");
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void limitOutOfRangeFailsAtEndpointCreation() {
        assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:list?limit=500"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasStackTraceContaining("limit option must be between 1 and 100");
        assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:list?status=hot"))
                .hasStackTraceContaining("is not a lead status");
        assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:remove"))
                .hasStackTraceContaining("Unknown cashfin-leads operation 'remove'; use one of create, list");
    }
}
