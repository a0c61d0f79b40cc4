/**
 * Flow 1, file drop: reading dropped files (CSV in any common encoding and delimiter, Excel workbooks), mapping their
 * rows to leads (column aliases, presets, user mapping), and the per-file report and errors file.
 * {@link africa.cashfin.camel.examples.csv.CsvImports} is the bean {@code routes/csv-import.camel.yaml} calls.
 */
package africa.cashfin.camel.examples.csv;
