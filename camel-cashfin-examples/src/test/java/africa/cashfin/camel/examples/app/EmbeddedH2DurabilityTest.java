package africa.cashfin.camel.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.examples.csv.ImportProgress;
import africa.cashfin.camel.examples.csv.ImportProgressStore;
import africa.cashfin.camel.examples.csv.ImportSummary;
import africa.cashfin.camel.examples.sync.LeadDatabase;
import africa.cashfin.camel.leads.state.JdbcStateRepository;

/**
 * The embedded H2 database keeps what it acknowledged when the JVM dies (issue 21): a child JVM saves a CSV import's
 * progress record row after row through {@code ImportProgressStore} on the app's {@code JdbcStateRepository}, as the
 * import does, and is killed ({@code Runtime.halt}: no shutdown hook, no close) right after the last save returns. The
 * database reopened on the URL the app uses holds the last save. With H2's default write delay (500 ms in H2 2.x) the
 * last saves, the table itself even, are still in memory when the JVM dies and are lost.
 */
class EmbeddedH2DurabilityTest {

    private static final int SAVES = 40;
    private static final Instant STARTED = Instant.parse("2026-12-06T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aProgressSaveAcknowledgedBeforeTheJvmIsKilledIsStillThereAfterwards() throws Exception {
        String url = EmbeddedServices.embeddedH2Url(dir.resolve("db").resolve("cashfin"));
        // the child runs on this JVM's test classpath (surefire's too); its output goes to a file, not a pipe that
        // could fill and block it; short-lived, so the quick JIT tier and a small heap (a loaded machine starts it
        // slowly otherwise)
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SavesThenDies.class.getName(), url, String.valueOf(SAVES)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertThat(child.waitFor(3, TimeUnit.MINUTES)).as("the child JVM ended").isTrue();
        } finally {
            child.destroyForcibly(); // a no-op once it ended; never left running after a failure
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).as("the child saved every record before it died").contains("saved " + SAVES);
        assertThat(child.exitValue()).as("killed by Runtime.halt(7), not ended normally").isEqualTo(7);

        DataSource database = LeadDatabase.dataSource(url, null, null);
        JdbcStateRepository reopened = new JdbcStateRepository(database);
        reopened.start();
        try {
            assertThat(new ImportProgressStore(reopened).find("leads.csv")).as("the last acknowledged save")
                    .contains(progress(SAVES));
        } finally {
            reopened.stop();
            try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN"); // DB_CLOSE_DELAY=-1 keeps it open otherwise
            }
        }
    }

    private static ImportProgress progress(long row) {
        return ImportProgress.start("0".repeat(64), STARTED).at(row, new ImportSummary(row, row, 0, 0,
                Duration.ofSeconds(row)));
    }

    /** The child JVM: saves the progress of rows 1 to N as an import does, then dies at once. */
    public static final class SavesThenDies {

        public static void main(String[] args) {
            DataSource dataSource = LeadDatabase.dataSource(args[0], null, null);
            JdbcStateRepository repository = new JdbcStateRepository(dataSource);
            repository.start();
            ImportProgressStore store = new ImportProgressStore(repository);
            int saves = Integer.parseInt(args[1]);
            for (int row = 1; row <= saves; row++) {
                store.save("leads.csv", progress(row));
            }
            System.out.println("saved " + saves);
            System.out.flush();
            Runtime.getRuntime().halt(7);
        }
    }
}
