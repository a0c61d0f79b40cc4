package africa.cashfin.camel.examples.files;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader of delimited text that refuses a row longer than a limit, so a CSV parser never has to hold a giant row in
 * memory: a file without line breaks, or an unclosed double quote that would make the rest of the file one value.
 * <p>
 * It follows the quoting the parser sees (RFC 4180: a line break inside double quotes belongs to the value; a doubled
 * quote inside quotes is a quote), counts the characters of the current row, and throws
 * {@link UnreadableFileException} naming the row and the limit when a row grows past it.
 */
public final class BoundedRowReader extends FilterReader {

    private final int maxRowChars;
    private final String fileName;
    private boolean quoted;
    private long rowChars;
    private long line = 1;
    private long rowStartLine = 1;

    /**
     * @param in          the text
     * @param maxRowChars the longest row allowed
     * @param fileName    for the error message
     */
    public BoundedRowReader(Reader in, int maxRowChars, String fileName) {
        super(in);
        this.maxRowChars = maxRowChars;
        this.fileName = fileName;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = 0; i < n; i++) {
            count(buf[off + i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        char[] sink = new char[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    private void count(char c) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == '\n') {
            line++;
            if (!quoted) {
                rowChars = 0;
                rowStartLine = line;
                return;
            }
        }
        if (++rowChars > maxRowChars) {
            throw new UnreadableFileException(fileName + ": the row starting on line " + rowStartLine + " is longer than "
                    + String.format(java.util.Locale.ROOT, "%,d", maxRowChars) + " characters"
                    + (quoted ? " (a double quote opened there is never closed)" : " (no line break)")
                    + ". Check the file's quoting and line breaks, or raise " + FileLimits.MAX_ROW_CHARS
                    + ", and drop it again.");
        }
    }
}
