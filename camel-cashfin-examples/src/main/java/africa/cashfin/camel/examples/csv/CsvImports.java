package africa.cashfin.camel.examples.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.MappedLead;
import africa.cashfin.camel.examples.files.BoundedRowReader;
import africa.cashfin.camel.examples.files.CsvDialect;
import africa.cashfin.camel.examples.files.DropFormat;
import africa.cashfin.camel.examples.files.FileLimits;
import africa.cashfin.camel.examples.files.TextEncodingDetector;
import africa.cashfin.camel.examples.files.TitleRows;
import africa.cashfin.camel.examples.files.UnreadableFileException;
import africa.cashfin.camel.examples.files.XlsxRows;
import africa.cashfin.camel.leads.CashfinLeadsConstants;

/**
 * The Camel side of Flow 1 (CSV file drop): the steps of {@code routes/csv-import.camel.yaml} call these methods, which
 * keep one {@link CsvFileImport} per file in the exchange property {@value #IMPORT}.
 * <ol>
 * <li>{@link #begin(Exchange)}: tells a text file from an Excel workbook, detects a text file's encoding and
 * delimiter (header {@value CsvDialect#DELIMITER_HEADER}), makes the body something the route can stream rows from
 * and opens the file's report in the reports directory.</li>
 * <li>per row, {@link #mapRow(Exchange)}: the row (a map, header to value) becomes a {@code Lead} body and header
 * {@value #ROW_VALID} is true, or the row is recorded as failed (false), or skipped when blank (false).</li>
 * <li>after {@code cashfin-leads:create}, {@link #created(Exchange)} records created or duplicate (header
 * {@code CamelCashfinLeadCreated=false}); when the call throws, {@link #refused(Exchange)} records the API's
 * message.</li>
 * <li>{@link #finish(Exchange)} closes the report and logs the summary line; {@link #fileFailed(Exchange)} writes
 * {@code <name>.error.txt} with the reason when the file as a whole cannot be read.</li>
 * </ol>
 */
public final class CsvImports {

    /** Exchange property holding the file's {@link CsvFileImport}. */
    public static final String IMPORT = "CashfinCsvImport";
    /** Exchange property holding the current row as read (header to value). */
    public static final String ROW = "CashfinCsvRow";
    /** Exchange property holding the current row's {@link MappedLead}. */
    public static final String MAPPED = "CashfinCsvMapped";
    /** Header: true when the current row's lead should be sent to Cashfin. */
    public static final String ROW_VALID = "CashfinCsvRowValid";
    /** Header set by {@link #finish(Exchange)}: the {@link ImportSummary} of the file. */
    public static final String SUMMARY = "CashfinCsvSummary";
    /** Exchange property: how the file is read, e.g. {@code UTF-16LE with BOM, tab-separated}. */
    public static final String HOW_READ = "CashfinCsvReadAs";
    /** Exchange property: {@value #OUTCOME_DONE}, or {@value #OUTCOME_PARKED} for a file that waits for the next day. */
    public static final String OUTCOME = "CashfinCsvOutcome";
    /** {@link #OUTCOME} of a file imported to its end (the route moves it to {@code done/}). */
    public static final String OUTCOME_DONE = "done";
    /** {@link #OUTCOME} of a parked file (the route moves it to {@code parked/}). */
    public static final String OUTCOME_PARKED = "parked";
    /**
     * Header set on the one row that a run stopped by a crash may have created without saving its outcome: the field
     * ({@code email} or {@code phone}) to look the lead up by before creating it, as the route's
     * {@code deduplicateBy}.
     */
    public static final String UNCERTAIN_ROW = "CashfinCsvLookUpFirst";
    /** Exchange header the route chooses the reader by: the file's {@link DropFormat}, {@code text} or {@code xlsx}. */
    public static final String FORMAT_HEADER = "CashfinFileFormat";
    /** Exchange property holding the file's {@link ImportCheckpoint}. */
    static final String CHECKPOINT = "CashfinCsvCheckpoint";
    /** Suffix of the file written next to a file that could not be read. */
    public static final String ERROR_SUFFIX = ".error.txt";

