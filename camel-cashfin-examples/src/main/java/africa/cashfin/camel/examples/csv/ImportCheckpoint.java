package africa.cashfin.camel.examples.csv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * The progress of one file during one run of its import: which rows earlier runs already handled, the row that may
 * have been sent before a crash (looked up before it is created again), and whether the run parked because the call
 * budget allows no more creates before the server's next day. Saves the progress after every row
 * ({@link ImportProgressStore}).
 */
final class ImportCheckpoint {

    private final String fileName;
    private final ImportProgressStore store;
    private final long resumeAfter;
    private final long uncertainRow;
    private final boolean resumed;
    private ImportProgress progress;
    private Instant parkedUntil;
    private String createEndpoint;
    private String parkReason;

    private ImportCheckpoint(String fileName, ImportProgressStore store, ImportProgress progress,
            boolean resumed, long uncertainRow) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.resumed = resumed;
        this.store = store;
        this.progress = progress;
        this.resumeAfter = progress.row();
        this.uncertainRow = uncertainRow;
    }

    /**
     * Opens the checkpoint of {@code fileName} with content hash {@code sha256}: the stored progress when it is of
     * the same content and not done, else a new one (saved at once, so that a crash before the first row's outcome
     * still leaves a record).
     */
    static ImportCheckpoint open(String fileName, String sha256, ImportProgressStore store, Clock clock) {
        ImportProgress stored = store.find(fileName).filter(p -> p.sha256().equals(sha256) && !p.done())
                .orElse(null);
        ImportCheckpoint checkpoint;
        if (stored == null) {
            checkpoint = new ImportCheckpoint(fileName, store, ImportProgress.start(sha256, clock.instant()), false, 0);
        } else {
            checkpoint = new ImportCheckpoint(fileName, store, stored.resumed(), true,
                    stored.interrupted() ? stored.row() + 1 : 0);
        }
        store.save(fileName, checkpoint.progress);
        return checkpoint;
    }

    /** The stored progress this run started from, or null for a file seen for the first time. */
    ImportProgress resumedFrom() {
        return resumed ? progress : null;
    }

    /** True when {@code row} was handled by an earlier run. */
    boolean alreadyDone(long row) {
        return row <= resumeAfter;
    }

    /** True when {@code row} may have been created by a run that stopped before saving its outcome. */
    boolean uncertain(long row) {
        return row == uncertainRow;
    }

    /** Row {@code row}'s outcome is recorded; the report so far shows {@code totals}. */
    synchronized void recorded(long row, ImportSummary totals) {
        progress = progress.at(row, totals);
        store.save(fileName, progress);
    }

    /** The URI of the endpoint that creates the rows (for the estimate of a parked file); kept once known. */
    synchronized void createdBy(String uri) {
        if (createEndpoint == null && uri != null) {
            createEndpoint = uri;
        }
    }

    synchronized String createEndpoint() {
        return createEndpoint;
    }

    /** The call budget allows no create before {@code until}: the rest of this run's rows wait. */
    synchronized void park(Instant until, String reason) {
        if (parkedUntil == null) {
            parkedUntil = until;
            parkReason = reason;
        }
    }

    /** When the parked import goes on, or null when it is not parked. */
    synchronized Instant parkedUntil() {
        return parkedUntil;
    }

    synchronized boolean parked() {
        return parkedUntil != null;
    }

    /** Saves the parked state and returns the line saying when the file goes on and when it should be done. */
    synchronized String saveParked(long expectedRows, double rowsPerDay) {
        progress = progress.parked(parkedUntil);
        store.save(fileName, progress);
        long left = expectedRows < 0 ? -1 : Math.max(0, expectedRows - progress.row());
        StringBuilder line = new StringBuilder(fileName).append(": parked at row ").append(progress.row())
                .append(String.format(Locale.ROOT, " (%,d created, %,d duplicates, %,d failed so far)",
                        progress.created(), progress.duplicates(), progress.failed()))
                .append(": ").append(parkReason).append("; it goes on at ").append(parkedUntil);
        if (left >= 0 && rowsPerDay > 0) {
            long days = Math.max(1, (long) Math.ceil(left / rowsPerDay));
            Instant lastDay = parkedUntil.plus(Duration.ofDays(days - 1));
            line.append(String.format(Locale.ROOT, "; about %,d rows left at about %,d rows a day: it should finish"
                                                   + " on the server day starting %s", left, Math.round(rowsPerDay),
                    lastDay.atOffset(ZoneOffset.UTC).toLocalDate()));
        }
        return line.toString();
    }

    /** The whole file is imported. */
    synchronized void finished(ImportSummary totals) {
        progress = new ImportProgress(progress.sha256(), progress.row(), totals.created(), totals.duplicates(),
                totals.failed(), progress.started(), null, true);
        store.save(fileName, progress);
    }

    /** The current progress. */
    synchronized ImportProgress progress() {
        return progress;
    }

    @Override
    public String toString() {
        return "ImportCheckpoint[" + fileName + ", " + progress.text() + "]";
    }
}
