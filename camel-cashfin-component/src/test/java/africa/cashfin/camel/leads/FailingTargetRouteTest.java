package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs' route (docs/consumer-design.md, "Failed leads: retried apart from the cursor") as a user writes it: the
 * secret from {@code {{env:CASHFIN_CLIENT_SECRET}}}, Camel's file repositories, a CRM that refuses one lead a few
 * times. While it is refused, the polls cost what idle polls cost; it reaches the CRM once, and so does every other
 * lead.
 */
class FailingTargetRouteTest extends SimulatorContextSupport {

    @TempDir
    Path dir;

    @Test
    void aLeadTheCrmRefusesForAWhileCostsNoExtraCallsAndArrivesOnce() throws Exception {
        cashfin.seedLeads(500, 83); // 10 minutes apart: an idle poll's periodic window check is one call too
        String refused = cashfin.leads().stream()
                .min(Comparator.comparing((Map<String, Object> l) -> (String) l.get("createdat"))).orElseThrow()
                .get("_id").toString();
        newContextWithBaseUrlOnly(); // in an application: camel.component.cashfin-leads.base-url
        componentConfiguration().setPlan("unlimited"); // the simulator's plan: camel.component.cashfin-leads.plan
        context.getRegistry().bind("seenLeads",
                FileIdempotentRepository.fileIdempotentRepository(dir.resolve("seen.dat").toFile(), 10_000));
        context.getRegistry().bind("leadCursor", FileStateRepository.fileStateRepository(dir.resolve("cursor.dat").toFile()));
        AtomicInteger refusals = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // as in docs/consumer-design.md, "Failed leads", with a shorter delay and retry delay for the test
                from("cashfin-leads:list?clientSecret={{env:CASHFIN_CLIENT_SECRET}}"
                     + "&idempotentRepository=#seenLeads&stateRepository=#leadCursor"
                     + "&delay=100&failedLeadRetryDelay=200&sweepEnabled=false")
                        .routeId("to-crm")
                        .process(e -> {
                            if (refused.equals(e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID))
                                && refusals.incrementAndGet() <= 3) {
                                throw new IllegalStateException("CRM refuses the lead");
                            }
                        })
                        .to("mock:crm");
            }
        });
        context.start();
        MockEndpoint crm = context.getEndpoint("mock:crm", MockEndpoint.class);
        CashfinLeadsConsumer consumer = (CashfinLeadsConsumer) context.getRoute("to-crm").getConsumer();

        await().atMost(Duration.ofSeconds(30)).until(() -> crm.getReceivedCounter() >= 499 && refusals.get() >= 1);
        long polls = consumer.getPolls();
        long calls = cashfin.listCalls();
        await().atMost(Duration.ofSeconds(30)).until(() -> crm.getReceivedCounter() >= 500);
        long pollsWhileRefused = consumer.getPolls() - polls;
        long callsWhileRefused = cashfin.listCalls() - calls;

        assertThat(refusals.get()).isEqualTo(4);
        assertThat(callsWhileRefused).as("one call a poll (%d polls) while the lead is refused", pollsWhileRefused)
                .isLessThanOrEqualTo(pollsWhileRefused + 1);
        List<String> received = crm.getReceivedExchanges().stream()
                .map(e -> (String) e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID)).toList();
        assertThat(received).hasSize(500).doesNotHaveDuplicates().contains(refused);
    }
}
