package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConstants;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * A route that marks an exchange rollback-only ({@code markRollbackOnly()}: no exception) has not delivered the lead:
 * it must not be recorded as seen, and the cursor must not pass it.
 */
class ConsumerRollbackTest {

    @RegisterExtension
    static CashfinSimulatorExtension sim = new CashfinSimulatorExtension();

    @Test
    void aLeadWhoseExchangeIsMarkedRollbackOnlyIsNotDeliveredAndIsOfferedAgain() throws Exception {
        sim.seedLeads(30, 61);
        List<String> ids = sim.leads().stream().map(l -> (String) l.get("_id")).toList();
        String victim = ids.get(12);
        AtomicBoolean refuse = new AtomicBoolean(true);
        List<String> attempts = new CopyOnWriteArrayList<>();
        List<String> completed = new CopyOnWriteArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
            component.getConfiguration().setClientSecret(sim.secret());
            component.getConfiguration().setBaseUrl(sim.baseUrl());
            ConsumerHarness.unlimitedPlan(component.getConfiguration());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // failedLeadRetryDelay=0: offered again on the very next poll (no backoff), to keep this test short
                    from("cashfin-leads:list?startScheduler=false&failedLeadRetryDelay=0").routeId("leads")
                            .process(e -> attempts.add(e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID, String.class)))
                            .filter(e -> refuse.get() && victim.equals(e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID)))
                                .markRollbackOnly()
                            .end()
                            .process(e -> completed.add(e.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID, String.class)));
                }
            });
            context.start();
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) context.getRoute("leads").getConsumer();

            consumer.run();
            assertThat(completed).hasSize(29).doesNotContain(victim);

            consumer.run();
            assertThat(attempts).as("the rolled-back lead is offered again, and only it")
                    .hasSize(31).endsWith(ids.get(29), victim);

            refuse.set(false);
            consumer.run();
            assertThat(completed).hasSize(30).endsWith(victim);
            consumer.run();
            assertThat(attempts).as("delivered once, then never again").hasSize(32);
            assertThat(completed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        }
    }
}
