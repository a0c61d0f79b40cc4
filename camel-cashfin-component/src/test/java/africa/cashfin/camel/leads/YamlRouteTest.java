package africa.cashfin.camel.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The component in a YAML DSL route, as in src/test/resources/routes/create-lead.camel.yaml. */
class YamlRouteTest extends CashfinTestSupport {

    @BeforeEach
    void loadYamlRoutes() throws Exception {
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/create-lead.camel.yaml"));
    }

    @Test
    void createsLeadFromJsonInYamlRoute() {
        wm.stubFor(post("/business/lead/create").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\": true, \"data\": {\"_id\": \"65a0c0ffee0000000000abcd\", \"name\": \"Jane\"}}")));

        String id = template.requestBody("direct:yaml-create", "{\"name\": \"Jane\", \"status\": \"New\"}", String.class);

        assertThat(id).isEqualTo("65a0c0ffee0000000000abcd");
        wm.verify(postRequestedFor(urlPathEqualTo("/business/lead/create")).withHeader("Authorization", equalTo(SECRET))
                .withRequestBody(equalToJson("{\"name\": \"Jane\", \"status\": \"new\", \"source\": \"website\"}")));
    }

    @Test
    void listsLeadsInYamlRoute() {
        wm.stubFor(get(urlPathEqualTo("/business/lead/list")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\": true, \"data\": [{\"_id\": \"a1\", \"name\": \"Jane\"}],"
                          + " \"meta\": {\"total\": 1, \"page\": 1, \"limit\": 50, \"pages\": 1}}")));

        List<?> leads = template.requestBody("direct:yaml-list", null, List.class);

        assertThat(leads).hasSize(1);
        wm.verify(getRequestedFor(urlPathEqualTo("/business/lead/list")).withQueryParam("limit", equalTo("50"))
                .withQueryParam("status", equalTo("new")));
    }
}
