package africa.cashfin.camel.examples.csv;

/**
 * The stored progress of a dropped file cannot be read ({@link ImportProgressStore#find}): the import of that file
 * does not start, because starting over from its first row could create its rows a second time. The message names the
 * file, the record and what to do; the file stays where it is until the record is fixed or deleted.
 */
public final class UnreadableProgressException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String record;

    UnreadableProgressException(String message, String record, Throwable cause) {
        super(message, cause);
        this.record = record;
    }

    /** The record as stored. */
    public String record() {
        return record;
    }
}
