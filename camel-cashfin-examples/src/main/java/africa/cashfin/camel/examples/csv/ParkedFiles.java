package africa.cashfin.camel.examples.csv;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter of the routes that take dropped files, by their stored progress ({@link ImportProgressStore}):
 * <ul>
 * <li>a file whose progress record cannot be read is not taken: it stays where it is (imported from its first row it
 * could create its rows twice), and one ERROR line names the file, the record and what to do, once per record (not
 * once per poll); it is taken at the first poll after the record is fixed or deleted;</li>
 * <li>in {@code parked/} ({@link #parked}), a file is taken once the time its import parked until has come (by the
 * clock of the Cashfin client's limiter: the server's next day), or when no progress is stored for it.</li>
 * </ul>
 */
public final class ParkedFiles implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ParkedFiles.class);

    private final ImportProgressStore store;
    private final Clock clock;
    /** Per file name refused, the unreadable record already logged. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    private ParkedFiles(ImportProgressStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = clock;
    }

    /** The filter of {@code parked/}: a file whose parked-until time has come. */
    public static ParkedFiles parked(ImportProgressStore store, Clock clock) {
        return new ParkedFiles(store, Objects.requireNonNull(clock, "clock"));
    }

    /** The filter of the inbox: any file, unless its progress record cannot be read. */
    public static ParkedFiles inbox(ImportProgressStore store) {
        return new ParkedFiles(store, null);
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return false;
        }
        String name = file.getFileNameOnly();
        ImportProgress progress;
        try {
            progress = store.find(name).orElse(null);
        } catch (UnreadableProgressException e) {
            if (!e.record().equals(refused.put(name, e.record()))) {
                LOG.error("{} (in {})", e.getMessage(), file.getParent());
            }
            return false;
        }
        refused.remove(name);
        if (clock == null || progress == null || progress.parkedUntil() == null) {
            return true;
        }
        return !clock.instant().isBefore(progress.parkedUntil());
    }
}
