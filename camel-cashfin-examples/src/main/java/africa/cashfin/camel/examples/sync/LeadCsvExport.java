package africa.cashfin.camel.examples.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import africa.cashfin.camel.examples.common.SpreadsheetSafeCsv;
import africa.cashfin.camel.leads.model.Lead;

/**
 * The append-only lead export of Flow 4: one line per lead, cells {@link SpreadsheetSafeCsv formula-escaped} and
 * quoted, the header written when the file is new or empty. Columns: {@value #COLUMN_LIST}.
 * <p>
 * Each {@link #append(Lead)} opens, appends and closes the file, so the export can be read, copied or rotated at any
 * time. Appends from one instance are serialised; use one instance per file.
 */
public final class LeadCsvExport {

    /** The columns, in order. */
    public static final String COLUMN_LIST = "id,name,email,phone,company,jobtitle,industry,website,request,budget,"
            + "country,state,address,source,status,createdat,updatedat";
    /** The columns as a list. */
    public static final List<String> COLUMNS = List.of(COLUMN_LIST.split(","));

    private final Path file;
    private final char delimiter;

    /**
     * @param file      the export file (its directory is created if absent)
     * @param delimiter the delimiter, usually {@code ,}
     */
    public LeadCsvExport(String file, char delimiter) {
        this.file = Path.of(file);
        this.delimiter = delimiter;
    }

    /** An export with {@code ,}. */
    public LeadCsvExport(String file) {
        this(file, ',');
    }

    /** The header line, ending with CRLF. */
    public String header() {
        return SpreadsheetSafeCsv.row(COLUMNS, delimiter);
    }

    /** The line of {@code lead}, ending with CRLF; missing values are empty cells. */
    public String line(Lead lead) {
        return SpreadsheetSafeCsv.row(Arrays.asList(lead.getId(), lead.getName(), lead.getEmail(), lead.getPhone(),
                lead.getCompany(), lead.getJobtitle(), lead.getIndustry(), lead.getWebsite(), lead.getRequest(),
                lead.getBudget() == null ? null : lead.getBudget().toPlainString(), lead.getCountry(),
                lead.getState(), lead.getAddress(), lead.getSource(), lead.getStatus(), lead.getCreatedat(),
                lead.getUpdatedat()), delimiter);
    }

    /**
     * Appends {@code lead} to the file, writing the header first when the file is new or empty.
     *
     * @return the lead, unchanged (so a route's body stays the lead)
     * @throws UncheckedIOException when the file cannot be written (the message names it)
     */
    public synchronized Lead append(Lead lead) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                if (fresh) {
                    w.write(header());
                }
                w.write(line(lead));
            }
            return lead;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the lead export " + file + ": " + e.getMessage(), e);
        }
    }

    /** The export file. */
    public Path file() {
        return file;
    }
}
