package africa.cashfin.camel.examples.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The workbook side of {@link FileLimits}: what {@link XlsxRows} uses so that a crafted {@code .xlsx} is refused with a
 * clear error instead of filling the memory.
 * <ul>
 * <li>{@link #sharedStrings}: reads the shared-strings table (held in memory) through a stream that stops at
 * {@link FileLimits#maxSharedStrings()} bytes.</li>
 * <li>{@link #cellFilter}: an XML filter in front of the sheet handler that refuses a cell text longer than
 * {@link FileLimits#maxCellChars()} and a row of more than 16,384 cells (Excel's widest sheet).</li>
 * <li>{@link #explain}: turns POI's zip-bomb exception into a message that names the file and the setting.</li>
 * </ul>
 * The zip entries themselves are bounded by POI's {@code ZipSecureFile} ({@link FileLimits#applyToPoi()}).
 */
public final class WorkbookGuard {

    /** Excel's widest sheet: columns A to XFD. */
    static final int MAX_CELLS_PER_ROW = 16_384;

    private WorkbookGuard() {
    }

    /** The workbook's shared-strings table, refused when its part is larger than the limit. */
    public static ReadOnlySharedStringsTable sharedStrings(OPCPackage pkg, FileLimits limits, String fileName)
            throws IOException, SAXException, InvalidFormatException {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new ReadOnlySharedStringsTable(pkg, false);
        }
        try (InputStream in = new Capped(parts.get(0).getInputStream(), limits.maxSharedStrings(), fileName)) {
            return new ReadOnlySharedStringsTable(in, false);
        }
    }

    /** An XML filter to put between the parser and the sheet handler. */
    public static XMLFilterImpl cellFilter(FileLimits limits, String fileName) {
        return new CellFilter(limits.maxCellChars(), fileName);
    }

    /**
     * A clear {@link UnreadableFileException} when {@code e} is POI's zip-bomb refusal (or was caused by one), else
     * null.
     */
    public static UnreadableFileException explain(Throwable e, String fileName, FileLimits limits) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnreadableFileException u) {
                return u;
            }
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("zip bomb")) {
                return new UnreadableFileException(fileName + " is refused: a part of the workbook would expand more"
                        + " than " + Math.round(1 / Math.max(limits.minInflateRatio(), 1e-9)) + " times its"
                        + " compressed size or beyond " + size(limits.maxWorkbookEntrySize()) + " (a zip bomb, or a"
                        + " workbook too large to read safely; limits " + FileLimits.MIN_INFLATE_RATIO + " and "
                        + FileLimits.MAX_WORKBOOK_ENTRY + "). Save it again as Excel Workbook or CSV and drop it"
                        + " again.", e);
            }
        }
        return null;
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return ((bytes + 1023) / 1024) + " KB";
    }

    /** Fails once more than {@code max} bytes were read. */
    private static final class Capped extends FilterInputStream {
        private final long max;
        private final String fileName;
        private long read;

        Capped(InputStream in, long max, String fileName) {
            super(in);
            this.max = max;
            this.fileName = fileName;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            read += n;
            if (read > max) {
                throw new UnreadableFileException(fileName + " is refused: its table of texts (shared strings) is"
                        + " larger than " + size(max) + " and would have to be held in memory (limit "
                        + FileLimits.MAX_SHARED_STRINGS + "). Split the workbook or save it as CSV UTF-8, and drop it"
                        + " again.");
            }
        }
    }

    /** Refuses giant cell texts and over-wide rows before the sheet handler buffers them. */
    private static final class CellFilter extends XMLFilterImpl {
        private final int maxCellChars;
        private final String fileName;
        private long textChars;
        private int cellsInRow;
        private String rowRef = "?";

        CellFilter(int maxCellChars, String fileName) {
            this.maxCellChars = maxCellChars;
            this.fileName = fileName;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            textChars = 0;
            if ("row".equals(localName)) {
                cellsInRow = 0;
                String r = atts.getValue("r");
                rowRef = r == null ? "?" : r;
            } else if ("c".equals(localName) && ++cellsInRow > MAX_CELLS_PER_ROW) {
                throw new UnreadableFileException(fileName + ": sheet row " + rowRef + " has more than "
                        + String.format(Locale.ROOT, "%,d", MAX_CELLS_PER_ROW) + " cells, more than Excel allows;"
                        + " the workbook is damaged or crafted. Save it again in Excel and drop it again.");
            }
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            textChars = 0;
            super.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            textChars += length;
            if (textChars > maxCellChars) {
                throw new UnreadableFileException(fileName + ": a cell in sheet row " + rowRef + " holds more than "
                        + String.format(Locale.ROOT, "%,d", maxCellChars) + " characters (Excel's own limit is"
                        + " 32,767; limit " + FileLimits.MAX_CELL_CHARS + "). Shorten it and drop the file again.");
            }
            super.characters(ch, start, length);
        }
    }
}
