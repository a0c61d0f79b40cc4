package africa.cashfin.camel.examples.csv;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The filter of the parked-files route: a file in {@code parked/} is picked up once the time its import parked
 * until has come (by the clock of the Cashfin client's limiter: the server's next day), or when no progress is stored
 * for it.
 */
public final class ParkedFiles implements GenericFileFilter<Object> {

    private final ImportProgressStore store;
    private final Clock clock;

    public ParkedFiles(ImportProgressStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return false;
        }
        Instant until = store.find(file.getFileNameOnly()).map(ImportProgress::parkedUntil).orElse(null);
        return until == null || !clock.instant().isBefore(until);
    }
}