    private static final Logger LOG = LoggerFactory.getLogger(CsvImports.class);

    private final CsvImportSettings settings;
    private final FileLimits limits;
    private final Path reportDirectory;
    private final Path errorDirectory;
    private final Clock clock;
    private final ImportProgressStore progressStore;
    private final ImportEvents events;

    /**
     * @param settings        mapping and progress settings
     * @param reportDirectory where {@code <name>.report.csv} and {@code <name>.errors.csv} go
     * @param errorDirectory  where {@code <name>.error.txt} goes for a file that could not be read
     * @param clock           for elapsed times
     */
    public CsvImports(CsvImportSettings settings, Path reportDirectory, Path errorDirectory, Clock clock) {
        this(settings, reportDirectory, errorDirectory, clock, FileLimits.DEFAULTS);
    }

    /**
     * @param limits bounds on one row, one workbook cell and a workbook's parts ({@link FileLimits})
     */
    public CsvImports(CsvImportSettings settings, Path reportDirectory, Path errorDirectory, Clock clock,
            FileLimits limits) {
        this(settings, reportDirectory, errorDirectory, clock, limits, null);
    }

    /**
     * @param progressStore where each file's progress is saved after every row, so that a file the call budget cannot
     *                      finish today parks and resumes (at the server's next day, after a restart) instead of
     *                      failing its rows; null: no parking, a row the budget refuses fails like any other
     */
    public CsvImports(CsvImportSettings settings, Path reportDirectory, Path errorDirectory, Clock clock,
            FileLimits limits, ImportProgressStore progressStore) {
        this(settings, reportDirectory, errorDirectory, clock, limits, progressStore, ImportEvents.NONE);
    }

    /**
     * @param board told when a file starts, parks, finishes or cannot be read (the operations page)
     */
    public CsvImports(CsvImportSettings settings, Path reportDirectory, Path errorDirectory, Clock clock,
            FileLimits limits, ImportProgressStore progressStore, ImportBoard board) {
        this(settings, reportDirectory, errorDirectory, clock, limits, progressStore,
                (ImportEvents) Objects.requireNonNull(board, "board"));
    }

