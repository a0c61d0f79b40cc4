package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension starts once per class and resets state before each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin =
            new CashfinSimulatorExtension(CashfinSimulator.builder().seedLeads(5, 11).secrets("cs_ext123"));

    static int firstPort;

    @Test
    @Order(1)
    void startsWithSeedLeadsAndGivesUrlAndSecret() {
        firstPort = cashfin.port();
        assertThat(cashfin.baseUrl()).isEqualTo("http://127.0.0.1:" + firstPort);
        assertThat(cashfin.secret()).isEqualTo("cs_ext123");
        assertThat(cashfin.leadCount()).isEqualTo(5);
        new Http(cashfin.baseUrl(), cashfin.secret()).create("{\"name\":\"Extra\"}");
        cashfin.failNext(3, 500).plan(Plan.FREE);
        assertThat(cashfin.leadCount()).isEqualTo(6);
    }

    @Test
    @Order(2)
    void nextTestSeesFreshStateOnTheSameServer() {
        assertThat(cashfin.port()).isEqualTo(firstPort);
        assertThat(cashfin.leadCount()).isEqualTo(5);
        assertThat(cashfin.totalRequests()).isZero();
        assertThat(new Http(cashfin.baseUrl(), cashfin.secret()).list("").statusCode()).isEqualTo(200);
        assertThat(cashfin.plan()).isSameAs(Plan.UNLIMITED);
    }

    @Test
    @Order(3)
    void secretNeverInToString() {
        assertThat(cashfin.toString()).doesNotContain("cs_ext123").contains("127.0.0.1");
        assertThat(cashfin.leads().get(0)).containsKey("_id");
        assertThat(cashfin.addLead(Map.of("name", "Z"))).containsEntry("sourceorigin", "api");
    }
}
