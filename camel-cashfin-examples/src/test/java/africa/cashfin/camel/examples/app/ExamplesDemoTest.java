package africa.cashfin.camel.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;


/** The one-command demo end to end: every flow runs on embedded defaults and the summary says what happened. */
class ExamplesDemoTest {

    @Test
    void demoRunsAllFlowsAndPrintsTheSummary() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            code = new ExamplesDemo(out).run(false);
        }
        String summary = bytes.toString(StandardCharsets.UTF_8);

        assertThat(summary).contains("demo summary").doesNotContain("NOT DONE");
        assertThat(code).isZero();
        assertThat(summary).contains("20 created, 1 duplicate, 4 failed of 25 rows");
        assertThat(summary).contains("row 12 failed: name:").contains("row 13 failed: email:")
                .contains("row 14 failed: budget:").contains("row 25 failed: budget:");
        assertThat(summary).contains("POST answered HTTP 200 with the thank-you page");
        assertThat(summary).contains("imported: 1 mail").contains("rejected: 1 mail").contains("automatic mail");
        assertThat(summary).containsPattern("email\\s+1\\n");
        // every lead in Cashfin reached the SQL table, the other CRM and the export
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("total\\s+(\\d+)").matcher(summary);
        assertThat(total.find()).as("total line in %s", summary).isTrue();
        String leads = total.group(1);
        assertThat(summary).contains("SQL table cashfin_leads: " + leads + " rows")
                .contains("contacts pushed to the CRM: " + leads).contains("CSV export: " + leads + " leads");
    }
}
