package africa.cashfin.camel.examples.files;

import java.util.Map;

import org.apache.poi.openxml4j.util.ZipSecureFile;

import africa.cashfin.camel.examples.common.Settings;

/**
 * Bounds on what one dropped file may make the import hold in memory, so a crafted or broken file is refused with a
 * clear error instead of an {@link OutOfMemoryError}. Rows are streamed either way; these bound the pieces that are
 * not: one CSV row, one workbook cell, a workbook's shared-strings table, and how far a workbook's zip entries may
 * inflate (POI's {@link ZipSecureFile}).
 *
 * @param maxRowChars          longest CSV row in characters (a quoted value with line breaks is one row); an unclosed
 *                             quote would otherwise make the rest of the file one row
 * @param maxCellChars         longest workbook cell text in characters (Excel's own limit is 32,767)
 * @param maxSharedStrings     largest shared-strings part of a workbook in bytes (it is held in memory)
 * @param maxWorkbookEntrySize largest uncompressed zip entry of a workbook in bytes (a sheet is streamed, but bounded)
 * @param minInflateRatio      smallest compressed/uncompressed ratio of a workbook's entries: 0.01 refuses an entry
 *                             that inflates more than 100 times (a zip bomb)
 */
public record FileLimits(int maxRowChars, int maxCellChars, long maxSharedStrings, long maxWorkbookEntrySize,
        double minInflateRatio) {

    /** Property: longest CSV row in characters. */
    public static final String MAX_ROW_CHARS = "cashfin.csv.max-row-chars";
    /** Property: longest workbook cell in characters. */
    public static final String MAX_CELL_CHARS = "cashfin.csv.max-cell-chars";
    /** Property: largest shared-strings part in bytes. */
    public static final String MAX_SHARED_STRINGS = "cashfin.csv.max-shared-strings-size";
    /** Property: largest uncompressed workbook entry in bytes. */
    public static final String MAX_WORKBOOK_ENTRY = "cashfin.csv.max-workbook-entry-size";
    /** Property: smallest compression ratio of a workbook entry. */
    public static final String MIN_INFLATE_RATIO = "cashfin.csv.min-inflate-ratio";

    /** Defaults: rows up to 1 M characters, cells up to 32,767, shared strings up to 64 MB, entries up to 1 GB, 100x. */
    public static final FileLimits DEFAULTS = new FileLimits(1 << 20, 32_767, 64L << 20, 1L << 30, 0.01);

    public FileLimits {
        if (maxRowChars < 1024 || maxCellChars < 1 || maxSharedStrings < 1 || maxWorkbookEntrySize < 1
            || minInflateRatio < 0 || minInflateRatio >= 1) {
            throw new IllegalArgumentException("File limits out of range: " + MAX_ROW_CHARS + " >= 1024 (" + maxRowChars
                    + "), " + MAX_CELL_CHARS + " >= 1 (" + maxCellChars + "), sizes >= 1 byte, " + MIN_INFLATE_RATIO
                    + " from 0 to below 1 (" + minInflateRatio + ")");
        }
    }

    /** The limits in {@code properties}, defaults for what is absent. */
    public static FileLimits fromProperties(Map<?, ?> properties) {
        return from(Settings.of(properties));
    }

    /** The limits in {@code settings}, defaults for what is absent. */
    public static FileLimits from(Settings settings) {
        return new FileLimits(settings.integer(MAX_ROW_CHARS, DEFAULTS.maxRowChars),
                settings.integer(MAX_CELL_CHARS, DEFAULTS.maxCellChars),
                settings.number(MAX_SHARED_STRINGS, DEFAULTS.maxSharedStrings),
                settings.number(MAX_WORKBOOK_ENTRY, DEFAULTS.maxWorkbookEntrySize),
                settings.decimal(MIN_INFLATE_RATIO, DEFAULTS.minInflateRatio, "0.01"));
    }

    /**
     * Sets POI's zip-bomb guard ({@link ZipSecureFile#setMinInflateRatio}, {@link ZipSecureFile#setMaxEntrySize}).
     * POI keeps these per JVM, so the last app to start in a JVM sets them for all.
     */
    public void applyToPoi() {
        ZipSecureFile.setMinInflateRatio(minInflateRatio);
        ZipSecureFile.setMaxEntrySize(maxWorkbookEntrySize);
    }
}
