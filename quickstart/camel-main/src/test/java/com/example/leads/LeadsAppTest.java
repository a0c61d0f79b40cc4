package com.example.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/** The quick start as it is, against the local Cashfin: the app creates its lead and lists the leads. */
class LeadsAppTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    @Test
    void createsTheLeadAndListsTheLeads() throws Exception {
        Main main = new Main(LeadsApp.class);
        // what CASHFIN_BASE_URL and CASHFIN_CLIENT_SECRET give when you run it against the simulator
        main.addOverrideProperty("camel.component.cashfin-leads.base-url", cashfin.baseUrl());
        main.addOverrideProperty("camel.component.cashfin-leads.client-secret", cashfin.secret());
        main.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> cashfin.leadCount() == 1);
            assertThat(cashfin.leads().get(0)).containsEntry("name", "Jane Smith").containsEntry("source", "quickstart");
            await().atMost(Duration.ofSeconds(30)).until(() -> cashfin.listCalls() >= 1);
        } finally {
            main.stop();
        }
    }
}
