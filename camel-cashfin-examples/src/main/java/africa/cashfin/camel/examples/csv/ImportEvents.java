package africa.cashfin.camel.examples.csv;

import java.time.Instant;

/**
 * What {@link CsvImports} tells about each file, as it happens: started, parked, finished or unreadable. The operations
 * page's {@link ImportBoard} listens; an import without the page tells {@link #NONE}.
 */
interface ImportEvents {

    /** Hears nothing. */
    ImportEvents NONE = new ImportEvents() {
    };

    /** The import of {@code name} started (or went on after a park), writing {@code report}. */
    default void started(String name, ImportReport report) {
    }

    /** The import of {@code name} was parked until {@code until} for the call budget's next day. */
    default void parked(String name, Instant until, ImportSummary soFar) {
    }

    /** The import of {@code name} came to its end. */
    default void finished(String name, ImportSummary totals) {
    }

    /** {@code name} could not be read at all, for {@code reason}. */
    default void unreadable(String name, String reason) {
    }
}