    private CsvImports(CsvImportSettings settings, Path reportDirectory, Path errorDirectory, Clock clock,
            FileLimits limits, ImportProgressStore progressStore, ImportEvents events) {
        this.events = events;
        this.progressStore = progressStore;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.reportDirectory = Objects.requireNonNull(reportDirectory, "reportDirectory");
        this.errorDirectory = Objects.requireNonNull(errorDirectory, "errorDirectory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The directory the reports are written to. */
    public Path reportDirectory() {
        return reportDirectory;
    }

    /**
     * Starts the import of the file in the exchange ({@code CamelFileAbsolutePath}): tells its format
     * ({@link DropFormat}, header {@value #FORMAT_HEADER}) and opens it for the route:
     * <ul>
     * <li>text: detects the encoding ({@link TextEncodingDetector}) and the delimiter (header
     * {@value CsvDialect#DELIMITER_HEADER}); the body becomes a reader of the text in that encoding, without byte order
     * mark, for camel-csv's unmarshal;</li>
     * <li>Excel workbook: the body becomes the sheet's rows ({@link XlsxRows}), for the split.</li>
     * </ul>
     * Opens the file's report, whose first line (row 0) says how the file is read, and logs the same. The reader is
     * closed when the exchange completes.
     *
     * @throws UnreadableFileException when the file cannot be imported at all (the route moves it to {@code .error/})
     */
    public void begin(Exchange exchange) {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        String name = file.getFileName().toString();
        requireRegularFile(file, name);
        DropFormat format = DropFormat.of(file);
        exchange.getMessage().setHeader(FORMAT_HEADER, format.text());
        String howRead;
        char delimiter;
        long expectedRows;
        java.util.function.LongSupplier expected;
        Closeable body;
        if (format == DropFormat.XLSX) {
            XlsxRows rows = XlsxRows.open(file, settings.sheet(), limits, this::knownColumns);
            body = rows;
            delimiter = ',';
            expectedRows = rows.expectedRows();
            expected = rows::expectedRows;
            howRead = "Excel workbook, sheet '" + rows.sheetName() + "'" + titleText(rows.titleRows(), "row");
            if (rows.warning() != null) {
                LOG.warn(rows.warning());
            }
        } else {
            TextEncodingDetector.Result text = TextEncodingDetector.detect(file);
            TitleRows.TextHeader header;
            try (java.io.Reader start = text.encoding().open(file)) {
                header = TitleRows.TextHeader.find(start, this::knownColumns);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the header line of " + file + ": " + e.getMessage(), e);
            }
            CsvDialect dialect = new CsvDialect(CsvDialect.detectDelimiter(header.headerLine()), text.encoding().bom());
            delimiter = dialect.delimiter();
            expectedRows = Math.max(0, text.lineBreaks() - 1 - header.titleLines());
            long lines = expectedRows;
            expected = () -> lines;
            howRead = text.encoding().label() + ", " + dialect.delimiterName() + "-separated"
                      + titleText(header.titleLines(), "line");
            exchange.getMessage().setHeader(CsvDialect.DELIMITER_HEADER, dialect.delimiterText());
            try {
                java.io.PushbackReader reader = new java.io.PushbackReader(text.encoding().open(file), 1);
                TitleRows.skipLines(reader, header.titleLines());
                body = new BoundedRowReader(reader, limits.maxRowChars(), name);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                IOHelper.close(body, name, LOG);
            }
        });
        exchange.getMessage().setBody(body);
        ImportCheckpoint checkpoint = progressStore == null ? null
                : ImportCheckpoint.open(name, sha256(file), progressStore, clock);
        ImportProgress resumeFrom = checkpoint == null ? null : checkpoint.resumedFrom();
        CsvFileImport csvImport = CsvFileImport.start(name, String.valueOf(delimiter), reportDirectory, settings,
                LOG::info, clock, resumeFrom);
        if (resumeFrom == null) {
            csvImport.report().header(howRead);
        } else {
            csvImport.report().note("resumed after row " + resumeFrom.row() + " at " + clock.instant());
        }
        exchange.setProperty(OUTCOME, OUTCOME_DONE);
        if (checkpoint != null) {
            exchange.setProperty(CHECKPOINT, checkpoint);
        }
        if (format == DropFormat.XLSX) {
            csvImport.report().escapeFormulasInErrors();
        }
        csvImport.report().expectRows(expected);
        events.started(name, csvImport.report());
        exchange.setProperty(IMPORT, csvImport);
        exchange.setProperty(HOW_READ, howRead);
        if (resumeFrom == null) {
            LOG.info("{}: import started ({}{})", name, howRead, expectedRows < 0 ? ""
                    : String.format(java.util.Locale.ROOT, "; about %,d rows", expectedRows));
        } else {
            LOG.info("{}: import resumed after row {} ({} created, {} duplicates, {} failed so far; {}{})", name,
                    resumeFrom.row(), resumeFrom.created(), resumeFrom.duplicates(), resumeFrom.failed(), howRead,
                    checkpoint.uncertain(resumeFrom.row() + 1) ? "; the run before stopped while sending: row "
                            + (resumeFrom.row() + 1) + " is looked up before it is created" : "");
        }
    }

    /** SHA-256 of the file's bytes, hex: tells a parked file from another dropped under the same name. */
    static String sha256(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65_536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refuses anything but a regular file: a symbolic link dropped into a shared inbox would make the import read (and
     * copy into its reports) whatever file the app can read, such as {@code /etc/passwd}. The route has moved the file
     * out of the inbox before this check ({@code preMove}), so it cannot be swapped for a link afterwards.
     */
    private static void requireRegularFile(Path file, String name) {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnreadableFileException(name + " is " + (Files.isSymbolicLink(file) ? "a symbolic link"
                    : "not a regular file") + "; the import reads only files dropped into the inbox themselves, never"
                    + " what a link points to. Copy the file itself into the inbox.");
        }
    }

    /** How many of a row's cells the file's mapping would map to a lead field (see {@link TitleRows}). */
    private int knownColumns(List<String> cells) {
        return settings.mapperFor(cells).mapping().describe(cells).size();
    }

    private static String titleText(int titleRows, String what) {
        return titleRows == 0 ? "" : ", " + titleRows + " title " + what + (titleRows == 1 ? "" : "s")
                                     + " above the header skipped";
    }

    /** Maps the current row (body: header to value); see the class comment. */
    public void mapRow(Exchange exchange) {
        CsvFileImport csvImport = csvImport(exchange);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = exchange.getMessage().getBody(Map.class);
        long rowNumber = rowNumber(exchange);
        exchange.setProperty(ROW, row);
        exchange.getMessage().removeHeader(UNCERTAIN_ROW);
        ImportCheckpoint checkpoint = exchange.getProperty(CHECKPOINT, ImportCheckpoint.class);
        if (checkpoint != null && (checkpoint.alreadyDone(rowNumber) || checkpoint.parked())) {
            // handled by an earlier run, or this run parked: the rest of the rows wait for the next run
            exchange.getMessage().setHeader(ROW_VALID, false);
            return;
        }
        if (row == null || CsvRowMapper.isBlank(row)) {
            exchange.getMessage().setHeader(ROW_VALID, false);
            return;
        }
        MappedLead mapped;
        try {
            mapped = csvImport.map(row);
        } catch (RuntimeException e) {
            csvImport.failed(rowNumber, row, "row could not be mapped: " + e.getMessage());
            saveProgress(exchange, csvImport, rowNumber);
            exchange.getMessage().setHeader(ROW_VALID, false);
            return;
        }
        exchange.setProperty(MAPPED, mapped);
        if (mapped.isValid()) {
            exchange.getMessage().setBody(mapped.lead());
            exchange.getMessage().setHeader(ROW_VALID, true);
            if (checkpoint != null && checkpoint.uncertain(rowNumber)) {
                String by = lookUpField(mapped.lead());
                if (by != null) {
                    exchange.getMessage().setHeader(UNCERTAIN_ROW, by);
                }
            }
        } else {
            csvImport.failed(rowNumber, row, mapped);
            saveProgress(exchange, csvImport, rowNumber);
            exchange.getMessage().setHeader(ROW_VALID, false);
        }
    }

    /** The field to look a possibly created lead up by: its e-mail, else its phone; null when it has neither. */
    private static String lookUpField(africa.cashfin.camel.leads.model.Lead lead) {
        if (lead.getEmail() != null && !lead.getEmail().isBlank()) {
            return "email";
        }
        return lead.getPhone() != null && !lead.getPhone().isBlank() ? "phone" : null;
    }

    private static void saveProgress(Exchange exchange, CsvFileImport csvImport, long rowNumber) {
        ImportCheckpoint checkpoint = exchange.getProperty(CHECKPOINT, ImportCheckpoint.class);
        if (checkpoint != null) {
            csvImport.report().flush();
            checkpoint.recorded(rowNumber, csvImport.report().current());
        }
    }

    /** Records the outcome of {@code cashfin-leads:create} for the current row. */
    public void created(Exchange exchange) {
        CsvFileImport csvImport = csvImport(exchange);
        MappedLead mapped = exchange.getProperty(MAPPED, MappedLead.class);
        String leadId = exchange.getMessage().getHeader(CashfinLeadsConstants.LEAD_ID, String.class);
        Boolean created = exchange.getMessage().getHeader(CashfinLeadsConstants.LEAD_CREATED, Boolean.class);
        if (Boolean.FALSE.equals(created)) {
            csvImport.duplicate(rowNumber(exchange), leadId, mapped);
        } else {
            csvImport.created(rowNumber(exchange), leadId, mapped);
        }
        saveProgress(exchange, csvImport, rowNumber(exchange));
        ImportCheckpoint checkpoint = exchange.getProperty(CHECKPOINT, ImportCheckpoint.class);
        if (checkpoint != null && exchange.getMessage().getHeader(UNCERTAIN_ROW) == null) {
            checkpoint.createdBy(exchange.getProperty(Exchange.TO_ENDPOINT, String.class));
        }
    }

    /** Records that Cashfin refused the current row (the caught exception's message is the reason). */
    public void refused(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = exchange.getProperty(ROW, Map.class);
        ImportCheckpoint checkpoint = exchange.getProperty(CHECKPOINT, ImportCheckpoint.class);
        BudgetSpent spent = checkpoint == null ? null : BudgetSpent.of(e, clock);
        if (spent != null) {
            // not the row's fault: it and the rows after it wait for the call budget (the next server day)
            checkpoint.park(spent.until(), spent.reason());
            if (checkpoint.createEndpoint() == null) {
                checkpoint.createdBy(exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class));
            }
            return;
        }
        String reason = e == null ? "not sent to Cashfin (unknown error)" : e.getMessage();
        CsvFileImport csvImport = csvImport(exchange);
        csvImport.failed(rowNumber(exchange), row == null ? Map.of() : row, reason);
        saveProgress(exchange, csvImport, rowNumber(exchange));
    }

