package africa.cashfin.camel.leads.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checks of a tenant row (docs/tenants.md, "Bad rows") and the changes between two tables. */
class TenantRowsTest {

    private CamelContext context;

    @BeforeEach
    void context() throws Exception {
        context = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("acme.secret", "cs_test_resolved");
        context.getPropertiesComponent().setInitialProperties(p);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                routeTemplate("cashfin-tenant").templateParameter("tenantId").templateParameter("clientSecret")
                        .from("direct:{{tenantId}}").to("mock:out");
            }
        });
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private TenantRow check(String id, Map<String, String> fields) throws InvalidTenantRowException {
        return TenantRows.check(new TenantEntry(id, fields), "tenants.properties", "cashfin-tenant", context);
    }

    @Test
    void aRowWithAReferenceBecomesTheTemplateParameters() throws Exception {
        TenantRow row = check("acme", Map.of("clientSecret", "{{acme.secret}}", "status", "new"));
        assertThat(row.routeId()).isEqualTo("tenant-acme");
        assertThat(row.template()).isEqualTo("cashfin-tenant");
        assertThat(row.parameters()).containsExactly(Map.entry("clientSecret", "{{acme.secret}}"),
                Map.entry("status", "new"), Map.entry("tenantId", "acme"));
        assertThat(row.toString()).doesNotContain("cs_test_resolved");
    }

    @Test
    void aLiteralSecretIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> check("acme", Map.of("clientSecret", "cs_live_0123456789abcdef")))
                .isInstanceOf(InvalidTenantRowException.class)
                .hasMessageStartingWith("Tenant row 'acme' of tenants.properties, field clientSecret: holds a literal")
                .hasMessageNotContaining("cs_live_0123456789abcdef");
        assertThatThrownBy(() -> check("acme", Map.of("clientSecret", "x{{acme.secret}}")))
                .hasMessageContaining("holds a literal value (not shown)").hasMessageNotContaining("x{{");
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThatThrownBy(() -> check("acme", Map.of())).hasMessageContaining("field clientSecret: missing");
        assertThatThrownBy(() -> check("acme", Map.of("clientSecret", "{{env:NO_SUCH_TENANT_SECRET}}")))
                .hasMessageContaining("field clientSecret: the reference {{env:NO_SUCH_TENANT_SECRET}} does not resolve");
        assertThatThrownBy(() -> check("a b", Map.of("clientSecret", "{{acme.secret}}")))
                .hasMessageContaining("Tenant row 'a b'").hasMessageContaining("field tenant id");
        assertThatThrownBy(() -> check("acme", Map.of("clientSecret", "{{acme.secret}}", "template", "nope")))
                .hasMessageContaining("field template: no route template 'nope' is loaded");
        assertThatThrownBy(() -> check("acme", Map.of("clientSecret", "{{acme.secret}}", "tenantId", "x")))
                .hasMessageContaining("field tenantId");
        assertThatThrownBy(() -> check("acme", Map.of("clientSecret", "{{acme.secret}}", "", "x")))
                .hasMessageContaining("field (none)");
    }

    @Test
    void changesBetweenTwoTables() throws Exception {
        TenantRow a = check("a", Map.of("clientSecret", "{{acme.secret}}"));
        TenantRow b = check("b", Map.of("clientSecret", "{{acme.secret}}"));
        TenantRow b2 = check("b", Map.of("clientSecret", "{{acme.secret}}", "status", "new"));
        TenantRow c = check("c", Map.of("clientSecret", "{{acme.secret}}"));
        Map<String, TenantRow> running = new LinkedHashMap<>(Map.of("a", a, "b", b));
        TenantChanges changes = TenantChanges.between(running, Map.of("b", b2, "c", c));
        assertThat(changes.added()).containsExactly(c);
        assertThat(changes.changed()).containsExactly(b2);
        assertThat(changes.removed()).isEqualTo(List.of("a"));
        assertThat(TenantChanges.between(running, Map.of("a", a, "b", b)).isEmpty()).isTrue();
    }
}
