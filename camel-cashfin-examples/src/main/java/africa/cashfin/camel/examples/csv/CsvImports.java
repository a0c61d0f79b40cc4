package africa.cashfin.camel.examples.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.MappedLead;
import africa.cashfin.camel.leads.CashfinLeadsConstants;

/**
 * The Camel side of Flow 1 (CSV file drop): the steps of {@code routes/csv-import.camel.yaml} call these methods, which
 * keep one {@link CsvFileImport} per file in the exchange property {@value #IMPORT}.
 * <ol>
 * <li>{@link #begin(Exchange)}: checks the file is readable (not empty, UTF-8), detects its delimiter (header
 * {@value CsvDialect#DELIMITER_HEADER}) and opens its report in the reports directory.</li>
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
    /** Suffix of the file written next to a file that could not be read. */
    public static final String ERROR_SUFFIX = ".error.txt";

    private static final Logger LOG = LoggerFactory.getLogger(CsvImports.class);

    private final CsvImportSettings settings;
    private final Path reportDirectory;
    private final Path errorDirectory;
    private final Clock clock;

    /**
     * @param settings        mapping and progress settings
     * @param reportDirectory where {@code <name>.report.csv} and {@code <name>.errors.csv} go
     * @param errorDirectory  where {@code <name>.error.txt} goes for a file that could not be read
     * @param clock           for elapsed times
     */
    public CsvImports(CsvImportSettings settings, Path reportDirectory, Path errorDirectory, Clock clock) {
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
     * Starts the import of the file in the exchange ({@code CamelFileAbsolutePath}).
     *
     * @throws UnreadableFileException when the file is empty or not UTF-8 text (the route moves it to {@code .error/})
     */
    public void begin(Exchange exchange) {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        String name = file.getFileName().toString();
        checkReadable(file);
        CsvDialect dialect = CsvDialect.sniff(file);
        exchange.getMessage().setHeader(CsvDialect.DELIMITER_HEADER, dialect.delimiterText());
        CsvFileImport csvImport = CsvFileImport.start(name, dialect.delimiterText(), reportDirectory, settings,
                LOG::info, clock);
        exchange.setProperty(IMPORT, csvImport);
        LOG.info("{}: import started (delimiter '{}'{})", name, printable(dialect.delimiter()),
                dialect.bom() ? ", UTF-8 with BOM" : "");
    }

    /** Maps the current row (body: header to value); see the class comment. */
    public void mapRow(Exchange exchange) {
        CsvFileImport csvImport = csvImport(exchange);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = exchange.getMessage().getBody(Map.class);
        long rowNumber = rowNumber(exchange);
        exchange.setProperty(ROW, row);
        if (row == null || CsvRowMapper.isBlank(row)) {
            exchange.getMessage().setHeader(ROW_VALID, false);
            return;
        }
        MappedLead mapped;
        try {
            mapped = csvImport.map(row);
        } catch (RuntimeException e) {
            csvImport.failed(rowNumber, row, "row could not be mapped: " + e.getMessage());
            exchange.getMessage().setHeader(ROW_VALID, false);
            return;
        }
        exchange.setProperty(MAPPED, mapped);
        if (mapped.isValid()) {
            exchange.getMessage().setBody(mapped.lead());
            exchange.getMessage().setHeader(ROW_VALID, true);
        } else {
            csvImport.failed(rowNumber, row, mapped);
            exchange.getMessage().setHeader(ROW_VALID, false);
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
    }

    /** Records that Cashfin refused the current row (the caught exception's message is the reason). */
    public void refused(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = exchange.getProperty(ROW, Map.class);
        String reason = e == null ? "not sent to Cashfin (unknown error)" : e.getMessage();
        csvImport(exchange).failed(rowNumber(exchange), row == null ? Map.of() : row, reason);
    }

    /** Closes the file's report, logs the summary line and puts the {@link ImportSummary} in header {@value #SUMMARY}. */
    public ImportSummary finish(Exchange exchange) {
        CsvFileImport csvImport = csvImport(exchange);
        ImportSummary summary = csvImport.finish();
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        LOG.info("{}: {}; report {}{}", name, summary.line(), csvImport.report().reportFile(),
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

    private static String printable(char c) {
        return c == '\t' ? "tab" : String.valueOf(c);
    }

    /**
     * Checks that {@code file} has content and is UTF-8 throughout, reading it once in blocks (never the whole file in
     * memory).
     *
     * @throws UnreadableFileException naming the problem and what to do
     */
    static void checkReadable(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            byte[] block = new byte[64 * 1024];
            ByteBuffer bytes = ByteBuffer.allocate(block.length + 8);
            CharBuffer chars = CharBuffer.allocate(block.length + 8);
            long offset = 0;
            boolean any = false;
            int n;
            while ((n = in.read(block)) >= 0) {
                if (n == 0) {
                    continue;
                }
                any = true;
                bytes.put(block, 0, n).flip();
                long before = offset;
                var result = decoder.decode(bytes, chars, false);
                if (result.isError()) {
                    throw new UnreadableFileException(file.getFileName() + " is not UTF-8 text (invalid bytes near byte "
                            + (before + bytes.position()) + "). Save it as 'CSV UTF-8' (Excel: File > Save As > CSV"
                            + " UTF-8) and drop it again.");
                }
                offset += bytes.position();
                bytes.compact();
                chars.clear();
            }
            if (!any) {
                throw new UnreadableFileException(file.getFileName() + " is empty: a CSV import needs a header row"
                        + " and data rows.");
            }
            bytes.flip();
            if (decoder.decode(bytes, chars, true).isError() || decoder.flush(chars).isError()) {
                throw new UnreadableFileException(file.getFileName() + " is not UTF-8 text (it ends in the middle of"
                        + " a character). Save it as 'CSV UTF-8' and drop it again.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A CSV file that cannot be imported at all (empty, not UTF-8). */
    public static final class UnreadableFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what is wrong and what to do */
        public UnreadableFileException(String message) {
            super(message);
        }
    }
}