    /** Closes the file's report, logs the summary line and puts the {@link ImportSummary} in header {@value #SUMMARY}. */
    public ImportSummary finish(Exchange exchange) {
        CsvFileImport csvImport = csvImport(exchange);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        ImportCheckpoint checkpoint = exchange.getProperty(CHECKPOINT, ImportCheckpoint.class);
        if (checkpoint != null && checkpoint.parked()) {
            String line = checkpoint.saveParked(csvImport.report().expectedRows(),
                    ImportPace.rowsPerDay(exchange.getContext(), checkpoint.createEndpoint()));
            csvImport.report().note(line);
            ImportSummary soFar = csvImport.finish();
            events.parked(name, checkpoint.parkedUntil(), soFar);
            LOG.info("{}; report so far {}", line, csvImport.report().reportFile());
            exchange.setProperty(OUTCOME, OUTCOME_PARKED);
            return soFar;
        }
        ImportSummary summary = csvImport.finish();
        if (checkpoint != null) {
            checkpoint.finished(summary);
        }
        events.finished(name, summary);
        LOG.info("{}: {} ({}, {}); report {}{}", name, summary.line(), exchange.getProperty(HOW_READ),
                summary.rate(), csvImport.report().reportFile(),
                summary.failed() > 0 ? ", failed rows in " + csvImport.report().errorsFile() : "");
        exchange.getMessage().setHeader(SUMMARY, summary);
        return summary;
    }

