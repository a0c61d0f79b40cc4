package africa.cashfin.camel.examples.csv;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import africa.cashfin.camel.examples.common.MappedLead;

/**
 * The import of one CSV file, as a route drives it: map each row (the mapping is resolved from the first row's
 * headers, so a preset can be detected per file), record each row's outcome in the {@link ImportReport}, finish with
 * the {@link ImportSummary}. The route keeps one instance per file, e.g. in an exchange property set before the split.
 * <p>
 * When the mapping is resolved, one line goes to the log listener saying which mapping was used and which columns are
 * not imported, so a column that is silently dropped can be seen and mapped. Thread-safe.
 */
public final class CsvFileImport {

    private final String fileName;
    private final CsvImportSettings settings;
    private final ImportReport report;
    private final Consumer<String> log;
    private CsvRowMapper mapper;

    /**
     * @param fileName the input file's name, for log lines
     * @param settings the import settings
     * @param report   where the outcomes go
     * @param log      receives the mapping line, e.g. a logger's {@code info}
     */
    public CsvFileImport(String fileName, CsvImportSettings settings, ImportReport report, Consumer<String> log) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.report = Objects.requireNonNull(report, "report");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Starts the import of {@code fileName}: opens its report in {@code reportDirectory} with the file's delimiter
     * and the settings' progress interval; progress and mapping lines go to {@code log}.
     */
    public static CsvFileImport start(String fileName, String delimiter, Path reportDirectory,
            CsvImportSettings settings, Consumer<String> log, Clock clock) {
        return start(fileName, delimiter, reportDirectory, settings, log, clock, null);
    }

    /**
     * Like {@link #start(String, String, Path, CsvImportSettings, Consumer, Clock)}; with {@code resumeFrom}, goes on
     * with the report of an earlier run of the same file ({@link ImportReport#resume}).
     */
    public static CsvFileImport start(String fileName, String delimiter, Path reportDirectory,
            CsvImportSettings settings, Consumer<String> log, Clock clock, ImportProgress resumeFrom) {
        char d = delimiter == null || delimiter.isEmpty() ? ',' : delimiter.charAt(0);
        ImportReport report = resumeFrom == null
                ? new ImportReport(reportDirectory, fileName, d, settings.progressEvery(), log, clock)
                : ImportReport.resume(reportDirectory, fileName, d, settings.progressEvery(), log, clock, resumeFrom);
        return new CsvFileImport(Path.of(fileName).getFileName().toString(), settings, report, log);
    }

    /** The lead for {@code row}; the first call fixes the mapping for the whole file. */
    public MappedLead map(Map<String, ?> row) {
        return mapper(row).map(row);
    }

    private synchronized CsvRowMapper mapper(Map<String, ?> row) {
        if (mapper == null) {
            List<String> headers = new ArrayList<>(row.keySet());
            mapper = settings.mapperFor(headers);
            List<String> unmapped = mapper.mapping().unmappedColumns(headers);
            log.accept(fileName + ": mapping '" + mapper.mapping().name() + "'"
                    + (unmapped.isEmpty() ? ", every column is imported"
                            : "; columns not imported (map them with cashfin.csv.mapping.<column>=<field>): "
                              + String.join(", ", unmapped)));
        }
        return mapper;
    }

    /** The name of the mapping in use, or null before the first row. */
    public synchronized String mappingName() {
        return mapper == null ? null : mapper.mapping().name();
    }

    /** The report of this file. */
    public ImportReport report() {
        return report;
    }

    /** Row {@code row} created lead {@code leadId}; the mapping warnings go to the report. */
    public void created(long row, String leadId, MappedLead mapped) {
        report.created(row, leadId, mapped == null ? null : mapped.warningText());
    }

    /** Row {@code row} was a duplicate of {@code leadId} (null when unknown). */
    public void duplicate(long row, String leadId, MappedLead mapped) {
        report.duplicate(row, leadId, mapped == null ? null : mapped.warningText());
    }

    /** Row {@code row} failed: its mapping errors. */
    public void failed(long row, Map<String, ?> originalRow, MappedLead mapped) {
        report.failed(row, originalRow, mapped.errorText());
    }

    /** Row {@code row} failed for {@code error} (e.g. the API refused it). */
    public void failed(long row, Map<String, ?> originalRow, String error) {
        report.failed(row, originalRow, error);
    }

    /** Closes the report and returns the totals. */
    public ImportSummary finish() {
        return report.finish();
    }
}
