package africa.cashfin.camel.examples.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import africa.cashfin.camel.examples.common.SpreadsheetSafeCsv;

/**
 * The outcome of every row of one imported CSV file, written as it happens (one line per row, nothing kept in memory
 * but the counts), so a file of any size can be reported.
 * <ul>
 * <li>{@code <name>.report.csv}: {@code row,outcome,lead_id,message} for every row, outcome {@code created},
 * {@code duplicate} or {@code failed}; message holds the error of a failed row or the warnings of an imported one.
 * Cells are {@link SpreadsheetSafeCsv formula-escaped}.</li>
 * <li>{@code <name>.errors.csv}: the failed rows with their original columns, unchanged, plus an {@code error} column;
 * fix them and drop the file in the inbox again (the {@code error} column is ignored on import). Written only when a
 * row fails. Cells are quoted (RFC 4180) but not formula-escaped, so the data round-trips exactly. Its columns are in
 * the key order of the first failed row's map: unmarshal with camel-csv's {@code useOrderedMaps=true}.</li>
 * </ul>
 * Row numbers count data rows from 1 (the header is row 0), which is what a spreadsheet shows minus one; a quoted cell
 * with line breaks does not shift them. Every {@code progressEvery} rows a progress line goes to the progress
 * listener: rows done, rows per second and, when the number of rows is known ({@link #expectRows(long)}), the
 * estimated time left; {@link #close()} writes out the files and returns the {@link ImportSummary}. Both files are
 * written as streams through buffered writers.
 * <p>
 * Thread-safe: rows may be recorded from parallel split exchanges.
 */
public final class ImportReport implements Closeable {

    /** A row's outcome. */
    public enum Outcome {
        CREATED, DUPLICATE, FAILED;

        /** The lower-case form written in the report. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Suffix of the report file. */
    public static final String REPORT_SUFFIX = ".report.csv";
    /** Suffix of the errors file. */
    public static final String ERRORS_SUFFIX = ".errors.csv";
    /** Name of the column the errors file adds. */
    public static final String ERROR_COLUMN = "error";

    private final String inputName;
    private final Path reportFile;
    private final Path errorsFile;
    private final char delimiter;
    private boolean escapeErrors;
    private final int progressEvery;
    private final Consumer<String> progress;
    private final Clock clock;
    private final Instant started;
    private final Writer report;
    private Writer errors;
    private List<String> errorColumns;
    private long rows;
    private long created;
    private long duplicates;
    private long failed;
    private ImportSummary summary;
    /** Resumed with an errors file from an earlier run: append to it, without a second header line. */
    private boolean appendErrors;
    private volatile java.util.function.LongSupplier expectedRows = () -> -1;

    /**
     * Opens {@code <name>.report.csv} in {@code directory} for the input file {@code fileName} ({@code leads.csv}
     * gives {@code leads.report.csv} and, on the first failure, {@code leads.errors.csv}).
     *
     * @param directory     where the report files go (created if absent)
     * @param fileName      the input file's name
     * @param delimiter     the delimiter of both files (use the input's, so they open like it did)
     * @param progressEvery send a progress line every this many rows; 0 for none
     * @param progress      receives progress lines, e.g. a logger's {@code info}
     * @param clock         the clock for the elapsed time
     * @throws UncheckedIOException when the report file cannot be created
     */
    public ImportReport(Path directory, String fileName, char delimiter, int progressEvery, Consumer<String> progress,
            Clock clock) {
        this(directory, fileName, delimiter, progressEvery, progress, clock, null);
    }

    /**
     * Reopens the report of a file whose import was parked (or interrupted) and goes on: both files are appended to,
     * the counts and the start time are those {@code soFar} says, so the file ends with one report for all its runs.
     *
     * @param soFar the progress stored when the import stopped
     */
    public static ImportReport resume(Path directory, String fileName, char delimiter, int progressEvery,
            Consumer<String> progress, Clock clock, ImportProgress soFar) {
        return new ImportReport(directory, fileName, delimiter, progressEvery, progress, clock,
                Objects.requireNonNull(soFar, "soFar"));
    }

