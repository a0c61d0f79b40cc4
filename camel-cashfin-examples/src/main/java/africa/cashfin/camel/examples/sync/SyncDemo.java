package africa.cashfin.camel.examples.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.IntSupplier;

import javax.sql.DataSource;

import africa.cashfin.camel.examples.common.DemoStep;
import africa.cashfin.camel.examples.common.Settings;

/**
 * Flow 4 in the demo: nothing to do by hand (the lead consumer picks up what the other flows created); finished when
 * the SQL table holds as many rows as Cashfin holds leads ({@link #expect}); its summary counts the table, the
 * contacts the stub CRM received and the export's records.
 */
public final class SyncDemo implements DemoStep {

    private final Settings settings;
    private final DataSource dataSource;
    private final LeadCsvExport export;
    private final IntSupplier crmContacts;
    private volatile long expected = Long.MAX_VALUE;

    /**
     * @param settings    the app's settings (the database and CRM addresses, for the summary)
     * @param dataSource  the flow's database
     * @param export      the flow's CSV export
     * @param crmContacts how many contacts the stub CRM received, or null for a real CRM
     */
    public SyncDemo(Settings settings, DataSource dataSource, LeadCsvExport export, IntSupplier crmContacts) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.export = export;
        this.crmContacts = crmContacts;
    }

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public void use() {
        // the consumer syncs on its own
    }

    /** The flow is finished once the table holds {@code leads} rows: every lead in Cashfin. */
    public void expect(long leads) {
        expected = leads;
    }

    @Override
    public boolean finished() {
        return rows() >= expected;
    }

    @Override
    public void summarise(StringBuilder s) throws Exception {
        s.append("\nFlow 4, Cashfin -> other systems:\n");
        s.append("  SQL table ").append(LeadDatabase.TABLE).append(": ").append(rows()).append(" rows (")
                .append(settings.text("cashfin.jdbc.url")).append(")\n");
        if (crmContacts != null) {
            s.append("  contacts pushed to the CRM: ").append(crmContacts.getAsInt()).append(" (")
                    .append(settings.text("cashfin.crm.url")).append(")\n");
        }
        Path file = export.file();
        long records = Files.exists(file) ? DemoStep.readCsv(file).size() : 0;
        s.append("  CSV export: ").append(records).append(" leads in ").append(file).append('\n');
    }

    /** Rows in the table, -1 when it cannot be read. */
    long rows() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + LeadDatabase.TABLE)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
