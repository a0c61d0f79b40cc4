package africa.cashfin.camel.examples.sync;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.processor.state.FileStateRepository;

import africa.cashfin.camel.examples.common.Settings;

/**
 * Flow 4's wiring: reads the {@code cashfin.export.*} and {@code cashfin.crm.*} settings, creates the SQL table and
 * binds the beans {@code routes/sync-to-crms.camel.yaml} uses ({@code leadCsvExport}, {@code leadSync}, the consumer's
 * {@code leadSyncRepository} and {@code leadSyncState}).
 */
public final class SyncFlow {

    private final LeadCsvExport export;

    private SyncFlow(LeadCsvExport export) {
        this.export = export;
    }

    /**
     * Binds Flow 4's beans.
     *
     * @param context    where the beans are bound
     * @param settings   the flow's settings
     * @param dataSource the app's database: the table the leads go to, and the consumer's seen leads
     * @param workDir    the app's work directory (the consumer's cursor: {@code sync-state.properties})
     * @param clock      the sync's clock
     */
    public static SyncFlow bind(CamelContext context, Settings settings, DataSource dataSource, Path workDir,
            Clock clock) {
        LeadCsvExport export = new LeadCsvExport(settings.text("cashfin.export.file"));
        context.getRegistry().bind("leadCsvExport", export);
        context.getRegistry().bind("leadSync", new LeadSync(new HubSpotContactMapper(),
                settings.text("cashfin.crm.token"), clock));
        LeadDatabase.createSchema(dataSource);
        context.getRegistry().bind("leadSyncRepository", new JdbcMessageIdRepository(dataSource, "cashfin-sync"));
        context.getRegistry().bind("leadSyncState",
                FileStateRepository.fileStateRepository(workDir.resolve("sync-state.properties").toFile()));
        return new SyncFlow(export);
    }

    /** The CSV export. */
    public LeadCsvExport export() {
        return export;
    }
}
