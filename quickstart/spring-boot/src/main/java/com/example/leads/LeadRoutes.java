package com.example.leads;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Creates one lead when the application starts, then lists the newest leads every minute. */
@Component
public class LeadRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:create?repeatCount=1").routeId("create-lead")
                .setBody(constant("{\"name\": \"Jane Smith\", \"email\": \"jane.smith@example.com\","
                                  + " \"source\": \"quickstart\"}"))
                .to("cashfin-leads:create")
                .log("Created lead ${header.CamelCashfinLeadId}");

        from("timer:list?period=60000").routeId("list-leads")
                .to("cashfin-leads:list?limit=10")
                .log("Leads in Cashfin: ${header.CamelCashfinTotal}");
    }
}
