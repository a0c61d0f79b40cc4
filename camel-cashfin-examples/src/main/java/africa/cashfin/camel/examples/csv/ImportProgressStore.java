package africa.cashfin.camel.examples.csv;

import java.util.Objects;
import java.util.Optional;

import org.apache.camel.spi.StateRepository;

/**
 * Where the progress of each dropped file is kept between its runs, so that a file the day's call budget cannot
 * finish resumes where it parked, also after a restart: one row per file name (key {@code csv-import:<file name>}) in
 * a Camel {@link StateRepository}; the app uses the component's {@code JdbcStateRepository} on its database (table
 * {@code CASHFIN_LEADS_STATE}). The record carries the file's content hash, so another file dropped under the same
 * name starts from its first row. Saved after every row's outcome.
 * <p>
 * A record that cannot be read (edited by hand, truncated, written by an unknown version) is refused, never taken as
 * "no record": a parked file would otherwise start over from its first row and create its rows a second time.
 */
public final class ImportProgressStore {

    /** Prefix of the keys. */
    public static final String KEY_PREFIX = "csv-import:";

    private final StateRepository<String, String> repository;

    /** @param repository the state repository holding the records */
    public ImportProgressStore(StateRepository<String, String> repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** Longest part of an unreadable record quoted in the message. */
    private static final int QUOTED_CHARS = 300;

    /**
     * The record of {@code fileName}, if any.
     *
     * @throws UnreadableProgressException when a record is stored but cannot be read: the file must not be imported
     *                                     (from its first row it could create rows twice) until the record is fixed or
     *                                     deleted; the message says which record and what to do
     */
    public Optional<ImportProgress> find(String fileName) {
        String key = KEY_PREFIX + fileName;
        String text = repository.getState(key);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImportProgress.parse(text));
        } catch (IllegalArgumentException e) {
            String quoted = text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "...";
            throw new UnreadableProgressException(fileName + ": its import progress cannot be read (key '" + key
                    + "' in " + repository + ": '" + quoted + "'), so the file is not imported: starting over from"
                    + " its first row could create leads twice. It stays where it is. Fix the record (row= the last"
                    + " row in " + ImportReport.baseName(fileName) + ImportReport.REPORT_SUFFIX
                    + " in the reports directory, the counts from the same report) or delete"
                    + " that row of the table to import the file from its first row (rows already created are then"
                    + " created again unless deduplicateBy finds them); the file is taken at the next poll.", text,
                    e);
        }
    }

    /** Saves the record of {@code fileName}. */
    public void save(String fileName, ImportProgress progress) {
        repository.setState(KEY_PREFIX + fileName, progress.text());
    }
}
