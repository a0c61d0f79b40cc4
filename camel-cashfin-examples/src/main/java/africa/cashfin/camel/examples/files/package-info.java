/**
 * Reading dropped files, whatever the flow that uses them: what kind of file it is ({@link
 * africa.cashfin.camel.examples.files.DropFormat}), the text's encoding and delimiter
 * ({@link africa.cashfin.camel.examples.files.TextEncodingDetector}, {@link africa.cashfin.camel.examples.files.CsvDialect}),
 * title rows above the header ({@link africa.cashfin.camel.examples.files.TitleRows}), Excel workbooks streamed
 * ({@link africa.cashfin.camel.examples.files.XlsxRows}), and the bounds that keep a crafted file from exhausting memory
 * ({@link africa.cashfin.camel.examples.files.FileLimits}, {@link africa.cashfin.camel.examples.files.BoundedRowReader},
 * {@link africa.cashfin.camel.examples.files.WorkbookGuard}). It knows no lead, mapping or route: the caller says how a
 * header row is recognised. Depends on {@code common} only.
 */
package africa.cashfin.camel.examples.files;
