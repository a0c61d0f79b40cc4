package africa.cashfin.camel.examples.files;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Finds the header row of a file whose first rows may be a title: exports from CRMs and report tools often start with
 * a line such as {@code Leads export, November 2026} or {@code Report generated 2026-11-29 08:00}, sometimes a blank
 * line, and only then the column names. Reading the title as the header would map no column and fail every row.
 * <p>
 * Of the first {@value #MAX_ROWS} rows, the header row is the first with at least two cells that the file's mapping
 * knows (an alias, a preset's column or a user mapping); when none has two, the first non-blank row that is not a lone
 * unknown cell (a title); when every row is, the first row. The rows above it are skipped, said in the file's report
 * and log line. A file whose header is its first row reads exactly as before.
 */
public final class TitleRows {

    /** How many rows at the start of a file are looked at for the header row. */
    public static final int MAX_ROWS = 10;

    private TitleRows() {
    }

    /**
     * The index of the header row among {@code rows} (the first rows of a file, in order; blank rows included).
     *
     * @param rows         the rows' cells, as text
     * @param knownColumns how many cells of a row the file's mapping would map to a lead field
     * @return             the header row's index, 0 when the first row is the header (or {@code rows} is empty)
     */
    public static int headerIndex(List<List<String>> rows, ToIntFunction<List<String>> knownColumns) {
        int limit = Math.min(rows.size(), MAX_ROWS);
        for (int i = 0; i < limit; i++) {
            List<String> cells = nonBlank(rows.get(i));
            if (cells.size() >= 2 && knownColumns.applyAsInt(cells) >= 2) {
                return i;
            }
        }
        for (int i = 0; i < limit; i++) {
            List<String> cells = nonBlank(rows.get(i));
            boolean title = cells.size() == 1 && knownColumns.applyAsInt(cells) == 0;
            if (!cells.isEmpty() && !title) {
                return i;
            }
        }
        return 0;
    }

    private static List<String> nonBlank(List<String> cells) {
        return cells.stream().filter(c -> c != null && !c.isBlank()).map(String::trim).toList();
    }

    /**
     * Reads the next line of CSV text: up to a CR, LF or CRLF outside double quotes, at most {@code maxChars}
     * characters (the rest of a longer line is left unread).
     *
     * @return the line without its line break, or null at the end of the text
     */
    static String readLine(PushbackReader reader, int maxChars) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean quoted = false;
        int c = reader.read();
        if (c == -1) {
            return null;
        }
        while (c != -1 && line.length() < maxChars) {
            if (c == '"') {
                quoted = !quoted;
            } else if ((c == '\n' || c == '\r') && !quoted) {
                if (c == '\r') {
                    int next = reader.read();
                    if (next != '\n' && next != -1) {
                        reader.unread(next);
                    }
                }
                return line.toString();
            }
            line.append((char) c);
            c = reader.read();
        }
        return line.toString();
    }

    /** Skips {@code lines} lines of CSV text (see {@link #readLine(PushbackReader, int)}). */
    public static void skipLines(PushbackReader reader, int lines) throws IOException {
        for (int i = 0; i < lines; i++) {
            if (readLine(reader, Integer.MAX_VALUE) == null) {
                return;
            }
        }
    }

    /**
     * The first {@value #MAX_ROWS} lines of CSV text (fewer when the text is shorter, or when a line is longer than
     * {@link CsvDialect#MAX_HEADER_CHARS}: then the lines before it). The reader is not closed.
     */
    static List<String> firstLines(Reader text) throws IOException {
        PushbackReader reader = new PushbackReader(text, 1);
        List<String> lines = new ArrayList<>();
        while (lines.size() < MAX_ROWS) {
            String line = readLine(reader, CsvDialect.MAX_HEADER_CHARS + 1);
            if (line == null || line.length() > CsvDialect.MAX_HEADER_CHARS) {
                break;
            }
            lines.add(line);
        }
        return lines;
    }

    /** The cells of one CSV line split at {@code delimiter} outside double quotes, quotes removed. */
    static List<String> cells(String line, char delimiter) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        String text = CsvDialect.stripBom(line);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == delimiter && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /**
     * The title lines above the header of CSV text, and the header line.
     *
     * @param titleLines how many lines come before the header line (0 when the first line is the header)
     * @param headerLine the header line (empty for an empty file)
     */
    public record TextHeader(int titleLines, String headerLine) {

        /** Finds the header line among the first lines of {@code text}; the reader is not closed. */
        public static TextHeader find(Reader text, ToIntFunction<List<String>> knownColumns) throws IOException {
            List<String> lines = firstLines(text);
            List<List<String>> rows = lines.stream().map(l -> cells(l, CsvDialect.detectDelimiter(l))).toList();
            int index = headerIndex(rows, knownColumns);
            return new TextHeader(index, lines.isEmpty() ? "" : lines.get(index));
        }
    }
}
