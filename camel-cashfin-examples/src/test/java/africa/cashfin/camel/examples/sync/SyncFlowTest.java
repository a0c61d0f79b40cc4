package africa.cashfin.camel.examples.sync;

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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.CashfinExamplesApp;
import africa.cashfin.camel.leads.CashfinLeadsEndpoint;
import africa.cashfin.camel.examples.app.EmbeddedServices;
import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * Flow 4 through the real app: leads appearing in (the simulated) Cashfin reach the SQL table, the stub CRM and the CSV
 * export; a changed lead updates its row. Runs when the component has the lead consumer.
 */
class SyncFlowTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp();

    private static final Duration WAIT = Duration.ofSeconds(90);

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

    @Test
    void theConsumerAndTheFormKeepTheirSharesOfTheCallBudgetAndTheImportsUseThePool() {
        org.apache.camel.CamelContext camel = APP.app().camelContext();
        await().atMost(WAIT).until(() -> camel.getRouteController().getRouteStatus("sync-to-crms").isStarted());
        CashfinLeadsEndpoint consumer = (CashfinLeadsEndpoint) camel.getRoute("sync-to-crms").getEndpoint();
        assertThat(consumer.getBudgetReserve()).isEqualTo(0.3);
        assertThat(consumer.getBudgetShareState()).startsWith("'lead-sync' reserve 0.3, pool 0.500");
        List<String> producers = camel.getEndpoints().stream().filter(e -> e instanceof CashfinLeadsEndpoint
                && e != consumer).map(e -> ((CashfinLeadsEndpoint) e).getBudgetShareState()).sorted().toList();
        assertThat(producers).as("the web form's queue, the CSV import and the mailbox").anySatisfy(
                state -> assertThat(state).startsWith("'web-form' reserve 0.2, pool 0.500"))
                .anySatisfy(state -> assertThat(state).startsWith("pool only, pool 0.500"));
    }

    @Test
    void restartedAppDeliversOnlyWhatIsNew() throws Exception {
        String first = (String) APP.cashfin().addLead(Map.of("name", "Baraka Mwakyusa", "email",
                "baraka@dar-shipping.example", "source", "referral")).get("_id");
        await().atMost(WAIT).until(() -> column(first, "name") != null);
        APP.app().camelContext().getRouteController().stopRoute("sync-to-crms");
        Path export = APP.app().export().file();
        try {
            // a second app on the same Cashfin, database and work directory: as after a restart
            Map<String, String> o = new java.util.LinkedHashMap<>();
            o.put("cashfin.work-dir", APP.work().toString());
            o.put("camel.server.port", String.valueOf(ExamplesApp.freePort()));
            o.put("cashfin.base-url", APP.setting("cashfin.base-url"));
            o.put("cashfin.form.captcha.provider", "none");
            o.put("cashfin.client-secret", APP.setting("cashfin.client-secret"));
            o.put("cashfin.jdbc.url", APP.setting("cashfin.jdbc.url"));
            o.put("cashfin.sync.poll-delay", "500");
            o.put("cashfin.csv.inbox", APP.work().resolve("inbox-restarted").toString());
            try (CashfinExamplesApp restarted = new CashfinExamplesApp(o).start()) {
                String second = (String) APP.cashfin().addLead(Map.of("name", "Mariam Diallo", "email",
                        "mariam@dakar-events.example", "source", "linkedin")).get("_id");
                await().atMost(WAIT).until(() -> column(second, "name") != null);
                await().atMost(WAIT).until(() -> Files.readString(export, StandardCharsets.UTF_8).contains(second));
                List<LoggedRequest> pushed = restarted.services().crm().findAll(WireMock.postRequestedFor(
                        WireMock.urlPathEqualTo(EmbeddedServices.CRM_CONTACTS_PATH)));
                assertThat(pushed).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                        .contains("mariam@dakar-events.example"));
                String text = Files.readString(export, StandardCharsets.UTF_8);
                assertThat(text.split(first, -1)).hasSize(2);
                assertThat(text.split(second, -1)).hasSize(2);
            }
        } finally {
            APP.app().camelContext().getRouteController().startRoute("sync-to-crms");
        }
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
