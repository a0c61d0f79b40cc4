package africa.cashfin.camel.leads.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.PrintStream;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import com.github.tomakehurst.wiremock.WireMockServer;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadValidationException;

/**
 * The README's route, runnable without a Cashfin account: a local WireMock server answers as the Cashfin Leads API
 * does (Cashfin has no sandbox). Creates a lead from JSON, lists leads, and shows a rejected lead.
 */
public final class ReadmeDemo {

    private ReadmeDemo() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the demo, printing what happens to {@code out}. */
    public static void run(PrintStream out) throws Exception {
        WireMockServer cashfin = new WireMockServer(wireMockConfig().dynamicPort().http2PlainDisabled(true));
        cashfin.start();
        try (CamelContext camel = new DefaultCamelContext()) {
            stubCashfin(cashfin);
            // normally: camel.component.cashfin-leads.client-secret = ${env:CASHFIN_CLIENT_SECRET}
            CashfinLeadsComponent leads = camel.getComponent("cashfin-leads", CashfinLeadsComponent.class);
            leads.getConfiguration().setClientSecret("cs_demoSecret");
            leads.getConfiguration().setBaseUrl(cashfin.baseUrl());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(LeadValidationException.class).handled(true)
                            .log(LoggingLevel.WARN, "Lead rejected: ${exception.message}");

                    from("direct:new-lead")
                            .to("cashfin-leads:create?source=website")
                            .log("Created lead ${header.CamelCashfinLeadId}");
                    from("direct:report")
                            .to("cashfin-leads:list?limit=100&status=new")
                            .log("${header.CamelCashfinTotal} new leads");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();

            Lead created = template.requestBody("direct:new-lead",
                    "{\"name\": \"Jane Smith\", \"email\": \"jane@acme.example\", \"company\": \"Acme Corp\"}",
                    Lead.class);
            out.println("create -> " + created + " (source " + created.getSource() + ")");

            Exchange listed = template.request("direct:report", e -> {
            });
            List<?> page = listed.getMessage().getBody(List.class);
            out.println("list   -> " + page.size() + " lead(s) of " + listed.getMessage().getHeader("CamelCashfinTotal")
                        + ": " + page);

            Exchange rejected = template.send("direct:new-lead", e -> e.getMessage().setBody(
                    "{\"email\": \"not-an-address\", \"status\": \"hot\"}"));
            out.println("invalid-> " + rejected.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage());
        } finally {
            cashfin.stop();
        }
    }

    private static void stubCashfin(WireMockServer cashfin) {
        String jane = "{\"_id\": \"65a5f0c2e4b0a1b2c3d4e5f6\", \"name\": \"Jane Smith\", \"email\": \"jane@acme.example\","
                      + " \"company\": \"Acme Corp\", \"status\": \"new\", \"source\": \"website\", \"sourceorigin\": \"api\","
                      + " \"active\": true, \"createdat\": \"2024-01-15T12:00:00.000Z\", \"updatedat\": \"2024-01-15T12:00:00.000Z\"}";
        cashfin.stubFor(post("/business/lead/create").withHeader("Authorization", equalTo("cs_demoSecret"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\": true, \"message\": \"Lead created successfully\", \"data\": " + jane + "}")));
        cashfin.stubFor(get(urlPathEqualTo("/business/lead/list")).withHeader("Authorization", equalTo("cs_demoSecret"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\": true, \"data\": [" + jane + "],"
                                  + " \"pagination\": {\"total\": 1, \"page\": 1, \"limit\": 100, \"pages\": 1}}")));
    }
}
