package com.example.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import africa.cashfin.camel.simulator.CashfinSimulator;

/** The quick start as it is, against the local Cashfin: the application creates its lead and lists the leads. */
@SpringBootTest(properties = "camel.main.run-controller=false")
class LeadsApplicationTest {

    // started before the application (its routes call Cashfin as soon as they start)
    static final CashfinSimulator cashfin = CashfinSimulator.builder().start();

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        // what CASHFIN_BASE_URL and CASHFIN_CLIENT_SECRET give when you run it against the simulator
        registry.add("CASHFIN_BASE_URL", cashfin::baseUrl);
        registry.add("CASHFIN_CLIENT_SECRET", cashfin::secret);
    }

    @AfterAll
    static void stopSimulator() {
        cashfin.close();
    }

    @Test
    void createsTheLeadAndListsTheLeads() {
        await().atMost(Duration.ofSeconds(60)).until(() -> cashfin.leadCount() == 1);
        assertThat(cashfin.leads().get(0)).containsEntry("name", "Jane Smith").containsEntry("source", "quickstart");
        await().atMost(Duration.ofSeconds(60)).until(() -> cashfin.listCalls() >= 1);
    }
}
