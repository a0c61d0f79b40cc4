package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operations page's once-a-second refresh costs the board: the folders' files are sorted and capped at
 * {@value ImportBoard#MAX_FILES} before any file's stored progress is looked up, the view is kept until a file starts,
 * parks, finishes or fails (or {@link ImportBoard#RESCAN} passes), and a download's id is resolved from the listed
 * names without looking anything up.
 */
class ImportBoardTest {

    @TempDir
    Path root;

    /** Counts the look-ups of stored progress (one JDBC query each in the app). */
    static final class CountingRepository extends MemoryStateRepository {
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public String getState(String key) {
            reads.incrementAndGet();
            return super.getState(key);
        }
    }

    @Test
    void theFilesAreCappedBeforeAnyLookUpAndKeptUntilAnEvent() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Path reports = root.resolve("reports");
        Path done = Files.createDirectories(reports.resolve("done"));
        int files = ImportBoard.MAX_FILES + 50;
        for (int i = 0; i < files; i++) {
            Path f = Files.writeString(done.resolve(String.format("file-%03d.csv", i)), "Full Name\r\nA B\r\n");
            // file-249 is the newest
            Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-12-01T00:00:00Z").plusSeconds(i)));
        }
        CountingRepository repository = new CountingRepository();
        ImportBoard board = new ImportBoard(inbox, reports, new ImportProgressStore(repository), Clock.systemUTC());

        List<ImportBoard.FileView> first = board.files();
        assertThat(first).hasSize(ImportBoard.MAX_FILES);
        assertThat(first.get(0).name()).isEqualTo("file-249.csv");
        assertThat(first.get(ImportBoard.MAX_FILES - 1).name()).isEqualTo("file-050.csv");
        assertThat(repository.reads.get()).as("one look-up per listed file, none for the 50 beyond the cap")
                .isEqualTo(ImportBoard.MAX_FILES);

        // the next refreshes and a download: nothing looked up again
        assertThat(board.files()).isEqualTo(first);
        assertThat(board.files()).isEqualTo(first);
        Files.writeString(done.resolve("file-249" + ImportReport.ERRORS_SUFFIX), "Full Name,error\r\n,name missing\r\n");
        assertThat(board.failedRowsFile(ImportBoard.id("file-249.csv"))).isPresent();
        assertThat(board.reportFile(ImportBoard.id("file-249.csv"))).isEmpty();
        assertThat(board.failedRowsFile(ImportBoard.id("file-000.csv"))).as("not listed: beyond the cap").isEmpty();
        assertThat(repository.reads.get()).isEqualTo(ImportBoard.MAX_FILES);

        // an event: the view is built again and shows it
        board.unreadable("new.csv", "not a CSV");
        List<ImportBoard.FileView> after = board.files();
        assertThat(after.get(0).name()).isEqualTo("new.csv");
        assertThat(after.get(0).state()).isEqualTo(ImportBoard.State.UNREADABLE);
        assertThat(after).hasSize(ImportBoard.MAX_FILES);
        assertThat(repository.reads.get()).isEqualTo(2 * ImportBoard.MAX_FILES - 1);
    }

    @Test
    void aFileDroppedWithoutAnEventIsListedAfterTheRescan() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        ImportBoard board = new ImportBoard(inbox, root.resolve("reports"), null, Clock.systemUTC());
        assertThat(board.files()).isEmpty();
        Files.writeString(inbox.resolve("dropped.csv"), "Full Name\r\nA B\r\n");
        org.awaitility.Awaitility.await().atMost(ImportBoard.RESCAN.multipliedBy(3))
                .until(() -> board.files().size() == 1);
        assertThat(board.files().get(0).state()).isEqualTo(ImportBoard.State.WAITING);
    }
}
