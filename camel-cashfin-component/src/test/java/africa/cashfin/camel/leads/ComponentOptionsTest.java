package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.api.CashfinClient;

class ComponentOptionsTest extends CashfinTestSupport {

    private void stubEmptyList() {
        wm.stubFor(get(urlPathEqualTo("/business/lead/list")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"success\": true, \"data\": []}")));
    }

    @Test
    void secretSetOnceAsComponentPropertyInCamelMain() throws Exception {
        stubEmptyList();
        Main main = new Main();
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:list").to("cashfin-leads:list?limit=5");
            }
        });
        main.addInitialProperty("camel.component.cashfin-leads.client-secret", "cs_FromProperties123");
        main.addInitialProperty("camel.component.cashfin-leads.base-url", wm.baseUrl());
        main.addInitialProperty("camel.component.cashfin-leads.source", "website");
        main.start();
        try {
            ProducerTemplate t = main.getCamelContext().createProducerTemplate();
            List<?> leads = t.requestBody("direct:list", null, List.class);
            assertThat(leads).isEmpty();
        } finally {
            main.stop();
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/business/lead/list"))
                .withHeader("Authorization", equalTo("cs_FromProperties123"))
                .withQueryParam("limit", equalTo("5")).withQueryParam("source", equalTo("website")));
    }

    @Test
    void endpointOptionsDoNotLeakIntoComponentDefaults() {
        CashfinLeadsEndpoint a = context.getEndpoint("cashfin-leads:list?limit=7&source=ads", CashfinLeadsEndpoint.class);
        CashfinLeadsEndpoint b = context.getEndpoint("cashfin-leads:list", CashfinLeadsEndpoint.class);
        assertThat(a.getConfiguration().getLimit()).isEqualTo(7);
        assertThat(b.getConfiguration().getLimit()).isNull();
        assertThat(b.getConfiguration().getSource()).isNull();
        assertThat(b.getConfiguration().getClientSecret()).isEqualTo(SECRET);
    }

    @Test
    void missingSecretFailsAtEndpointCreationSayingWhereToSetIt() {
        context.getComponent("cashfin-leads", CashfinLeadsComponent.class).getConfiguration().setClientSecret(null);
        assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:create"))
                .hasStackTraceContaining("clientSecret is required")
                .hasStackTraceContaining("camel.component.cashfin-leads.client-secret");
    }

    @Test
    void plainHttpIsRefusedUnlessLoopback() {
        assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:create?baseUrl=http://api.cashfin.africa"))
                .hasStackTraceContaining("secret would travel in clear text").hasStackTraceContaining("Use https://");
        assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:create?baseUrl=http://10.0.0.5:8080"))
                .hasStackTraceContaining("clear text");
        for (String sneaky : new String[] { "http://localhost.evil.example", "http://127.0.0.1.nip.io",
                "http://0.0.0.0:8080" }) {
            assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:create?baseUrl=" + sneaky)).as(sneaky)
                    .hasStackTraceContaining("clear text");
        }
        assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:create?baseUrl=ftp://localhost"))
                .hasStackTraceContaining("absolute http(s) URL");
        for (String ok : new String[] { "http://localhost:8080", "http://127.0.0.1:1", "http://127.5.6.7",
                "http://[::1]:9000", "https://api.cashfin.africa" }) {
            CashfinLeadsEndpoint e = context.getEndpoint("cashfin-leads:create?baseUrl=" + ok,
                    CashfinLeadsEndpoint.class);
            assertThat(e.getServiceUrl()).isEqualTo(ok);
        }
    }

    @Test
    void endpointsWithSameAccountShareOneClientClosedWhenComponentStops() throws Exception {
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        CashfinLeadsEndpoint list = context.getEndpoint("cashfin-leads:list", CashfinLeadsEndpoint.class);
        CashfinLeadsEndpoint create = context.getEndpoint("cashfin-leads:create?source=web", CashfinLeadsEndpoint.class);
        CashfinLeadsEndpoint other = context.getEndpoint("cashfin-leads:create?clientSecret=cs_other",
                CashfinLeadsEndpoint.class);
        list.start();
        create.start();
        other.start();
        CashfinClient shared = list.getClient();
        assertThat(create.getClient()).isSameAs(shared);
        assertThat(other.getClient()).isNotSameAs(shared);
        assertThat(component.getClientRegistry().size()).isEqualTo(2);

        other.stop();
        assertThat(component.getClientRegistry().size()).isEqualTo(1);

        component.stop();
        assertThat(component.getClientRegistry().size()).isZero();
    }

    /**
     * connectTimeout, responseTimeout and maxConnections have one check and one message, the client settings' (the
     * Java builder's too): an endpoint with a bad value fails at route start with it, before any call.
     */
    @Test
    void aBadTimeoutOrPoolSizeFailsAtRouteStartWithTheOneMessageOfTheClientSettings() throws Exception {
        String[][] cases = {
                { "connectTimeout=0", "connectTimeout must be a positive duration (e.g. 10s), got 0 ms" },
                { "responseTimeout=-1", "responseTimeout must be a positive duration (e.g. 10s), got -1 ms" },
                { "maxConnections=0", "maxConnections must be 1 or more, got 0" } };
        for (String[] c : cases) {
            org.apache.camel.CamelContext camel = new org.apache.camel.impl.DefaultCamelContext();
            CashfinLeadsComponent component = camel.getComponent("cashfin-leads", CashfinLeadsComponent.class);
            component.getConfiguration().setClientSecret(SECRET);
            component.getConfiguration().setBaseUrl(wm.baseUrl());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:list").to("cashfin-leads:list?" + c[0]);
                }
            });
            try {
                assertThatThrownBy(camel::start).as(c[0]).hasStackTraceContaining(c[1]);
            } finally {
                camel.stop();
            }
        }
        assertThatThrownBy(() -> africa.cashfin.camel.leads.api.CashfinClientSettings.builder().clientSecret(SECRET)
                .connectTimeout(java.time.Duration.ZERO).build()).hasMessageStartingWith(cases[0][1]);
        assertThatThrownBy(() -> africa.cashfin.camel.leads.api.CashfinClientSettings.builder().clientSecret(SECRET)
                .maxConnections(0).build()).hasMessage(cases[2][1]);
        assertThat(wm.getAllServeEvents()).as("no call").isEmpty();
    }
}
