package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension on an instance field: started for each test, stopped after it. */
class InstanceFieldExtensionTest {

    static CashfinSimulator previous;

    @RegisterExtension
    CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    @Test
    void firstTest() {
        check();
    }

    @Test
    void secondTest() {
        check();
    }

    private void check() {
        assertThat(new Http(cashfin.baseUrl(), cashfin.secret()).list("").statusCode()).isEqualTo(200);
        if (previous != null) {
            assertThat(previous.isRunning()).as("the previous test's simulator was stopped").isFalse();
        }
        previous = cashfin;
    }

    @AfterAll
    static void lastOneStopped() {
        assertThat(previous.isRunning()).isFalse();
    }
}
