package africa.cashfin.camel.examples.csv;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;

import africa.cashfin.camel.examples.common.Settings;
import africa.cashfin.camel.examples.files.FileLimits;
import africa.cashfin.camel.leads.state.JdbcStateRepository;

/**
 * Flow 1's wiring: reads the {@code cashfin.csv.*} settings and binds the beans {@code routes/csv-import.camel.yaml}
 * calls ({@code csvImports}, {@code parkedCsvFiles}, {@code inboxCsvFiles}).
 */
public final class CsvFlow {

    /** Setting: the folder files are dropped into. */
    public static final String INBOX = "cashfin.csv.inbox";
    /** Setting: where imported files and their reports go ({@code done/}, {@code error/}). */
    public static final String REPORTS_DIR = "cashfin.csv.reports-dir";

    private final CsvImports imports;
    private final ImportBoard board;
    private final InboxDrop inbox;

    private CsvFlow(CsvImports imports, ImportBoard board, InboxDrop inbox) {
        this.imports = imports;
        this.board = board;
        this.inbox = inbox;
    }

    /**
     * Binds Flow 1's beans.
     *
     * @param context     where the beans are bound (and the reports directory is made absolute)
     * @param settings    the flow's settings
     * @param dataSource  the app's database: each dropped file's progress is a row of the component's state table
     *                    there, so a parked file survives a restart
     * @param cashfinTime the Cashfin component's clock (a parked file resumes on the call budget's time)
     * @throws IllegalArgumentException when a setting is invalid (the message names it)
     */
    public static CsvFlow bind(CamelContext context, Settings settings, DataSource dataSource, Clock cashfinTime) {
        CsvImportSettings importSettings = CsvImportSettings.from(settings);
        settings.directory(INBOX);
        FileLimits fileLimits = FileLimits.from(settings);
        fileLimits.applyToPoi();
        // the route moves files by these paths: absolute, or Camel would read them relative to the inbox
        Path reports = Path.of(settings.text(REPORTS_DIR)).toAbsolutePath();
        context.getPropertiesComponent().addOverrideProperty(REPORTS_DIR, reports.toString());
        // each dropped file's progress (a file the day's budget cannot finish parks and resumes from it): a row of
        // the component's state table in the app's database, so it survives a restart
        JdbcStateRepository importState = new JdbcStateRepository(dataSource);
        importState.start(); // creates CASHFIN_LEADS_STATE if absent
        ImportProgressStore progress = new ImportProgressStore(importState);
        // the names the inbox route takes (its include), one home with the operations page's upload
        context.getPropertiesComponent().addOverrideProperty(InboxDrop.INCLUDE_PROPERTY, InboxDrop.NAMES);
        Path inbox = Path.of(settings.text(INBOX)).toAbsolutePath();
        ImportBoard board = new ImportBoard(inbox, reports, progress, cashfinTime);
        CsvImports imports = new CsvImports(importSettings, reports.resolve("done"), reports.resolve("error"),
                cashfinTime, fileLimits, progress, board);
        context.getRegistry().bind("csvImports", imports);
        context.getRegistry().bind("parkedCsvFiles", ParkedFiles.parked(progress, cashfinTime));
        context.getRegistry().bind("inboxCsvFiles", ParkedFiles.inbox(progress));
        return new CsvFlow(imports, board, new InboxDrop(inbox, reports.resolve("processing")));
    }

    /** The route's bean (reports directory etc.). */
    public CsvImports imports() {
        return imports;
    }

    /** Every dropped file and how its import stands (the operations page's imports section). */
    public ImportBoard board() {
        return board;
    }

    /** Puts a file into the inbox through the inbox's own rules (the operations page's upload). */
    public InboxDrop inbox() {
        return inbox;
    }
}
