package africa.cashfin.camel.examples.files;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a CSV file looks like before it is parsed: whether it starts with a UTF-8 byte order mark and which delimiter
 * its header line uses ({@code ,}, {@code ;} as Excel writes in many European locales, or a tab as in Facebook's lead
 * download). Only the header line is read, never the whole file, so a route can choose the delimiter of its camel-csv
 * unmarshal before streaming the rows.
 *
 * @param delimiter the delimiter, {@code ,} when the header has none
 * @param bom       whether the file starts with a UTF-8 byte order mark
 */
public record CsvDialect(char delimiter, boolean bom) {

    /** The exchange header a route can put the detected delimiter in. */
    public static final String DELIMITER_HEADER = "CashfinCsvDelimiter";

    /** The UTF-8 byte order mark as a character. */
    public static final char BOM = '\uFEFF';

    /** The most the header line may be; longer means the file is not a CSV with a header row. */
    public static final int MAX_HEADER_CHARS = 64 * 1024;

    private static final char[] CANDIDATES = { ',', ';', '\t' };

    /** The delimiter as a one-character string (what camel-csv's {@code delimiter} option takes). */
    public String delimiterText() {
        return String.valueOf(delimiter);
    }

    /** {@code text} without a leading byte order mark. */
    public static String stripBom(String text) {
        return text != null && !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /**
     * The delimiter of {@code headerLine}: of {@code ,} {@code ;} and tab, the one that appears most often outside
     * double quotes; {@code ,} when none does or on a tie with {@code ,}.
     */
    public static char detectDelimiter(String headerLine) {
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        String line = stripBom(headerLine == null ? "" : headerLine);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (c == CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }

    /**
     * Reads the dialect from the start of {@code in}: the byte order mark and the first line (up to a line break
     * outside quotes, CR, LF or CRLF), looking at no more than {@link #MAX_HEADER_CHARS} characters. The stream is not
     * closed, but it is read past the header line (decoding reads ahead): parse the file from a fresh stream.
     *
     * @throws IOException when the stream cannot be read
     */
    public static CsvDialect sniff(InputStream in) throws IOException {
        return sniff(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /**
     * The dialect of the text read from {@code reader} (already decoded): its first line, as {@link #sniff(InputStream)}
     * reads it. The reader is not closed.
     *
     * @throws IOException when the reader fails
     */
    public static CsvDialect sniff(Reader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean quoted = false;
        int c;
        while ((c = reader.read()) != -1 && line.length() < MAX_HEADER_CHARS) {
            if (c == '"') {
                quoted = !quoted;
            } else if ((c == '\n' || c == '\r') && !quoted) {
                break;
            }
            line.append((char) c);
        }
        boolean bom = line.length() > 0 && line.charAt(0) == BOM;
        return new CsvDialect(detectDelimiter(line.toString()), bom);
    }

    /**
     * The dialect of the file at {@code path}, reading only its header line.
     *
     * @throws UncheckedIOException when the file cannot be read (the message names the file)
     */
    public static CsvDialect sniff(Path path) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 8192)) {
            return sniff(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the header line of " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The dialect of the file at {@code path} in {@code encoding} (see {@link TextEncodingDetector}), reading only its
     * header line; {@link #bom()} is the encoding's.
     *
     * @throws UncheckedIOException when the file cannot be read (the message names the file)
     */
    public static CsvDialect sniff(Path path, TextEncoding encoding) {
        try (Reader reader = encoding.open(path)) {
            return new CsvDialect(sniff(reader).delimiter(), encoding.bom());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the header line of " + path + ": " + e.getMessage(), e);
        }
    }

    /** The delimiter's name for log lines and the report: {@code comma}, {@code semicolon} or {@code tab}. */
    public String delimiterName() {
        return switch (delimiter) {
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '\t' -> "tab";
            default -> "'" + delimiter + "'";
        };
    }

    /**
     * The delimiter of the CSV file at {@code path} as a one-character string, for a route:
     * {@code ${bean:...CsvDialect?method=delimiterOf(${header.CamelFileAbsolutePath})}}.
     */
    public static String delimiterOf(String path) {
        return sniff(Path.of(path)).delimiterText();
    }

    /**
     * A UTF-8 reader on {@code in} that skips a leading byte order mark, so the first header is not {@code "\uFEFFName"}.
     *
     * @throws IOException when the stream cannot be read
     */
    public static Reader withoutBom(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        reader.mark(1);
        int first = reader.read();
        if (first != BOM && first != -1) {
            reader.reset();
        }
        return reader;
    }
}
