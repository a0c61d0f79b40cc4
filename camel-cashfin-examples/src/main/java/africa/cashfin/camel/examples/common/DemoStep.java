package africa.cashfin.camel.examples.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * One flow's part of the one-command demo, driven through the flow's own code: what a user does with the flow, when
 * the flow has finished with it, and its part of the summary, read back from what the flow produced. The demo
 * ({@code app/ExamplesDemo}) uses every flow, waits for each and prints the parts in order.
 */
public interface DemoStep {

    /** What the summary names when the flow did not finish in time ({@code NOT DONE: <name> did not finish}). */
    String name();

    /** Uses the flow the way a user would (drops a file, posts the form, sends mail). */
    void use() throws Exception;

    /** True once the flow has finished with what {@link #use()} gave it. */
    boolean finished();

    /** Appends the flow's part of the summary. */
    void summarise(StringBuilder summary) throws Exception;

    /** A resource of the examples (the {@code samples/}). */
    static InputStream resource(String name) {
        InputStream in = DemoStep.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("Missing resource " + name));
        }
        return in;
    }

    /** The records of a CSV file with a header row (a report, the rejected-mail log, the export). */
    static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