    private ImportReport(Path directory, String fileName, char delimiter, int progressEvery, Consumer<String> progress,
            Clock clock, ImportProgress soFar) {
        String base = baseName(fileName);
        this.inputName = Path.of(fileName).getFileName().toString();
        this.reportFile = directory.resolve(base + REPORT_SUFFIX);
        this.errorsFile = directory.resolve(base + ERRORS_SUFFIX);
        this.delimiter = delimiter;
        this.progressEvery = Math.max(0, progressEvery);
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = soFar == null ? clock.instant() : soFar.started();
        boolean append = soFar != null && Files.exists(reportFile);
        if (soFar != null) {
            rows = soFar.rowsDone();
            created = soFar.created();
            duplicates = soFar.duplicates();
            failed = soFar.failed();
            appendErrors = Files.exists(errorsFile);
        }
        try {
            Files.createDirectories(directory);
            this.report = append ? Files.newBufferedWriter(reportFile, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND) : Files.newBufferedWriter(reportFile, StandardCharsets.UTF_8);
            if (!append) {
                report.write(SpreadsheetSafeCsv.row(List.of("row", "outcome", "lead_id", "message"), delimiter));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the import report " + reportFile + ": " + e.getMessage(), e);
        }
    }

    /** {@code leads.csv} gives {@code leads}; a name without {@code .csv} is kept whole. */
    static String baseName(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    /**
     * Writes the report's first line, row 0 (the header row) with outcome {@code header}: how the file was read, e.g.
     * {@code UTF-16LE with BOM, tab-separated}. Call it before the first row.
     */
    public synchronized void header(String howRead) {
        try {
            report.write(SpreadsheetSafeCsv.row(List.of(0, "header", "", howRead == null ? "" : howRead), delimiter));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the import report " + reportFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets how many data rows the file is expected to have (an estimate: -1 when unknown), so progress lines say the
     * estimated time left.
     */
    public void expectRows(long rows) {
        this.expectedRows = () -> rows;
    }

    /** Like {@link #expectRows(long)}, for an estimate that improves as the file is read. */
    public void expectRows(java.util.function.LongSupplier rows) {
        this.expectedRows = Objects.requireNonNull(rows, "rows");
    }

    /** Row {@code row} created lead {@code leadId}; {@code warnings} may be empty. */
    public synchronized void created(long row, String leadId, String warnings) {
        created++;
        record(row, Outcome.CREATED, leadId, warnings);
    }

    /** Row {@code row} was a duplicate of lead {@code leadId} (null when unknown); nothing was created. */
    public synchronized void duplicate(long row, String leadId, String warnings) {
        duplicates++;
        record(row, Outcome.DUPLICATE, leadId, warnings);
    }

    /**
     * Formula-escapes the errors file too: for a workbook, whose text cells (such as {@code =HYPERLINK(...)} typed as
     * text) would become live formulas in a CSV; a delimited text file's errors file keeps its cells as they were, so
     * they round-trip exactly. Call before the first failed row.
     */
    public synchronized void escapeFormulasInErrors() {
        escapeErrors = true;
    }

    private String errorsRow(List<?> cells) {
        return escapeErrors ? SpreadsheetSafeCsv.row(cells, delimiter) : SpreadsheetSafeCsv.plainRow(cells, delimiter);
    }

    /**
     * Row {@code row} was not imported because of {@code error}; {@code originalRow} (header to value, as read) goes to
     * the errors file with the error.
     */
    public synchronized void failed(long row, Map<String, ?> originalRow, String error) {
        failed++;
        record(row, Outcome.FAILED, null, error);
        try {
            if (errors == null) {
                errorColumns = new ArrayList<>(originalRow.keySet());
                errorColumns.remove(ERROR_COLUMN);
                if (appendErrors) {
                    errors = Files.newBufferedWriter(errorsFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                } else {
                    errors = Files.newBufferedWriter(errorsFile, StandardCharsets.UTF_8);
                    List<String> header = new ArrayList<>(errorColumns);
                    header.add(ERROR_COLUMN);
                    errors.write(errorsRow(header));
                }
            }
            List<Object> cells = new ArrayList<>();
            for (String column : errorColumns) {
                cells.add(originalRow.get(column));
            }
            cells.add(error);
            errors.write(errorsRow(cells));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the errors file " + errorsFile + ": " + e.getMessage(), e);
        }
    }

    private void record(long row, Outcome outcome, String leadId, String message) {
        if (summary != null) {
            throw new IllegalStateException("The import report of " + reportFile + " is already closed");
        }
        rows++;
        try {
            report.write(SpreadsheetSafeCsv.row(List.of(row, outcome.text(), leadId == null ? "" : leadId,
                    message == null ? "" : message), delimiter));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the import report " + reportFile + ": " + e.getMessage(), e);
        }
        if (progressEvery > 0 && rows % progressEvery == 0) {
            progress.accept(current().progressLine(inputName, expectedRows.getAsLong()));
        }
    }

    /** The number of data rows the file is expected to have, -1 when unknown ({@link #expectRows(long)}). */
    public long expectedRows() {
        return expectedRows.getAsLong();
    }

    /** The totals so far. */
    public synchronized ImportSummary current() {
        return summary != null ? summary
                : new ImportSummary(rows, created, duplicates, failed, Duration.between(started, clock.instant()));
    }

    /**
     * Writes a note line, row 0 with outcome {@code note}, e.g. that the import parked and when it goes on; flushed at
     * once, so the report says it while the file waits.
     */
    public synchronized void note(String text) {
        try {
            report.write(SpreadsheetSafeCsv.row(List.of(0, "note", "", text == null ? "" : text), delimiter));
            report.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the import report " + reportFile + ": " + e.getMessage(), e);
        }
    }

    /** Writes out what is buffered (before the progress of the rows so far is saved). */
    public synchronized void flush() {
        try {
            report.flush();
            if (errors != null) {
                errors.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the import report " + reportFile + ": " + e.getMessage(), e);
        }
    }

    /** Path of {@code <name>.report.csv}. */
    public Path reportFile() {
        return reportFile;
    }

    /** Path of {@code <name>.errors.csv} (exists only when a row failed). */
    public Path errorsFile() {
        return errorsFile;
    }

    /** Closes the files and returns the final totals; calling it again returns the same totals. */
    public synchronized ImportSummary finish() {
        if (summary == null) {
            ImportSummary s = current();
            try {
                report.close();
                if (errors != null) {
                    errors.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot finish the import report " + reportFile + ": "
                        + e.getMessage(), e);
            }
            summary = s;
        }
        return summary;
    }

    /** Same as {@link #finish()}. */
    @Override
    public void close() {
        finish();
    }

    /** For log lines. */
    @Override
    public String toString() {
        return "ImportReport[" + reportFile.getFileName() + ", " + current().line() + "]";
    }
}
