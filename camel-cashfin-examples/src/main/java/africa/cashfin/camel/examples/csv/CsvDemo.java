package africa.cashfin.camel.examples.csv;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;

import africa.cashfin.camel.examples.common.DemoStep;

/**
 * Flow 1 in the demo: drops {@code samples/leads-sample.csv} (25 rows, 4 bad on purpose) into the inbox, finished when
 * the file has moved to {@code done/}; its summary is read from the file's report.
 */
public final class CsvDemo implements DemoStep {

    private static final String SAMPLE_CSV = "samples/leads-sample.csv";

    private final CsvImports imports;
    private final Path dropped;

    /**
     * @param imports the flow's bean (where the reports go)
     * @param inbox   the folder files are dropped into
     */
    public CsvDemo(CsvImports imports, Path inbox) {
        this.imports = imports;
        this.dropped = inbox.resolve("leads-sample.csv");
    }

    @Override
    public String name() {
        return "CSV import";
    }

    /** Drops the sample file by renaming it into the inbox, so the route never sees it half written. */
    @Override
    public void use() throws Exception {
        try (InputStream in = DemoStep.resource(SAMPLE_CSV)) {
            Path tmp = dropped.resolveSibling(".leads-sample.csv.part");
            Files.copy(in, tmp);
            Files.move(tmp, dropped);
        }
    }

    @Override
    public boolean finished() {
        return Files.exists(imports.reportDirectory().resolve("leads-sample.csv")) && !Files.exists(dropped);
    }

    @Override
    public void summarise(StringBuilder s) throws Exception {
        Path report = imports.reportDirectory().resolve("leads-sample" + ImportReport.REPORT_SUFFIX);
        s.append("\nFlow 1, CSV file drop (").append(dropped.getFileName()).append("):\n");
        if (!Files.exists(report)) {
            s.append("  NOT DONE: no report at ").append(report).append('\n');
            return;
        }
        List<CSVRecord> all = DemoStep.readCsv(report);
        // row 0 of the report says how the file was read; the data rows follow
        all.stream().filter(r -> "header".equals(r.get("outcome"))).findFirst()
                .ifPresent(r -> s.append("  read as ").append(r.get("message")).append('\n'));
        List<CSVRecord> rows = all.stream().filter(r -> !"header".equals(r.get("outcome"))).toList();
        long created = rows.stream().filter(r -> "created".equals(r.get("outcome"))).count();
        long duplicates = rows.stream().filter(r -> "duplicate".equals(r.get("outcome"))).count();
        List<CSVRecord> failed = rows.stream().filter(r -> "failed".equals(r.get("outcome"))).toList();
        s.append(String.format("  %d created, %d %s, %d failed of %d rows%n", created, duplicates,
                duplicates == 1 ? "duplicate" : "duplicates", failed.size(), rows.size()));
        for (CSVRecord r : failed) {
            s.append("  row ").append(r.get("row")).append(" failed: ").append(r.get("message")).append('\n');
        }
        s.append("  report: ").append(report).append('\n');
        Path errors = imports.reportDirectory().resolve("leads-sample" + ImportReport.ERRORS_SUFFIX);
        if (Files.exists(errors)) {
            s.append("  failed rows to fix and drop again: ").append(errors).append('\n');
        }
    }
}
