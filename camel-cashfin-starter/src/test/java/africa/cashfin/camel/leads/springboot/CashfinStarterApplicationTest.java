package africa.cashfin.camel.leads.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import africa.cashfin.camel.leads.CashfinLeadsComponent;
import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * A Spring Boot application with the starter, configured in {@code application.yaml} (secret, plan, a duration),
 * running a route against the simulator; the secret shows in no actuator endpoint, even with values shown.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                classes = CashfinStarterApplicationTest.LeadsApplication.class)
class CashfinStarterApplicationTest {

    static final String SECRET = "cs_test_4c5a9e7b21d84f0c9a6e3b5d";

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        registry.add("camel.component.cashfin-leads.base-url", cashfin::baseUrl);
    }

    @SpringBootApplication
    static class LeadsApplication {
        @Bean
        RouteBuilder leadRoutes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:new-lead").routeId("new-lead")
                            .to("cashfin-leads:create");
                    // a route with the secret in its URI: it must not show in the routes endpoint either
                    from("cashfin-leads:list?clientSecret=RAW({{camel.component.cashfin-leads.client-secret}})"
                         + "&initialDelay=3600000").routeId("watch-leads").autoStartup(false)
                            .log("${header.CamelCashfinLeadId}");
                }
            };
        }
    }

    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate template;
    @Autowired
    TestRestTemplate http;

    @Test
    void applicationYamlConfiguresTheComponentAndARouteCreatesALead() {
        CashfinLeadsConfiguration config = camelContext.getComponent("cashfin-leads", CashfinLeadsComponent.class)
                .getConfiguration();
        assertThat(config.getPlan()).isEqualTo("starter");
        assertThat(config.getClientSecret()).isEqualTo(SECRET);
        assertThat(config.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5).toMillis());
        assertThat(config.getBaseUrl()).isEqualTo(cashfin.baseUrl());

        Exchange created = template.request("direct:new-lead",
                e -> e.getMessage().setBody(Map.of("name", "Jane Smith", "email", "jane@example.com")));

        assertThat(created.getException()).isNull();
        assertThat(created.getMessage().getBody(Lead.class).getId()).isNotBlank();
        assertThat(cashfin.leads()).singleElement()
                .satisfies(lead -> assertThat(lead).containsEntry("name", "Jane Smith")
                        .containsEntry("source", "spring-boot"));
    }

    @Test
    void actuatorEnvShowsValuesButMasksTheSecret() {
        String env = http.getForObject("/actuator/env", String.class);
        assertThat(env).contains("camel.component.cashfin-leads.client-secret")
                .contains("\"starter\"") // values are shown...
                .doesNotContain(SECRET); // ...but not the secret
        String one = http.getForObject("/actuator/env/camel.component.cashfin-leads.client-secret", String.class);
        assertThat(one).contains("******").doesNotContain(SECRET);
        String configprops = http.getForObject("/actuator/configprops", String.class);
        assertThat(configprops).contains("camel.component.cashfin-leads").doesNotContain(SECRET);
    }

    @Test
    void theEnvironmentVariableHoldingTheSecretIsMaskedByItsValue() {
        assertThat(System.getenv("CASHFIN_CLIENT_SECRET")).as("set by surefire, as docs/spring-boot.md says").isEqualTo(SECRET);
        String env = http.getForObject("/actuator/env", String.class);
        assertThat(env).contains("\"CASHFIN_CLIENT_SECRET\"").doesNotContain(SECRET);
        String one = http.getForObject("/actuator/env/CASHFIN_CLIENT_SECRET", String.class);
        assertThat(one).contains("******").doesNotContain(SECRET);
    }

    @Test
    void actuatorHealthShowsTheComponentsChecksWithTheDocumentedSettings() {
        template.request("direct:new-lead",
                e -> e.getMessage().setBody(Map.of("name", "Amina Hassan", "email", "amina@example.com")));
        String health = http.getForObject("/actuator/health", String.class);
        assertThat(health).contains("producer:cashfin-leads-").doesNotContain(SECRET);
    }

    @Test
    void camelRoutesEndpointDoesNotShowTheSecret() {
        String routes = http.getForObject("/actuator/camelroutes", String.class);
        assertThat(routes).contains("new-lead", "watch-leads").doesNotContain(SECRET);
        String detail = http.getForObject("/actuator/camelroutes/watch-leads/detail", String.class);
        assertThat(detail).contains("watch-leads").doesNotContain(SECRET);
    }

    @Test
    void actuatorMetricsShowTheCallsOfTheComponent() {
        template.request("direct:new-lead",
                e -> e.getMessage().setBody(Map.of("name", "Kwame Mensah", "email", "kwame@example.com")));

        String calls = http.getForObject("/actuator/metrics/cashfin.leads.calls?tag=operation:create&tag=outcome:2xx",
                String.class);
        assertThat(calls).contains("\"name\":\"cashfin.leads.calls\"", "\"statistic\":\"COUNT\"")
                .doesNotContain(SECRET);
        assertThat(calls).doesNotContain("\"value\":0.0,\"statistic\":\"COUNT\"");
        String waits = http.getForObject("/actuator/metrics/cashfin.leads.limiter.wait", String.class);
        assertThat(waits).contains("\"name\":\"cashfin.leads.limiter.wait\"", "\"tag\":\"secret\"")
                .doesNotContain(SECRET);
    }
}
