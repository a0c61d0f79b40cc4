package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.leads.testing.CamelStoppedAfterEach;

/**
 * With JMX on (camel-management on the classpath), no attribute of any Camel MBean shows the client secret: not the
 * endpoint URIs, not the component, not the routes and processors that use the endpoint.
 */
class JmxSecretMaskingTest {

    private static final String SECRET = "cs_JmxSecretAbc123456789";

    @RegisterExtension
    final CamelStoppedAfterEach camel = new CamelStoppedAfterEach();

    @Test
    void noMBeanAttributeShowsTheSecret() throws Exception {
        CamelContext context = camel.context(new DefaultCamelContext());
        context.setManagementName("cashfin-jmx-test");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").routeId("create-lead")
                        .to("cashfin-leads:create?plan=unlimited&baseUrl=http://127.0.0.1:1&clientSecret=" + SECRET);
                from("cashfin-leads:list?plan=unlimited&baseUrl=http://127.0.0.1:1&startScheduler=false&clientSecret="
                     + SECRET).routeId("poll-leads").to("log:leads");
            }
        });
        context.start();

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:context=cashfin-jmx-test,*"), null);
        assertThat(names).as("Camel registered its MBeans").isNotEmpty()
                .anyMatch(n -> "endpoints".equals(n.getKeyProperty("type"))
                               && n.getKeyProperty("name").contains("cashfin-leads"));

        List<String> leaks = new ArrayList<>();
        int attributesRead = 0;
        for (ObjectName name : names) {
            assertThat(name.toString()).doesNotContain(SECRET);
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                if (!attribute.isReadable()) {
                    continue;
                }
                Object value;
                try {
                    value = server.getAttribute(name, attribute.getName());
                } catch (Exception e) {
                    continue; // some attributes are not available in every state; they show nothing either
                }
                attributesRead++;
                String text = value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
                if (text.contains(SECRET)) {
                    leaks.add(name + " " + attribute.getName());
                }
            }
        }
        assertThat(attributesRead).isGreaterThan(50);
        assertThat(leaks).as("MBean attributes that show the secret").isEmpty();
    }
}
