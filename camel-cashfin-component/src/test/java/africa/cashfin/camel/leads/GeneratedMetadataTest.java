package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.converter.LeadConverterLoader;
import africa.cashfin.camel.leads.model.Lead;

/**
 * Camel uses the metadata written by camel-component-maven-plugin: the generated configurers (no reflection
 * fallback), URI factory, component JSON and type converter loader.
 */
class GeneratedMetadataTest extends CamelTestSupport {

    @Test
    void componentAndEndpointUseTheGeneratedConfigurers() throws Exception {
        CashfinLeadsComponent component = context.getComponent("cashfin-leads", CashfinLeadsComponent.class);
        assertThat(component.getComponentPropertyConfigurer()).isInstanceOf(CashfinLeadsComponentConfigurer.class);
        assertThat(component.getEndpointPropertyConfigurer()).isInstanceOf(CashfinLeadsEndpointConfigurer.class);

        PropertyConfigurer resolved = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer("cashfin-leads-endpoint", context);
        assertThat(resolved).isInstanceOf(CashfinLeadsEndpointConfigurer.class);

        Endpoint endpoint = context.getEndpoint("cashfin-leads:list?clientSecret=cs_abc&limit=5&connectTimeout=2s");
        CashfinLeadsConfiguration config = ((CashfinLeadsEndpoint) endpoint).getConfiguration();
        assertThat(config.getLimit()).isEqualTo(5);
        assertThat(config.getConnectTimeout()).isEqualTo(2_000L);
    }

    @Test
    void uriFactoryAndComponentJsonAreGenerated() throws Exception {
        assertThat(PluginHelper.getUriFactoryResolver(context).resolveFactory("cashfin-leads", context))
                .isInstanceOf(CashfinLeadsEndpointUriFactory.class);
        String json = ((org.apache.camel.CatalogCamelContext) context).getComponentParameterJsonSchema("cashfin-leads");
        assertThat(json).contains("\"scheme\": \"cashfin-leads\"").contains("\"clientSecret\"")
                .contains("\"secret\": true").contains("CamelCashfinLeadId");
        try (InputStream in = getClass().getResourceAsStream("/META-INF/africa/cashfin/camel/leads/cashfin-leads.json")) {
            assertThat(in).isNotNull();
        }
    }

    @Test
    void generatedUriFactoryKnowsTheSecretOption() throws Exception {
        CashfinLeadsEndpointUriFactory factory = new CashfinLeadsEndpointUriFactory();
        factory.setCamelContext(context);
        assertThat(factory.secretPropertyNames())
                .containsExactlyInAnyOrder("clientSecret", "proxyUsername", "proxyPassword");
        String uri = factory.buildUri("cashfin-leads",
                Map.of("operation", "create", "source", "website"), false);
        assertThat(uri).isEqualTo("cashfin-leads:create?source=website");
    }

    @Test
    void typeConverterLoaderIsGeneratedAndRegistered() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/org/apache/camel/TypeConverterLoader")) {
            assertThat(new String(in.readAllBytes())).contains(LeadConverterLoader.class.getName());
        }
        Lead lead = context.getTypeConverter().mandatoryConvertTo(Lead.class, Map.of("name", "Jane", "status", "NEW"));
        assertThat(lead.getName()).isEqualTo("Jane");
        assertThat(lead.getStatus()).isEqualTo("new");
    }
}
