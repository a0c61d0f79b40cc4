package africa.cashfin.camel.examples.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.regex.Pattern;

import africa.cashfin.camel.examples.files.DropFormat;
import africa.cashfin.camel.examples.files.UnreadableFileException;

/**
 * The inbox's rules for a file's name, and putting a file into the inbox the way droppers are told to
 * (docs/examples.md, "Feeding the inbox"): written under a hidden temporary name, then renamed, so the route never
 * reads it in part. The route {@code csv-import} takes the names {@link #NAMES} (its {@code include}, through the
 * property {@value #INCLUDE_PROPERTY}) and, like every Camel file consumer, no hidden file; the operations page's
 * upload puts a file in through {@link #put}, which refuses what the route would not take or would refuse at once
 * ({@link DropFormat}: an {@code .xls} workbook) with the route's own message.
 */
public final class InboxDrop {

    /** The names the inbox route takes: its {@code include} regular expression. */
    public static final String NAMES = "(?i).*\\.(csv|tsv|txt|xlsx|xls)";
    /** The property the route's {@code include} reads {@link #NAMES} from. */
    public static final String INCLUDE_PROPERTY = "cashfin.csv.include";
    /** The longest name taken from an upload. */
    static final int MAX_NAME = 200;

    private static final Pattern PATTERN = Pattern.compile(NAMES);
    private static final Pattern SAFE = Pattern.compile("[\\p{L}\\p{N} ._()+,@&=-]+");

    private final Path inbox;
    private final Path processing;

    /**
     * @param inbox      the inbox folder
     * @param processing where the route moves a file while it is imported ({@code <reports-dir>/processing})
     */
    public InboxDrop(Path inbox, Path processing) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.processing = Objects.requireNonNull(processing, "processing");
    }

    /** True when the inbox route takes a file named {@code name} (not hidden, one of its extensions). */
    public static boolean taken(String name) {
        return name != null && !name.startsWith(".") && PATTERN.matcher(name).matches();
    }

    /** The inbox folder. */
    public Path inbox() {
        return inbox;
    }

    /**
     * Puts {@code content} into the inbox as {@code name}.
     *
     * @return the file in the inbox
     * @throws RefusedException when the name is not one the route takes, a file of that name is waiting or being
     *                          imported, the content is empty or of a type the import refuses (the message says why
     *                          and what to do)
     */
    public Path put(String name, InputStream content) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > MAX_NAME || !SAFE.matcher(n).matches() || !taken(n)
            || !Path.of(n).getFileName().toString().equals(n)) {
            throw new RefusedException(400, "Not taken: '" + printable(n) + "' is not a name the inbox reads. Name the"
                    + " file like leads.csv: letters, digits, spaces and . _ - ( ) only, ending in .csv, .tsv, .txt or"
                    + " .xlsx, not starting with a dot, at most " + MAX_NAME + " characters.");
        }
        Path target = inbox.resolve(n);
        if (Files.exists(target) || Files.exists(processing.resolve(n))) {
            throw new RefusedException(409, "Not taken: a file named " + n + " is already waiting in the inbox or"
                    + " being imported. Wait until it is done, or give this file another name.");
        }
        Path dir = inbox.resolve(".upload-" + Long.toHexString(System.nanoTime()));
        Path temp = dir.resolve(n);
        try {
            // a hidden folder the route does not look into (it is not recursive); the real name, for DropFormat
            Files.createDirectories(dir);
            Files.copy(content, temp);
            if (Files.size(temp) == 0) {
                throw new RefusedException(400, "Not taken: " + n + " is empty.");
            }
            DropFormat.of(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (UnreadableFileException e) {
            throw new RefusedException(422, "Not taken: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + n + " into the inbox " + inbox + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // left as a hidden folder, which the route never reads
            }
        }
    }

    private static String printable(String s) {
        String t = s.replaceAll("[\\p{Cntrl}]", "?");
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }

    /** A file the inbox does not take; {@link #status()} is the HTTP status to answer. */
    public static final class RefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int status;

        RefusedException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** 400, 409 or 422. */
        public int status() {
            return status;
        }
    }
}
