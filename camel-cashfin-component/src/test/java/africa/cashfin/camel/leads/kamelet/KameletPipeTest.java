package africa.cashfin.camel.leads.kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The Pipe of docs/kamelets.md ({@code pipes/cashfin-leads-sync.pipe.yaml}, {@code kind: Pipe}) loaded by Camel
 * Main: every lead of the source account arrives once in the target account, also the ones created while it runs.
 */
class KameletPipeTest {

    @RegisterExtension
    static CashfinSimulatorExtension source = new CashfinSimulatorExtension();

    @RegisterExtension
    static CashfinSimulatorExtension target = new CashfinSimulatorExtension(
            CashfinSimulator.builder().secrets("cs_pipe_target_0123456789"));

    @Test
    void pipeLoadedByCamelMainCopiesLeadsOnce() throws Exception {
        source.seedLeads(25, 7);
        Main main = new Main();
        main.configure().withRoutesIncludePattern("classpath:pipes/cashfin-leads-sync.pipe.yaml");
        // what application.properties holds in docs/kamelets.md
        main.addInitialProperty("camel.kamelet.cashfin-leads-source.clientSecret", source.secret());
        main.addInitialProperty("camel.kamelet.cashfin-leads-source.baseUrl", source.baseUrl());
        main.addInitialProperty("camel.kamelet.cashfin-leads-sink.clientSecret", target.secret());
        main.addInitialProperty("camel.kamelet.cashfin-leads-sink.baseUrl", target.baseUrl());
        main.start();
        try {
            assertThat(main.getCamelContext().getRoute("cashfin-leads-sync")).isNotNull();
            await().atMost(Duration.ofSeconds(60)).until(() -> target.leadCount() == 25);
            source.addLead(Map.of("name", "Late Lead", "email", "late@example.com"));
            await().atMost(Duration.ofSeconds(30)).until(() -> target.leadCount() == 26);
            long listCalls = source.listCalls();
            await().atMost(Duration.ofSeconds(30)).until(() -> source.listCalls() >= listCalls + 2);
            assertThat(target.leadCount()).isEqualTo(26);
            assertThat(target.leads()).extracting(l -> l.get("email"))
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(source.leads().stream().map(l -> l.get("email")).toList());
        } finally {
            main.stop();
        }
    }
}
