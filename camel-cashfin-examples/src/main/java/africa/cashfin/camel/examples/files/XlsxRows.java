package africa.cashfin.camel.examples.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The rows of one sheet of an Excel workbook ({@code .xlsx}), read with Apache POI's streaming event API
 * ({@link XSSFReader} and {@link XSSFSheetXMLHandler}, cells formatted by a {@link DataFormatter}), so memory stays
 * flat however long the sheet is: the sheet's XML is parsed on a reader thread that hands rows over through a small
 * queue, and only the workbook's shared strings table is held in memory.
 * <ul>
 * <li>The sheet is the one named in the settings, else the first sheet that has a non-empty row. Its header row is
 * found among its first non-empty rows by {@link TitleRows}: normally the first, but a title above the column names
 * ({@code Leads export, November}) is skipped ({@link #titleRows()}). Columns with a blank header are not read (the
 * log says when they hold values).</li>
 * <li>Each data row is a map, header to value, in column order; an empty cell is {@code ""}. Values are what the cell
 * shows: dates and numbers formatted by the cell's format, formulas as their last calculated result. A number is a
 * {@link SheetNumber} that also carries the exact value (the budget uses it); a number in the {@code General} format
 * shows all its digits (a phone number typed as a number stays a phone number).</li>
 * <li>Rows are numbered like a CSV file's: the row below the header is row 1. An empty or missing row is delivered as
 * an empty map, so the numbers stay those of the sheet (the sheet's row number minus the header's).</li>
 * </ul>
 * Use it as the body of a streaming split; {@link #close()} (called by the split at the end, and by the route when the
 * exchange completes) stops the reader thread and closes the file.
 */
public final class XlsxRows implements Iterator<Map<String, Object>>, Closeable {

    private static final int QUEUE_SIZE = 256;
    private static final Object END = new Object();

    private final Path file;
    private final String fileName;
    private final String wantedSheet;
    private final FileLimits limits;
    private final java.util.function.ToIntFunction<List<String>> knownColumns;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
    private final Thread reader;
    private volatile boolean closed;
    private volatile String sheetName;
    private volatile List<String> headers;
    private volatile long declaredRows = -1;
    private volatile long sheetBytes = -1;
    private final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();
    private volatile long rowsRead;
    private volatile String warning;
    private volatile int titleRows;
    private Object next;

    private XlsxRows(Path file, String wantedSheet, FileLimits limits,
            java.util.function.ToIntFunction<List<String>> knownColumns) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.knownColumns = Objects.requireNonNull(knownColumns, "knownColumns");
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.wantedSheet = wantedSheet == null || wantedSheet.isBlank() ? null : wantedSheet.trim();
        this.reader = new Thread(this::read, "xlsx-reader-" + fileName);
        this.reader.setDaemon(true);
    }

    /**
     * Opens {@code file} and reads up to its header row, within {@code limits} (shared strings, cell size; see
     * {@link WorkbookGuard}), finding the header row below any title rows with {@code knownColumns} (how many cells of
     * a row the file's mapping knows; see {@link TitleRows}).
     *
     * @param file  the workbook
     * @param sheet the sheet to read, or null/blank for the first sheet with a non-empty row
     * @throws UnreadableFileException when the file is not a readable workbook, has no such sheet or no header row
     */
    public static XlsxRows open(Path file, String sheet, FileLimits limits,
            java.util.function.ToIntFunction<List<String>> knownColumns) {
        XlsxRows rows = new XlsxRows(Objects.requireNonNull(file, "file"), sheet, limits, knownColumns);
        rows.reader.start();
        rows.awaitHeader();
        return rows;
    }

    /** The name of the sheet being read. */
    public String sheetName() {
        return sheetName;
    }

    /** The number of non-empty title rows above the header row that were skipped (see {@link TitleRows}). */
    public int titleRows() {
        return titleRows;
    }

    /** The header row's column names, in column order. */
    public List<String> headers() {
        return headers;
    }

    /**
     * The number of data rows expected: the sheet's declared size (its {@code dimension}) when it has one, else an
     * estimate from how much of the sheet's XML has been read for the rows so far; -1 before there is anything to go
     * by. Progress lines use it for the time left.
     */
    public long expectedRows() {
        if (declaredRows >= 0) {
            return declaredRows;
        }
        long read = bytesRead.get();
        long rows = rowsRead;
        if (sheetBytes <= 0 || read <= 0 || rows <= 0) {
            return -1;
        }
        return Math.max(rows, Math.round(rows * (double) sheetBytes / read));
    }

    /** A warning about the sheet to log once (e.g. values in a column without header), or null. */
    public String warning() {
        return warning;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = take();
        }
        if (next instanceof RuntimeException e) {
            next = END;
            throw e;
        }
        return next != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException(fileName + ": no more rows");
        }
        Object row = next;
        next = null;
        return (Map<String, Object>) row;
    }

    /** Stops the reader thread (if still reading) and closes the file. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        reader.interrupt();
    }

    private void awaitHeader() {
        Object first = take();
        if (first instanceof RuntimeException e) {
            close();
            throw e;
        }
        if (first != HEADER_FOUND) {
            close();
            throw new UnreadableFileException(fileName + (wantedSheet != null ? ": the sheet '" + wantedSheet
                    + "' has no header row" : " has no sheet with a header row") + ". Put the column names in the first"
                    + " row of the sheet with the leads, the leads below, and drop it again.");
        }
    }

    private static final Object HEADER_FOUND = new Object();

    private Object take() {
        try {
            while (true) {
                Object o = queue.poll(1, TimeUnit.SECONDS);
                if (o != null) {
                    return o;
                }
                if (!reader.isAlive() && queue.isEmpty()) {
                    return END;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(fileName + ": interrupted while reading the workbook", e);
        }
    }

    private void put(Object o) throws Stopped {
        try {
            while (!queue.offer(o, 200, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            throw new Stopped();
        }
        if (closed) {
            throw new Stopped();
        }
    }

    /** The reader thread: opens the package, finds the sheet, streams its rows into the queue. */
    private void read() {
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader xssf = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = WorkbookGuard.sharedStrings(pkg, limits, fileName);
            StylesTable styles = xssf.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) xssf.getSheetsData();
            List<String> names = new ArrayList<>();
            boolean found = false;
            while (sheets.hasNext() && !found) {
                try (InputStream sheet = new CountingInputStream(sheets.next(), bytesRead)) {
                    String name = sheets.getSheetName();
                    sheetBytes = sheets.getSheetPart().getSize();
                    bytesRead.set(0);
                    names.add(name);
                    if (wantedSheet != null && !wantedSheet.equalsIgnoreCase(name)) {
                        continue;
                    }
                    found = readSheet(name, sheet, styles, strings) || wantedSheet != null;
                }
            }
            if (wantedSheet != null && !names.stream().anyMatch(wantedSheet::equalsIgnoreCase)) {
                put(new UnreadableFileException(fileName + " has no sheet named '" + wantedSheet + "'; its sheets are "
                        + String.join(", ", names.stream().map(n -> "'" + n + "'").toList())
                        + ". Set cashfin.csv.sheet to one of them (or leave it blank for the first sheet with a"
                        + " header row)."));
            }
            put(END);
        } catch (Stopped | StoppedRuntime e) {
            // closed by the consumer
        } catch (OpenXML4JException | IOException | SAXException | ParserConfigurationException
                 | RuntimeException e) {
            UnreadableFileException explained = WorkbookGuard.explain(e, fileName, limits);
            Object failure = explained != null ? explained
                    : new UnreadableFileException(fileName + " could not be read as an Excel workbook (" + e.getMessage()
                            + "). Open it in Excel, save it as Excel Workbook (.xlsx) or CSV UTF-8, and drop it again.", e);
            try {
                put(failure);
            } catch (Stopped stopped) {
                // closed by the consumer
            }
        } finally {
            if (pkg != null) {
                pkg.revert(); // read-only: nothing to save
            }
        }
    }

    /** Reads one sheet; true when it had a header row (its rows were delivered). */
    private boolean readSheet(String name, InputStream sheet, StylesTable styles, ReadOnlySharedStringsTable strings)
            throws IOException, SAXException, ParserConfigurationException, Stopped {
        ExactNumberFormatter formatter = new ExactNumberFormatter();
        RowCollector collector = new RowCollector(name, formatter);
        XMLReader parser = XMLHelper.newXMLReader();
        DimensionFilter dimension = new DimensionFilter(collector);
        XMLFilterImpl cells = WorkbookGuard.cellFilter(limits, fileName);
        cells.setParent(parser);
        dimension.setParent(cells);
        dimension.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, collector, formatter, false));
        try {
            dimension.parse(new InputSource(sheet));
        } catch (StoppedRuntime e) {
            throw (Stopped) e.getCause();
        } catch (SAXException e) {
            if (e.getCause() instanceof StoppedRuntime stopped) {
                throw (Stopped) stopped.getCause();
            }
            throw e;
        }
        return collector.headerRow >= 0;
    }

    /** Reads the sheet's declared size ({@code <dimension ref="A1:H201"/>}) before its rows. */
    private final class DimensionFilter extends XMLFilterImpl {
        private final RowCollector collector;

        DimensionFilter(RowCollector collector) {
            this.collector = collector;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if ("dimension".equals(localName)) {
                String ref = atts.getValue("ref");
                if (ref != null && ref.contains(":")) {
                    collector.lastRow = new CellReference(ref.substring(ref.indexOf(':') + 1)).getRow();
                }
            }
            super.startElement(uri, localName, qName, atts);
        }
    }

    /** Turns POI's cell callbacks into row maps. */
    private final class RowCollector implements SheetContentsHandler {
        private final String sheet;
        private final ExactNumberFormatter formatter;
        private final TreeMap<Integer, Object> cells = new TreeMap<>();
        /** Non-empty rows before the header is known (at most {@link TitleRows#MAX_ROWS}), by row number. */
        private final TreeMap<Integer, Map<Integer, Object>> firstRows = new TreeMap<>();
        private final TreeSet<String> headerlessColumns = new TreeSet<>();
        private final Map<Integer, String> columns = new LinkedHashMap<>();
        private int headerRow = -1;
        private int lastDelivered = -1;
        private int lastRow = -1;

        RowCollector(String sheet, ExactNumberFormatter formatter) {
            this.sheet = sheet;
            this.formatter = formatter;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void cell(String reference, String formatted, XSSFComment comment) {
            BigDecimal number = formatter.takeNumber();
            String shown = formatted == null ? "" : formatted;
            if (reference == null || shown.isBlank()) {
                return;
            }
            int column = new CellReference(reference).getCol();
            if (number != null) {
                String display = formatter.lastWasGeneral() ? number.stripTrailingZeros().toPlainString() : shown;
                cells.put(column, new SheetNumber(display, number));
            } else {
                cells.put(column, shown);
            }
        }

        @Override
        public void endRow(int rowNum) {
            try {
                if (headerRow < 0) {
                    if (!cells.isEmpty()) {
                        firstRows.put(rowNum, new TreeMap<>(cells));
                        List<String> texts = texts(cells);
                        if (texts.size() >= 2 && knownColumns.applyAsInt(texts) >= 2
                            || firstRows.size() == TitleRows.MAX_ROWS) {
                            chooseHeader();
                        }
                    }
                    return;
                }
                deliver(rowNum, cells);
            } catch (Stopped e) {
                throw new StoppedRuntime(e);
            }
        }

        @Override
        public void endSheet() {
            try {
                if (headerRow < 0 && !firstRows.isEmpty()) {
                    chooseHeader();
                }
            } catch (Stopped e) {
                throw new StoppedRuntime(e);
            }
        }

        /**
         * Picks the header among the first non-empty rows held back (see {@link TitleRows}), then delivers the held
         * rows below it as data.
         */
        private void chooseHeader() throws Stopped {
            List<Integer> rowNums = new ArrayList<>(firstRows.keySet());
            int index = TitleRows.headerIndex(rowNums.stream().map(r -> texts(firstRows.get(r))).toList(),
                    knownColumns);
            int header = rowNums.get(index);
            titleRows = index;
            header(header, firstRows.get(header));
            for (int r : rowNums.subList(index + 1, rowNums.size())) {
                deliver(r, firstRows.get(r));
            }
            firstRows.clear();
        }

        private List<String> texts(Map<Integer, Object> row) {
            return row.values().stream().map(Object::toString).toList();
        }

        private void deliver(int rowNum, Map<Integer, Object> rowCells) throws Stopped {
            for (int r = lastDelivered + 1; r < rowNum; r++) {
                put(Collections.emptyMap());
            }
            put(row(rowCells));
            lastDelivered = rowNum;
            rowsRead = rowNum - headerRow;
        }

        private void header(int rowNum, Map<Integer, Object> headerCells) throws Stopped {
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (Map.Entry<Integer, Object> c : headerCells.entrySet()) {
                String name = c.getValue().toString().trim();
                int n = seen.merge(name.toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
                columns.put(c.getKey(), n == 1 ? name : name + " (" + n + ")");
            }
            headerRow = rowNum;
            lastDelivered = rowNum;
            sheetName = sheet;
            headers = List.copyOf(columns.values());
            if (lastRow > rowNum) {
                declaredRows = lastRow - rowNum;
            }
            put(HEADER_FOUND);
        }

        private Map<String, Object> row(Map<Integer, Object> rowCells) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Map.Entry<Integer, String> c : columns.entrySet()) {
                row.put(c.getValue(), rowCells.getOrDefault(c.getKey(), ""));
            }
            if (rowCells.size() > columns.size() || !columns.keySet().containsAll(rowCells.keySet())) {
                for (Integer col : rowCells.keySet()) {
                    if (!columns.containsKey(col) && headerlessColumns.add(CellReference.convertNumToColString(col))
                        && headerlessColumns.size() == 1) {
                        warning = fileName + ": sheet '" + sheet + "' has values in column "
                                  + CellReference.convertNumToColString(col) + ", which has no header; they are not"
                                  + " imported (give the column a name in the header row)";
                    }
                }
            }
            return row;
        }
    }

    /**
     * A {@link DataFormatter} that also remembers the exact value of the number it formatted last, and whether the
     * format was {@code General}, so the row can keep both.
     */
    private static final class ExactNumberFormatter extends DataFormatter {
        private BigDecimal lastNumber;
        private boolean lastGeneral;

        ExactNumberFormatter() {
            super(java.util.Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            boolean date = DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value);
            lastNumber = date || Double.isNaN(value) || Double.isInfinite(value) ? null : BigDecimal.valueOf(value);
            lastGeneral = formatString == null || "General".equalsIgnoreCase(formatString) || formatIndex == 0;
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }

        BigDecimal takeNumber() {
            BigDecimal n = lastNumber;
            lastNumber = null;
            return n;
        }

        boolean lastWasGeneral() {
            return lastGeneral;
        }
    }

    /** Counts the bytes read from the sheet's XML, for the estimate of the rows to come. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private final java.util.concurrent.atomic.AtomicLong count;

        CountingInputStream(InputStream in, java.util.concurrent.atomic.AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }

    /** The consumer closed the rows: the reader thread stops. */
    private static final class Stopped extends Exception {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    /** Carries {@link Stopped} out of a SAX callback. */
    private static final class StoppedRuntime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedRuntime(Stopped cause) {
            super(null, cause, false, false);
        }
    }
}
