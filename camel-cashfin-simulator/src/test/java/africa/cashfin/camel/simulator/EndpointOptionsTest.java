package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The component settings the simulator hands out follow its plan, in all three forms. */
class EndpointOptionsTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension(CashfinSimulator.builder()
            .secrets("cs_test_Opt1ons"));

    @Test
    void namedPlansGiveThePlanAndCustomPlansTheirLimits() {
        assertThat(cashfin.endpointOptions())
                .isEqualTo("baseUrl=" + cashfin.baseUrl() + "&clientSecret=RAW(cs_test_Opt1ons)&plan=unlimited");

        cashfin.plan(Plan.STARTER);
        assertThat(cashfin.endpointOptions()).endsWith("&plan=starter");
        assertThat(cashfin.componentOptions()).containsEntry("plan", "starter")
                .containsEntry("baseUrl", cashfin.baseUrl()).containsEntry("clientSecret", "cs_test_Opt1ons");

        cashfin.plan(Plan.custom(20, 0, 5000));
        assertThat(cashfin.endpointOptions())
                .endsWith("&plan=unlimited&maxRequestsPerSecond=20&maxRequestsPerDay=5000");
        Properties p = cashfin.camelProperties();
        assertThat(p).containsEntry("camel.component.cashfin-leads.base-url", cashfin.baseUrl())
                .containsEntry("camel.component.cashfin-leads.client-secret", "cs_test_Opt1ons")
                .containsEntry("camel.component.cashfin-leads.plan", "unlimited")
                .containsEntry("camel.component.cashfin-leads.max-requests-per-second", "20")
                .containsEntry("camel.component.cashfin-leads.max-requests-per-day", "5000")
                .hasSize(5);
    }
}