    /**
     * The file could not be read as a whole: closes its report (rows done so far stay recorded) and writes
     * {@code <name>.error.txt} with the reason and what to do into the error directory.
     */
    public void fileFailed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String reason = describe(e);
        CsvFileImport csvImport = exchange.getProperty(IMPORT, CsvFileImport.class);
        String done = "";
        if (csvImport != null) {
            ImportSummary summary = csvImport.finish();
            done = "Rows handled before the failure: " + summary.line() + " (see " + csvImport.report().reportFile()
                   + ").\n";
        }
        try {
            Files.createDirectories(errorDirectory);
            Files.writeString(errorDirectory.resolve(name + ERROR_SUFFIX),
                    name + " could not be imported (" + Instant.now(clock) + "):\n" + reason + "\n" + done
                    + "Fix the file and drop it into the inbox again.\n", StandardCharsets.UTF_8);
        } catch (IOException io) {
            LOG.error("{}: cannot write the error note into {}: {}", name, errorDirectory, io.getMessage());
        }
        events.unreadable(name, reason);
        LOG.error("{}: could not be imported, moved to {}: {}", name, errorDirectory, reason);
    }

    private static String describe(Exception e) {
        if (e == null) {
            return "unknown error";
        }
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }

    private static CsvFileImport csvImport(Exchange exchange) {
        CsvFileImport csvImport = exchange.getProperty(IMPORT, CsvFileImport.class);
        if (csvImport == null) {
            throw new IllegalStateException("No CSV import on the exchange: call csvImports.begin before the split");
        }
        return csvImport;
    }

    private static long rowNumber(Exchange exchange) {
        Integer index = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        return index == null ? 0 : index + 1L;
    }
}
