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
 */
public final class ImportProgressStore {

    /** Prefix of the keys. */
    public static final String KEY_PREFIX = "csv-import:";

    private final StateRepository<String, String> repository;

    /** @param repository the state repository holding the records */
    public ImportProgressStore(StateRepository<String, String> repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** The record of {@code fileName}, if any (an unreadable record counts as none). */
    public Optional<ImportProgress> find(String fileName) {
        String text = repository.getState(KEY_PREFIX + fileName);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImportProgress.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Saves the record of {@code fileName}. */
    public void save(String fileName, ImportProgress progress) {
        repository.setState(KEY_PREFIX + fileName, progress.text());
    }
}
