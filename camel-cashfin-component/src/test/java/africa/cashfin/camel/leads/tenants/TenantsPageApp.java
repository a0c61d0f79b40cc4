package africa.cashfin.camel.leads.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.main.Main;

import com.fasterxml.jackson.databind.ObjectMapper;

import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The application of docs/tenants.md as the tenant tests run it in a work directory: the page's fenced blocks, its
 * route template (on H2 instead of PostgreSQL), its tenant file, Camel Main (not started) with the page's properties
 * for a tenant file or a tenant table against the simulator, and the lead ids each tenant's route wrote.
 */
final class TenantsPageApp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TenantsPageApp() {
    }

    /** The fenced block of docs/tenants.md between {@code <!-- name:begin -->} and its end. */
    static String block(String name, String language) throws Exception {
        String page = Files.readString(Path.of("..", "docs", "tenants.md"));
        Matcher m = Pattern.compile("(?s)<!-- " + name + ":begin -->\\s*```" + language + "\\n(.*?)```").matcher(page);
        assertThat(m.find()).as("docs/tenants.md has the %s block", name).isTrue();
        return m.group(1);
    }

    /**
     * Writes the page's route template to {@code work/cashfin-tenant.camel.yaml}, with H2's data source for
     * PostgreSQL's and {@code delay} as the default poll delay ({@code "5m"}, the page's, keeps it).
     */
    static Path template(Path work, String delay) throws Exception {
        Path template = work.resolve("cashfin-tenant.camel.yaml");
        Files.writeString(template, block("tenant-template", "yaml").replace("defaultValue: 5m", "defaultValue: " + delay)
                .replace("org.postgresql.ds.PGSimpleDataSource", "org.h2.jdbcx.JdbcDataSource"));
        return template;
    }

    /**
     * Writes the page's tenant file to {@code work/tenants.properties}, its {@code {{vault:...}}} line as
     * {@code {{env:INITECH_SECRET}}} (as the page says; surefire sets the variable).
     */
    static Path tenantFile(Path work) throws Exception {
        Path tenants = work.resolve("tenants.properties");
        Files.writeString(tenants, block("tenant-file", "properties")
                .replace("{{vault:cashfin/initech}}", "{{env:INITECH_SECRET}}"));
        return tenants;
    }

    /** The H2 database of the tenants' state (and of the tenant table) of {@code work}. */
    static String dbUrl(Path work) {
        return "jdbc:h2:mem:" + work.getFileName() + ";DB_CLOSE_DELAY=-1";
    }

    /**
     * Camel Main with the page's application.properties for a tenant file: the template's routes file,
     * {@code camel.beans.tenants} on {@code tenants} (re-read every 300 ms), the state database and output directory
     * under {@code work}, the simulator's URL.
     */
    static Main forFile(Path work, Path template, Path tenants, CashfinSimulatorExtension cashfin) {
        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + template);
        main.addInitialProperty("camel.beans.tenants", "#class:africa.cashfin.camel.leads.tenants.TenantRoutes");
        main.addInitialProperty("camel.beans.tenants.file", tenants.toString());
        main.addInitialProperty("camel.beans.tenants.interval", "300");
        return underWork(main, work, cashfin);
    }

    /**
     * Camel Main with the page's {@code camel.beans.tenants} lines for a table (re-read every 300 ms instead of 30 s)
     * in the database {@link #dbUrl(Path)}, the template's routes file, the output directory under {@code work}, the
     * simulator's URL.
     */
    static Main forTable(Path work, Path template, CashfinSimulatorExtension cashfin) throws Exception {
        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + template);
        Properties page = new Properties();
        page.load(new StringReader(block("tenant-table", "properties").replace("interval = 30s", "interval = 300")));
        page.stringPropertyNames().forEach(k -> main.addInitialProperty(k, page.getProperty(k)));
        return underWork(main, work, cashfin);
    }

    private static Main underWork(Main main, Path work, CashfinSimulatorExtension cashfin) {
        main.addInitialProperty("tenants.db.url", dbUrl(work));
        main.addInitialProperty("tenants.db.user", "sa");
        main.addInitialProperty("tenants.db.password", "sa-test");
        main.addInitialProperty("tenants.out-dir", work.resolve("out").toString());
        main.addInitialProperty("camel.component.cashfin-leads.base-url", cashfin.baseUrl());
        return main;
    }

    /** The lead ids in the tenant's output file, one per line, in the order written (duplicates kept). */
    static List<String> emitted(Path work, String tenant) throws Exception {
        Path file = work.resolve("out").resolve(tenant).resolve("leads.jsonl");
        List<String> ids = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    ids.add((String) JSON.readValue(line, Map.class).get("_id"));
                }
            }
        }
        return ids;
    }
}
