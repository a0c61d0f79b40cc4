package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The URI surgery behind the Kamelets' unset optional options (the route-level test is in KameletRouteTest). */
class UnsetOptionalOptionsTest {

    @Test
    void dropsUnresolvedOptionalPlaceholdersWhereverTheyStandAndKeepsResolvableOnes() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("proxyHost", "proxy.example.com");
            Map<String, Object> parameters = new HashMap<>(Map.of(
                    "proxyPassword", "RAW({{?proxyPassword}})", "proxyUsername", "RAW(%7B%7B?proxyUsername%7D%7D)",
                    "proxyHost", "{{?proxyHost}}", "plan", "free", "clientSecret", "RAW(cs_a&b{{x}})"));
            String uri = UnsetOptionalOptions.drop(context,
                    "cashfin-leads://list?proxyUsername=RAW(%7B%7B?proxyUsername%7D%7D)&plan=free"
                    + "&proxyHost={{?proxyHost}}&clientSecret=RAW(cs_a&b{{x}})&proxyPassword=RAW({{?proxyPassword}})",
                    parameters);

            assertThat(uri).isEqualTo("cashfin-leads://list?plan=free&proxyHost={{?proxyHost}}&clientSecret=RAW(cs_a&b{{x}})");
            assertThat(parameters).containsOnlyKeys("plan", "proxyHost", "clientSecret");
        }
    }
}
