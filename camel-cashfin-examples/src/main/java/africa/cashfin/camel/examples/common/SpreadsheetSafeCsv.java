package africa.cashfin.camel.examples.common;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes CSV cells that are safe to open in a spreadsheet and correct per RFC 4180.
 * <p>
 * Formula injection: a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is
 * run as a formula by Excel, LibreOffice and Google Sheets ({@code =HYPERLINK(...)}, {@code =cmd|...}). Such a cell is
 * prefixed with a single quote ({@code '=1+2}), which spreadsheets show as text. This changes the value (a negative
 * number {@code -5} becomes {@code '-5}), which is the accepted price for a file whose content comes from strangers
 * (web forms, e-mails); use it for exports, not for files that must round-trip exactly.
 * <p>
 * Quoting: a cell containing the delimiter, a double quote, CR or LF is enclosed in double quotes, inner double quotes
 * doubled. Rows end with CRLF.
 */
public final class SpreadsheetSafeCsv {

    /** RFC 4180 line end. */
    public static final String CRLF = "\r\n";

    private SpreadsheetSafeCsv() {
    }

    /** {@code value} with a leading {@code '} when a spreadsheet would run it as a formula; null becomes {@code ""}. */
    public static String escapeFormula(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    /** {@code value} quoted per RFC 4180 when it needs to be (contains the delimiter, {@code "}, CR or LF). */
    public static String quote(String value, char delimiter) {
        if (value == null) {
            return "";
        }
        boolean needs = value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** {@code value} formula-escaped, then quoted: one safe cell. */
    public static String cell(String value, char delimiter) {
        return quote(escapeFormula(value), delimiter);
    }

    /** One row of formula-safe cells, ending with CRLF; null values are empty cells. */
    public static String row(List<?> values, char delimiter) {
        return values.stream().map(v -> cell(v == null ? null : v.toString(), delimiter))
                .collect(Collectors.joining(String.valueOf(delimiter))) + CRLF;
    }

    /** One row quoted per RFC 4180 only (values unchanged, for files that must round-trip), ending with CRLF. */
    public static String plainRow(List<?> values, char delimiter) {
        return values.stream().map(v -> quote(v == null ? null : v.toString(), delimiter))
                .collect(Collectors.joining(String.valueOf(delimiter))) + CRLF;
    }
}
