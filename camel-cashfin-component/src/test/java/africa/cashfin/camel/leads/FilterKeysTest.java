package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.LeadFilter;

/**
 * The keys derived from the list filters are stored (the consumer's rows in the state table, budget shares in the
 * rate-limit table), so each keeps its text: the state key lists status, source, search; a budget share's default
 * name source, status, search. Values are trimmed, the status in wire form (lower case), blank filters left out.
 */
class FilterKeysTest extends SimulatorRouteSupport {

    @Test
    void aFilteredConsumerKeepsItsStateKeyAndBudgetShareName() throws Exception {
        MemoryStateRepository cursor = new MemoryStateRepository();
        context.getRegistry().bind("cursor", cursor);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?search=ada&source=website&status=Qualified&stateRepository=#cursor"
                     + "&budgetReserve=0.5&initialDelay=0&delay=60000").routeId("filtered").to("log:filtered?level=DEBUG");
                from("direct:create").routeId("create").to("cashfin-leads:create?source=website&budgetReserve=0.2");
            }
        });

        String stateKey = "cashfin-leads:list?status=qualified&source=website&search=ada";
        await().atMost(Duration.ofSeconds(30)).until(() -> cursor.getState(stateKey + "#leader-epoch") != null);
        CashfinLeadsEndpoint list = (CashfinLeadsEndpoint) context.getRoute("filtered").getEndpoint();
        assertThat(list.getBudgetShareState())
                .startsWith("'cashfin-leads:list?source=website&status=qualified&search=ada' reserve 0.5,");
        CashfinLeadsEndpoint create = (CashfinLeadsEndpoint) context.getEndpoint(
                "cashfin-leads:create?source=website&budgetReserve=0.2");
        assertThat(create.getBudgetShareState()).startsWith("'cashfin-leads:create?source=website' reserve 0.2,");
    }

    @Test
    void everyFilterHasTheHeaderThatOverridesIt() throws Exception {
        for (LeadFilter.Field field : LeadFilter.Field.values()) {
            String header = CashfinLeadsConstants.filterHeader(field);
            java.lang.reflect.Field constant = CashfinLeadsConstants.class.getField(field.name());
            assertThat(constant.get(null)).as("CashfinLeadsConstants.%s", field.name()).isEqualTo(header);
            assertThat(constant.getAnnotation(Metadata.class)).as("documented header %s", header).isNotNull();
        }
    }

    @Test
    void anUnfilteredConsumerKeepsTheBareKeys() throws Exception {
        MemoryStateRepository cursor = new MemoryStateRepository();
        context.getRegistry().bind("cursor", cursor);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?stateRepository=#cursor&budgetReserve=0.5&initialDelay=0&delay=60000")
                        .routeId("all").to("log:all?level=DEBUG");
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> cursor.getState("cashfin-leads:list#leader-epoch") != null);
        CashfinLeadsEndpoint list = (CashfinLeadsEndpoint) context.getRoute("all").getEndpoint();
        assertThat(list.getBudgetShareState()).startsWith("'cashfin-leads:list' reserve 0.5,");
    }
}
