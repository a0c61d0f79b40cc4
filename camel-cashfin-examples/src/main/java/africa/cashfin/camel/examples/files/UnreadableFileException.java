package africa.cashfin.camel.examples.files;

/**
 * A dropped file that cannot be imported at all: empty, not text in an encoding the import reads, an old {@code .xls}
 * workbook, a workbook without a header row. The message says what is wrong and what to do; the route moves the file
 * to {@code .error/} and writes the message next to it.
 */
public final class UnreadableFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public UnreadableFileException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the underlying error
     */
    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
