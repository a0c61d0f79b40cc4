package africa.cashfin.camel.examples.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What kind of file was dropped, told by its first bytes (its name only as a hint): a text file (CSV, TSV), an Excel
 * workbook ({@code .xlsx}, a ZIP package), or an old binary Excel workbook ({@code .xls}), which is refused.
 */
public enum DropFormat {
    /** Delimited text: CSV, TSV, in any encoding {@link TextEncodingDetector} reads. */
    TEXT,
    /** An Excel workbook (Office Open XML, {@code .xlsx}). */
    XLSX;

    private static final byte[] ZIP = { 'P', 'K', 3, 4 };
    private static final byte[] OLE2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                                         (byte) 0xE1 };

    /** The lower-case name: {@code text} or {@code xlsx}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format of {@code file}.
     *
     * @throws UnreadableFileException for an {@code .xls} workbook (or a password-protected one, which is stored the
     *                                 same way), with what to do instead
     */
    public static DropFormat of(Path file) {
        String name = file.getFileName().toString();
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(OLE2.length);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (Arrays.equals(head, OLE2)) {
            throw new UnreadableFileException(name + " is an Excel 97-2003 workbook (.xls) or a password-protected"
                    + " workbook, which the import does not read. Open it in Excel, remove any password, save it as"
                    + " 'Excel Workbook (.xlsx)' or 'CSV UTF-8', and drop it again.");
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".xls")) {
            // some systems' "Export to Excel" writes HTML or text under an .xls name
            throw new UnreadableFileException(name + " is named like an Excel 97-2003 workbook (.xls) but is not one"
                    + " (probably HTML or text another program saved under that name). Open it in Excel, save it as"
                    + " 'Excel Workbook (.xlsx)' or 'CSV UTF-8', and drop it again.");
        }
        if (head.length >= ZIP.length && Arrays.equals(Arrays.copyOf(head, ZIP.length), ZIP)) {
            return XLSX;
        }
        return TEXT;
    }
}
