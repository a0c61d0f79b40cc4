package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.simulator.CashfinSimulatorExtension;

/**
 * The bulk CSV import of docs/component.md ("Bulk create"), copied from the page and run by Camel Main with the
 * documented secret property ({@code {{env:CASHFIN_CLIENT_SECRET}}}), while the simulator starts failing every call
 * mid-import: the file is never marked done ({@code .camel/}) while rows failed, every row is either created or in
 * the failed-rows file, and that file dropped in again creates the rest, each lead once. The only change to the block:
 * its {@code import} folder lives under {@code target/}.
 */
class BulkImportRecipeTest {

    @RegisterExtension
    static CashfinSimulatorExtension cashfin = new CashfinSimulatorExtension();

    private static final int ROWS = 20;

    @Test
    void aFileWithFailedRowsIsNeverMarkedDoneAndItsFailedRowsAreKept() throws Exception {
        Path work = Path.of("target", "bulk-import-recipe").toAbsolutePath();
        if (Files.exists(work)) {
            try (Stream<Path> old = Files.walk(work)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path inbox = work.resolve("import");
        Files.createDirectories(inbox);
        Path yaml = work.resolve("leads-import.camel.yaml");
        Files.writeString(yaml, recipe().replace("file:import", "file:" + inbox));

        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:" + yaml);
        main.setDefaultPropertyPlaceholderLocation("classpath:docs-main/application.properties");
        main.addOverrideProperty("camel.component.cashfin-leads.base-url", cashfin.baseUrl());
        // a failing row fails at its first failed call: the retries are not what this test is about (faster)
        main.addOverrideProperty("camel.component.cashfin-leads.max-retries", "0");
        main.start();
        try {
            drop(inbox, "leads.csv", csv());
            await().atMost(Duration.ofSeconds(60)).until(() -> cashfin.leadCount() >= 7);
            cashfin.randomFailureRate(1.0, 1);      // from now on every call fails (500, nothing stored)

            Path failedFile = inbox.resolve("failed").resolve("leads.csv");
            Path failedRows = inbox.resolve("failed").resolve("leads-failed-rows.csv");
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(failedFile) && Files.exists(failedRows));
            assertThat(inbox.resolve(".camel").resolve("leads.csv")).as("never marked done").doesNotExist();

            List<String> created = emailsInSimulator();
            List<String> kept = emailsIn(failedRows);
            assertThat(created.size()).isBetween(7, ROWS - 1);
            assertThat(kept).as("every row not created is in the failed-rows file, once")
                    .doesNotHaveDuplicates().doesNotContainAnyElementsOf(created).hasSize(ROWS - created.size());

            cashfin.randomFailureRate(0.0, 1);      // the cause is fixed: import the failed rows again
            Files.move(failedRows, inbox.resolve("leads-failed-rows.tmp"));
            Files.move(inbox.resolve("leads-failed-rows.tmp"), inbox.resolve("leads-failed-rows.csv"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(inbox.resolve(".camel").resolve("leads-failed-rows.csv")));
            assertThat(emailsInSimulator()).as("every row created once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(allEmails());
        } finally {
            main.stop();
        }
    }

    private static String recipe() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "component.md"));
        Matcher m = Pattern.compile("(?s)<!-- bulk-import:begin -->\\s*```yaml\\n(.*?)```").matcher(page);
        assertThat(m.find()).as("docs/component.md has the bulk-import block").isTrue();
        return m.group(1);
    }

    private static String csv() {
        StringBuilder sb = new StringBuilder("name,email,phone,company\n");
        for (String email : allEmails()) {
            int i = Integer.parseInt(email.replaceAll("\\D", ""));
            sb.append("Row ").append(i).append(',').append(email).append(",+2547120000").append(i < 10 ? "0" : "")
                    .append(i).append(",Acme\n");
        }
        return sb.toString();
    }

    private static List<String> allEmails() {
        List<String> emails = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            emails.add("row" + i + "@acme.example");
        }
        return emails;
    }

    private static void drop(Path inbox, String name, String content) throws Exception {
        Path tmp = inbox.resolve(name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> emailsInSimulator() {
        return cashfin.leads().stream().map(l -> (String) l.get("email")).toList();
    }

    private static List<String> emailsIn(Path csv) throws Exception {
        try (Stream<String> lines = Files.lines(csv)) {
            List<String> all = lines.toList();
            assertThat(all.get(0)).isEqualTo("name,email,phone,company");
            return all.stream().skip(1).map(l -> l.split(",")[1]).toList();
        }
    }

}
