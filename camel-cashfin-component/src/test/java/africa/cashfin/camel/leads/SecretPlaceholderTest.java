package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The secret placeholder of README.md / docs/component.md in Camel Main with a YAML route: {@code {{env:...}}} works;
 * Spring Boot's {@code ${env:...}} (which Camel Main leaves as it is) is refused at start with the form that works,
 * instead of being sent as the secret; a misspelt secret option fails with our message (in a property: never its
 * value; in a URI Camel still shows the URI as written, see docs/component.md#secrets). The
 * variable CASHFIN_CLIENT_SECRET is set by the surefire configuration of this module.
 */
class SecretPlaceholderTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    private Main main(String properties) {
        Main main = new Main();
        main.configure().withRoutesIncludePattern("classpath:routes/create-lead.camel.yaml");
        main.setDefaultPropertyPlaceholderLocation("classpath:docs-main/" + properties);
        main.addOverrideProperty("camel.component.cashfin-leads.base-url", cashfin.baseUrl());
        return main;
    }

    @Test
    void envPlaceholderOfTheDocsWorksInCamelMain() throws Exception {
        assertThat(System.getenv("CASHFIN_CLIENT_SECRET")).as("set by surefire").isEqualTo(cashfin.secret());
        Main main = main("application.properties");
        main.start();
        try {
            String id = main.getCamelContext().createProducerTemplate()
                    .requestBody("direct:yaml-create", "{\"name\": \"Jane Smith\"}", String.class);
            assertThat(id).isNotBlank();
            assertThat(cashfin.leadCount()).isEqualTo(1);
        } finally {
            main.stop();
        }
    }

    @Test
    void springFormInCamelMainIsRefusedAtStartNamingTheRightForm() {
        Main main = main("spring-form.properties");
        try {
            assertThatThrownBy(main::start).satisfies(e -> assertThat(messages(e))
                    .contains("clientSecret holds the unresolved placeholder ${env:CASHFIN_CLIENT_SECRET}")
                    .contains("camel.component.cashfin-leads.client-secret = {{env:CASHFIN_CLIENT_SECRET}}"));
        } finally {
            main.stop();
        }
        assertThat(cashfin.totalRequests()).as("nothing was sent").isZero();
    }

    @Test
    void kameletPropertyWithSpringFormIsRefused() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("camel.kamelet.cashfin-leads-sink.clientSecret",
                                                                "${env:CASHFIN_SINK_SECRET}");
            context.getPropertiesComponent().addInitialProperty("camel.kamelet.cashfin-leads-sink.baseUrl",
                                                                cashfin.baseUrl());
            context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("kamelet:cashfin-leads-sink");
                }
            });
            assertThatThrownBy(context::start).satisfies(e -> assertThat(messages(e))
                    .contains("clientSecret holds the unresolved placeholder ${env:CASHFIN_SINK_SECRET}")
                    .contains("{{env:CASHFIN_SINK_SECRET}}"));
        }
    }

    @Test
    void camelFormLeftUnresolvedInSpringBootIsRefusedNamingSpringsForm() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            // what Spring Boot binds from client-secret: {{env:CASHFIN_CLIENT_SECRET}} (it resolves only ${...})
            CashfinLeadsComponent component = new CashfinLeadsComponent();
            component.getConfiguration().setClientSecret("{{env:CASHFIN_CLIENT_SECRET}}");
            component.getConfiguration().setBaseUrl(cashfin.baseUrl());
            context.addComponent("cashfin-leads", component);
            context.start();
            assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:create")).satisfies(e -> assertThat(messages(e))
                    .contains("clientSecret holds the unresolved placeholder {{env:CASHFIN_CLIENT_SECRET}}")
                    .contains("in Spring Boot write camel.component.cashfin-leads.client-secret = ${CASHFIN_CLIENT_SECRET}"));
        }
    }

    @Test
    void secretWithAPlaceholderInsideIsRefusedWithoutShowingIt() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertThatThrownBy(() -> context.getEndpoint(
                    "cashfin-leads:create?clientSecret=RAW(cs_live_${secret_part})&baseUrl=" + cashfin.baseUrl()))
                    .satisfies(e -> assertThat(messages(e)).contains("clientSecret contains \"${\" (value not shown)")
                            .doesNotContain("cs_live"));
        }
    }

    @Test
    void misspeltSecretOptionOnAnEndpointSaysWhichOptionWasMeant() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertThatThrownBy(() -> context.getEndpoint("cashfin-leads:create?baseUrl=" + cashfin.baseUrl()
                                                         + "&clientSecret=" + cashfin.secret()
                                                         + "&proxyPasword=RAW(pw_very_secret)"))
                    .satisfies(e -> assertThat(messages(e))
                            .contains("java.lang.IllegalArgumentException: Unknown option proxyPasword in endpoint"
                                      + " create: did you mean proxyPassword?")
                            .doesNotContain("Unknown parameters=[{proxyPasword=pw_very_secret}]"));
        }
    }

    @Test
    void misspeltSecretPropertyInCamelMainFailsWithoutItsValue() {
        Main main = main("misspelt.properties");
        try {
            assertThatThrownBy(main::start).satisfies(e -> assertThat(messages(e))
                    .contains("clientSecrt").contains("did you mean clientSecret?")
                    .doesNotContain(cashfin.secret()));
        } finally {
            main.stop();
        }
    }

    /** Every message of {@code e} and its causes, one per line. */
    static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append('\n');
        }
        return sb.toString();
    }

}
