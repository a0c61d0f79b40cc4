package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.testing.SimulatorCamel;
import africa.cashfin.camel.simulator.Endpoint;
import africa.cashfin.camel.simulator.Outcome;
import africa.cashfin.camel.simulator.Plan;

/**
 * Budget shares across the server's day boundary (issue 18, item 1): a Cashfin whose daily quota of 30 resets at its
 * own midnight, which is not UTC midnight (the simulator's {@code dayStart}, a few seconds from now). The reserves and
 * the pool refill when the server's day starts, as the secret's daily budget does: every create succeeds, and the
 * calls of a share after the boundary are the new day's. Real time; the boundary is at most 12 s away.
 */
class BudgetShareServerDayRouteTest extends SimulatorRouteSupport {

    /** 30 a day (the default margin keeps 29): a reserve of 0.5 and the pool hold 14 calls of the day each. */
    private static final String THIRTY_A_DAY = "plan=unlimited&maxRequestsPerDay=30";

    @Test
    void createsAndAConsumerWithAReserveGoOnIntoTheServersNewDay() throws Exception {
        Instant boundary = serverDayEndsIn(Duration.ofSeconds(10));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cashfin-leads:list?" + THIRTY_A_DAY + "&budgetReserve=0.5&sweepEnabled=false&startFrom=now"
                     + "&initialDelay=0&delay=500").routeId("consumer").to("log:leads?level=DEBUG");
            }
        });

        // 20 creates from the pool: its 14 calls of the day go at once, the rest wait for the server's new day
        for (int i = 0; i < 20; i++) {
            Exchange exchange = send("cashfin-leads:create?" + THIRTY_A_DAY + "&maxRetryWait=30s",
                    Map.of("name", "Pool Lead " + i));
            assertThat(exchange.getException()).as("create %d", i).isNull();
        }
        assertThat(Instant.now()).as("the last creates waited for the server's new day").isAfter(boundary);

        // the consumer spent its reserve's 14 polls of the old day (2 a second) before the boundary: it polls on
        long lists = cashfin.requestCount(Endpoint.LIST);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cashfin.requestCount(Endpoint.LIST))
                .as("polls of the consumer's new day").isGreaterThanOrEqualTo(lists + 4));
        assertThat(cashfin.requestCount(Outcome.RATE_LIMITED)).as("429s").isLessThanOrEqualTo(1);
    }

    @Test
    void aRouteWithAShareRestartedMidDayGoesOnIntoTheServersNewDay() throws Exception {
        Instant boundary = serverDayEndsIn(Duration.ofSeconds(12));
        String form = "cashfin-leads:create?" + THIRTY_A_DAY + "&budgetReserve=0.3&budgetShare=web-form"
                      + "&maxRetryWait=30s";
        addRoute("direct:form", "form", form);
        for (int i = 0; i < 10; i++) {
            assertThat(template.send("direct:form", e -> e.getMessage().setBody(Map.of("name", "Before restart"))))
                    .extracting(Exchange::getException).isNull();
        }

        // the application restarts mid-day: 20 of the server's day are left, the shares start afresh
        context.stop();
        context = SimulatorCamel.startedContext(cashfin);
        template = context.createProducerTemplate();
        addRoute("direct:form", "form", form);
        // 19 creates before the boundary, then 11 on the reserve's 8 and the pool's 20 of the new day
        for (int i = 0; i < 30; i++) {
            int n = i;
            Exchange exchange = template.send("direct:form",
                    e -> e.getMessage().setBody(Map.of("name", "After restart " + n)));
            assertThat(exchange.getException()).as("create %d after the restart", i).isNull();
        }

        assertThat(Instant.now()).as("the last creates waited for the server's new day").isAfter(boundary);
        assertThat(cashfin.leadCount()).isEqualTo(40);
        assertThat(cashfin.requestCount(Outcome.RATE_LIMITED)).as("429s").isLessThanOrEqualTo(1);
    }

    /** Sets the simulator's day (30 calls) to start, and so end, {@code in} from now; returns that moment. */
    private Instant serverDayEndsIn(Duration in) {
        cashfin.plan(Plan.custom(0, 0, 30));
        Instant boundary = Instant.now().plus(in).truncatedTo(ChronoUnit.SECONDS);
        cashfin.dayStart(LocalTime.ofInstant(boundary, ZoneOffset.UTC));
        return boundary;
    }
}
