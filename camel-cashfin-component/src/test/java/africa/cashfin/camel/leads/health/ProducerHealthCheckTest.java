package africa.cashfin.camel.leads.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.api.CashfinApiException;
import africa.cashfin.camel.leads.api.limit.RateLimitWaitExceededException;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The producer health check through Camel's health API ({@link HealthCheckHelper}), against the simulator: DOWN after
 * a 401 with a message that names the option to fix, DOWN when the day's budget is spent, never a call of its own,
 * never the secret.
 */
class ProducerHealthCheckTest {

    private static final String WRONG_SECRET = "cs_wrong_0123456789abcdef";

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    private CamelContext context;
    private ProducerTemplate template;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(String secret, Map<String, String> componentOptions, boolean producerChecks) throws Exception {
        context = new DefaultCamelContext();
        // Camel's producer checks are off by default: this is camel.health.producers-enabled=true in Java
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        component.getConfiguration().setClientSecret(secret);
        component.getConfiguration().setBaseUrl(cashfin.baseUrl());
        component.getConfiguration().setPlan("unlimited");
        component.setHealthCheckProducerEnabled(producerChecks);
        componentOptions.forEach((name, value) -> context.getPropertiesComponent().addInitialProperty(
                "camel.component.cashfin-leads." + name, value));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:new-lead").routeId("new-lead")
                        .to("cashfin-leads:create?rateLimitMargin=0" + componentOptions.entrySet().stream()
                                .map(e -> "&" + e.getKey() + "=" + e.getValue()).reduce("", String::concat));
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    private Optional<HealthCheck.Result> producerCheck() {
        return HealthCheckHelper.invoke(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:cashfin-leads"))
                .findFirst();
    }

    private Exchange create(String name) {
        return template.send("direct:new-lead", e -> e.getMessage().setBody(Map.of("name", name)));
    }

    @Test
    void downAfterA401WithAMessageThatSaysWhatToFix() throws Exception {
        start(WRONG_SECRET, Map.of(), true);
        assertThat(producerCheck()).get().extracting(HealthCheck.Result::getState).isEqualTo(HealthCheck.State.UP);

        Exchange refused = create("Jane Smith");
        assertThat(refused.getException()).isInstanceOf(CashfinApiException.class);
        long callsBefore = cashfin.totalRequests();

        HealthCheck.Result result = producerCheck().orElseThrow();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).get().asString()
                .contains("HTTP 401", "clientSecret", "camel.component.cashfin-leads.client-secret")
                .doesNotContain(WRONG_SECRET);
        assertThat(result.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401);
        assertThat(result.getDetails().toString()).doesNotContain(WRONG_SECRET);
        assertThat(result.getError()).get().isInstanceOf(CashfinApiException.class);
        assertThat(HealthCheckHelper.isResultsUp(HealthCheckHelper.invokeReadiness(context), true)).isFalse();
        // the check spends no call of its own
        HealthCheckHelper.invoke(context);
        assertThat(cashfin.totalRequests()).isEqualTo(callsBefore);
    }

    @Test
    void eachProducerReportsItsOwnCallsNotTheConsumersOrAnotherProducers401() throws Exception {
        context = new DefaultCamelContext();
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        component.getConfiguration().setClientSecret(cashfin.secret());
        component.getConfiguration().setBaseUrl(cashfin.baseUrl());
        component.getConfiguration().setPlan("unlimited");
        cashfin.failNext(1_000, 401, africa.cashfin.camel.simulator.Endpoint.LIST);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // one client for all three: same base URL, secret and options
                from("cashfin-leads:list?initialDelay=0&delay=50").routeId("watch").to("mock:leads");
                from("direct:new-lead").routeId("new-lead").to("cashfin-leads:create");
                from("direct:report").routeId("report").to("cashfin-leads:list?limit=5");
            }
        });
        context.start();
        template = context.createProducerTemplate();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> cashfin.listCalls() >= 2);     // the consumer's polls got 401
        assertThat(create("Jane Smith").getException()).isNull();
        assertThat(template.send("direct:report", e -> { }).getException()).isInstanceOf(CashfinApiException.class);

        java.util.List<HealthCheck.Result> producers = HealthCheckHelper.invoke(context, "full").stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:cashfin-leads")).toList();
        assertThat(producers).hasSize(2);
        assertThat(producers).filteredOn(r -> r.getDetails().toString().contains("cashfin-leads://create"))
                .singleElement().as("the create producer's own calls succeed")
                .extracting(HealthCheck.Result::getState).isEqualTo(HealthCheck.State.UP);
        assertThat(producers).filteredOn(r -> r.getDetails().toString().contains("cashfin-leads://list"))
                .singleElement().as("the list producer's own call got 401")
                .extracting(HealthCheck.Result::getState).isEqualTo(HealthCheck.State.DOWN);
    }

    @Test
    void upAfterSuccessfulCalls() throws Exception {
        start(cashfin.secret(), Map.of(), true);
        assertThat(create("Jane Smith").getException()).isNull();
        assertThat(producerCheck()).get().extracting(HealthCheck.Result::getState).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void downWhenTheDaysBudgetIsSpent() throws Exception {
        start(cashfin.secret(), Map.of("maxRequestsPerDay", "2"), true);
        assertThat(create("Lead 1").getException()).isNull();
        assertThat(producerCheck()).get().extracting(HealthCheck.Result::getState).isEqualTo(HealthCheck.State.UP);
        assertThat(create("Lead 2").getException()).isNull();
        long callsBefore = cashfin.totalRequests();

        HealthCheck.Result result = producerCheck().orElseThrow();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).get().asString()
                .contains("budget", "is spent", "next call is allowed at", "plan");
        assertThat(result.getDetails()).containsKey(CashfinLeadsProducerHealthCheck.RETRY_AT);
        assertThat(cashfin.totalRequests()).isEqualTo(callsBefore);
        // and indeed the next create is refused without a call (quickly: maxRetryWait is far shorter than a day)
        assertThat(create("Lead 3").getException()).isInstanceOf(RateLimitWaitExceededException.class);
        assertThat(cashfin.totalRequests()).isEqualTo(callsBefore);
    }

    @Test
    void downWhenThePoolsShareOfTheDayIsSpentWhileAReservedProducerStaysUp() throws Exception {
        context = new DefaultCamelContext();
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        component.getConfiguration().setClientSecret(cashfin.secret());
        component.getConfiguration().setBaseUrl(cashfin.baseUrl());
        component.getConfiguration().setPlan("unlimited");
        component.getConfiguration().setMaxRequestsPerDay(4);
        component.getConfiguration().setRateLimitMargin(0);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:new-lead").routeId("new-lead").to("cashfin-leads:create");
                from("direct:vip").routeId("vip").to("cashfin-leads:create?budgetReserve=0.5&budgetShare=vip");
            }
        });
        context.start();
        template = context.createProducerTemplate();
        assertThat(create("Lead 1").getException()).isNull();
        assertThat(create("Lead 2").getException()).isNull();
        long callsBefore = cashfin.totalRequests();

        HealthCheck.Result pool = producerCheck("new-lead");
        assertThat(pool.getState()).as("the pool's 2 calls of the day are spent").isEqualTo(HealthCheck.State.DOWN);
        assertThat(pool.getMessage()).get().asString().contains("the pool", "is spent", "the other shares",
                "budgetReserve");
        assertThat(pool.getDetails()).containsKey(CashfinLeadsProducerHealthCheck.RETRY_AT);
        assertThat(producerCheck("vip").getState()).as("its reserve is untouched").isEqualTo(HealthCheck.State.UP);
        assertThat(cashfin.totalRequests()).isEqualTo(callsBefore);
        assertThat(template.send("direct:vip", e -> e.getMessage().setBody(Map.of("name", "VIP"))).getException())
                .isNull();
    }

    /**
     * The producer check of the create endpoint with the reserve ({@code vip}) or of the plain one, at Camel's "full"
     * exposure level (the default level reports only the DOWN checks once one is DOWN).
     */
    private HealthCheck.Result producerCheck(String route) {
        return HealthCheckHelper.invoke(context, "full").stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:cashfin-leads")
                             && r.getDetails().toString().contains("budgetShare=vip") == route.equals("vip"))
                .findFirst().orElseThrow();
    }

    @Test
    void offWithHealthCheckProducerEnabledFalse() throws Exception {
        start(WRONG_SECRET, Map.of(), false);
        assertThat(create("Jane Smith").getException()).isInstanceOf(CashfinApiException.class);
        // registered but disabled: Camel reports it UNKNOWN with check.enabled=false, never DOWN
        HealthCheck.Result result = producerCheck().orElseThrow();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UNKNOWN);
        assertThat(result.getDetails()).containsEntry(HealthCheck.CHECK_ENABLED, false);
        assertThat(HealthCheckHelper.invoke(context)).extracting(HealthCheck.Result::getState)
                .doesNotContain(HealthCheck.State.DOWN);
    }
}
