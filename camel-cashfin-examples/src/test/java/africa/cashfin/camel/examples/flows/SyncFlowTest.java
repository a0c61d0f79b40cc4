package africa.cashfin.camel.examples.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.EmbeddedServices;
import africa.cashfin.camel.examples.LeadDatabase;

/**
 * Flow 4 through the real app: leads appearing in (the simulated) Cashfin reach the SQL table, the stub CRM and the CSV
 * export; a changed lead updates its row. Runs when the component has the lead consumer.
 */
class SyncFlowTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp();

    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeEach
    void needsTheConsumer() {
        Assumptions.assumeTrue(APP.app().syncEnabled(), "Skipped: this camel-cashfin-component has no lead consumer"
                + " yet (option startFrom); Flow 4 switches on when it has");
    }

    @Test
    void newLeadReachesTheTableTheCrmAndTheExportAndAnUpdateReachesTheTable() throws Exception {
        Map<String, Object> lead = APP.cashfin().addLead(Map.of("name", "Esi Asante", "email",
                "esi@cape-coast-hotels.example", "company", "=HYPERLINK(\"http://evil.example\")", "source", "event",
                "status", "new"));
        String id = (String) lead.get("_id");

        await().atMost(WAIT).until(() -> "new".equals(column(id, "status")));
        assertThat(column(id, "name")).isEqualTo("Esi Asante");
        assertThat(column(id, "source")).isEqualTo("event");

        await().atMost(WAIT).until(() -> crmPosts().size() == 1);
        List<LoggedRequest> pushed = crmPosts();
        assertThat(pushed.get(0).getBodyAsString()).contains("\"email\":\"esi@cape-coast-hotels.example\"")
                .contains("\"firstname\":\"Esi\"").contains("\"lastname\":\"Asante\"");

        Path export = APP.app().export().file();
        await().atMost(WAIT).until(() -> Files.exists(export)
                                         && Files.readString(export, StandardCharsets.UTF_8).contains(id));
        assertThat(Files.readString(export, StandardCharsets.UTF_8)).contains("'=HYPERLINK")
                .doesNotContain(",=HYPERLINK");

        APP.cashfin().updateLead(id, "qualified");
        await().atMost(WAIT).until(() -> "qualified".equals(column(id, "status")));
        assertThat(rowCount(id)).isEqualTo(1);
        assertThat(crmPosts()).hasSize(1);
    }

    private static List<LoggedRequest> crmPosts() {
        return APP.app().services().crm().findAll(WireMock.postRequestedFor(
                WireMock.urlPathEqualTo(EmbeddedServices.CRM_CONTACTS_PATH)));
    }

    private static String column(String id, String column) throws Exception {
        try (Connection c = APP.app().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + column + " FROM " + LeadDatabase.TABLE + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long rowCount(String id) throws Exception {
        try (Connection c = APP.app().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM " + LeadDatabase.TABLE + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
