package africa.cashfin.camel.examples.csv;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How far the import of one dropped file got, as stored between its runs (see {@link ImportProgressStore}): the file's
 * content hash, the last row whose outcome is recorded, the counts so far, when the import started and, while it is
 * parked, when it may go on. A record without {@code parkedUntil} whose file is not done belongs to a run that was
 * interrupted (a crash or a stop while rows were being sent): the row after {@code row} may have been created without
 * its outcome being saved, so that row is sent with a look-up first ({@link CsvImports#UNCERTAIN_ROW}).
 *
 * @param sha256      SHA-256 of the file's bytes, hex
 * @param row         the last row (counted from 1 after the header) whose outcome is recorded
 * @param created     leads created so far
 * @param duplicates  rows found as existing leads so far
 * @param failed      rows failed so far for a reason of their own (validation, refused by Cashfin)
 * @param started     when the import of this file first started
 * @param parkedUntil while parked, when the call budget allows the next create (the server's next day); else null
 * @param done        true once the whole file is imported and its report closed
 */
public record ImportProgress(String sha256, long row, long created, long duplicates, long failed, Instant started,
        Instant parkedUntil, boolean done) {

    private static final String VERSION = "v1";

    public ImportProgress {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(started, "started");
    }

    /** A new import of the file with hash {@code sha256}, started {@code now}. */
    public static ImportProgress start(String sha256, Instant now) {
        return new ImportProgress(sha256, 0, 0, 0, 0, now, null, false);
    }

    /** The rows whose outcome is recorded. */
    public long rowsDone() {
        return created + duplicates + failed;
    }

    /** True when this record is of an import that stopped while sending rows (neither parked nor done). */
    public boolean interrupted() {
        return parkedUntil == null && !done;
    }

    /** This progress after {@code row}'s outcome was recorded with the given totals. */
    public ImportProgress at(long row, ImportSummary totals) {
        return new ImportProgress(sha256, row, totals.created(), totals.duplicates(), totals.failed(), started, null,
                false);
    }

    /** This progress, parked until {@code until}. */
    public ImportProgress parked(Instant until) {
        return new ImportProgress(sha256, row, created, duplicates, failed, started, until, false);
    }

    /** This progress, going on (no longer parked). */
    public ImportProgress resumed() {
        return new ImportProgress(sha256, row, created, duplicates, failed, started, null, false);
    }

    /** The stored form, e.g. {@code v1;sha256=ab..;row=950;created=940;duplicates=0;failed=10;started=...}. */
    public String text() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("sha256", sha256);
        f.put("row", row);
        f.put("created", created);
        f.put("duplicates", duplicates);
        f.put("failed", failed);
        f.put("started", started);
        if (parkedUntil != null) {
            f.put("parkedUntil", parkedUntil);
        }
        if (done) {
            f.put("done", true);
        }
        StringBuilder sb = new StringBuilder(VERSION);
        f.forEach((k, v) -> sb.append(';').append(k).append('=').append(v));
        return sb.toString();
    }

    /**
     * Reads {@link #text()}'s form.
     *
     * @throws IllegalArgumentException when {@code text} is not such a record
     */
    public static ImportProgress parse(String text) {
        String[] parts = Objects.requireNonNull(text, "text").split(";");
        if (parts.length == 0 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("Not an import progress record (" + VERSION + "): " + text);
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                f.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        try {
            return new ImportProgress(f.get("sha256"), Long.parseLong(f.get("row")), Long.parseLong(f.get("created")),
                    Long.parseLong(f.get("duplicates")), Long.parseLong(f.get("failed")),
                    Instant.parse(f.get("started")),
                    f.containsKey("parkedUntil") ? Instant.parse(f.get("parkedUntil")) : null,
                    Boolean.parseBoolean(f.get("done")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not an import progress record: " + text + " (" + e.getMessage() + ")",
                    e);
        }
    }
}
