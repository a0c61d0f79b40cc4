package africa.cashfin.camel.examples.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Every dropped file and how its import stands, for the operations page: the files imported since the app started,
 * live from their {@link ImportReport} (rows done, expected rows, rate), and the files in the inbox and the reports
 * folders ({@code processing/}, {@code parked/}, {@code done/}, {@code error/}), with the counts their stored
 * {@link ImportProgress} holds (so a file parked before a restart shows where it stopped and until when).
 * {@link CsvImports} tells it when a file starts, parks, finishes or cannot be read.
 * <p>
 * The page asks every second per open tab, so the board keeps the view of every file but those being imported (a
 * folder listing with one {@code stat} per file, then for each listed file a look-up of its stored progress, two
 * {@code stat}s and, if unreadable, its reason) and builds it again only when a file starts, parks, finishes or cannot
 * be read, or after {@link #RESCAN} (a file dropped into the inbox or moved by hand tells nothing); the files are
 * sorted and capped at {@value #MAX_FILES} before any look-up. A file being imported is read live at every call (its
 * {@link ImportReport}, in memory).
 * <p>
 * A file is named by an id ({@link #id(String)}: a hash of its name, hex), never by a path: the page's download links
 * carry ids, and a download serves only the report files of a file this board lists ({@link #reportFile},
 * {@link #failedRowsFile}). Thread-safe.
 */
public final class ImportBoard implements ImportEvents {

    /** Where a file stands. */
    public enum State {
        /** In the inbox, not taken yet. */
        WAITING("waiting"),
        /** Being imported. */
        RUNNING("importing"),
        /** Waiting for the call budget of the server's next day. */
        PARKED("parked"),
        /** Imported to its end. */
        DONE("done"),
        /** Could not be read at all (in {@code error/}, with the reason). */
        UNREADABLE("not readable"),
        /** Left in {@code processing/} by a stop or crash during its import (move it to {@code parked/}). */
        STOPPED("stopped");

        private final String text;

        State(String text) {
            this.text = text;
        }

        /** The state in words. */
        public String text() {
            return text;
        }
    }

    /**
     * One file as the page shows it.
     *
     * @param id            the file's id ({@link #id(String)})
     * @param name          the file's name
     * @param state         where it stands
     * @param rowsDone      rows whose outcome is recorded
     * @param expectedRows  rows the file is expected to have, -1 when unknown
     * @param created       leads created
     * @param duplicates    rows found as existing leads
     * @param failed        rows failed
     * @param rowsPerSecond the rate over the import so far (0 when unknown)
     * @param secondsLeft   the estimated time left, -1 when unknown
     * @param since         when the import started (or the file arrived)
     * @param parkedUntil   while parked: when it goes on; else null
     * @param reason        for an unreadable file, why (the first line of its {@code .error.txt}); else null
     * @param hasReport     its {@code .report.csv} exists
     * @param hasFailedRows its {@code .errors.csv} exists
     */
    public record FileView(String id, String name, State state, long rowsDone, long expectedRows, long created,
            long duplicates, long failed, double rowsPerSecond, long secondsLeft, Instant since, Instant parkedUntil,
            String reason, boolean hasReport, boolean hasFailedRows) {

        /** The rows in words: {@code 500 of about 1,000 rows}, {@code 25 rows so far}, {@code 1,000 rows}. */
        public String rowsText() {
            if (state == State.WAITING) {
                return "waiting in the inbox";
            }
            if (state == State.DONE) {
                return String.format(Locale.ROOT, "%,d %s", rowsDone, rowsDone == 1 ? "row" : "rows");
            }
            return expectedRows >= rowsDone ? String.format(Locale.ROOT, "%,d of about %,d rows", rowsDone, expectedRows)
                    : String.format(Locale.ROOT, "%,d %s so far", rowsDone, rowsDone == 1 ? "row" : "rows");
        }

        /** The rate in words ({@code 25 rows/s}), or "" when none is known. */
        public String rateText() {
            return rowsPerSecond > 0 ? ImportSummary.rate(rowsPerSecond) : "";
        }

        /** The time left in words ({@code about 20 s left}), or "" when it is not known. */
        public String leftText() {
            return secondsLeft >= 0 ? "about " + ImportSummary.duration(Duration.ofSeconds(secondsLeft)) + " left" : "";
        }
    }

    /** The most files listed. */
    static final int MAX_FILES = 200;
    /** How long the view of the files not being imported is kept when no file starts, parks, finishes or fails. */
    static final Duration RESCAN = Duration.ofSeconds(5);

    private final Path inbox;
    private final Path reportsRoot;
    private final Path done;
    private final ImportProgressStore store;
    private final Clock clock;
    private final Map<String, Live> live = new LinkedHashMap<>();
    /** Bumped by every event: a view built before the last one is stale. */
    private final AtomicLong events = new AtomicLong();
    private final Object rebuilding = new Object();
    private volatile Kept kept;

    /** The view of the files not being imported, as built after event {@code events}, at {@code builtNanos}. */
    private record Kept(long events, long builtNanos, List<FileView> files) {
    }

    /** A file in one of the folders, before any look-up: its name, the folder's state and its modification time. */
    private record Found(String name, State state, Instant modified) {
    }

    /** A file imported (or being imported) since the app started. */
    private static final class Live {
        volatile State state = State.RUNNING;
        volatile ImportReport report;
        volatile ImportSummary finalTotals;
        volatile Instant parkedUntil;
        volatile String reason;
        volatile Instant since;
    }

    /**
     * @param inbox       the inbox folder
     * @param reportsRoot the reports folder ({@code cashfin.csv.reports-dir}): {@code processing/}, {@code parked/},
     *                    {@code done/} (the reports), {@code error/}
     * @param store       the stored progress of each file, or null
     * @param clock       for rates and times
     */
    public ImportBoard(Path inbox, Path reportsRoot, ImportProgressStore store, Clock clock) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.reportsRoot = Objects.requireNonNull(reportsRoot, "reportsRoot");
        this.done = reportsRoot.resolve("done");
        this.store = store;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The id of the file named {@code name}: the first 16 hex digits of the SHA-256 of its name. */
    public static String id(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void started(String name, ImportReport report) {
        events.incrementAndGet();
        Live l = live.computeIfAbsent(name, k -> new Live());
        live.remove(name);
        live.put(name, l); // newest last
        l.state = State.RUNNING;
        l.report = report;
        l.finalTotals = null;
        l.parkedUntil = null;
        l.reason = null;
        l.since = clock.instant();
        while (live.size() > MAX_FILES) {
            live.remove(live.keySet().iterator().next());
        }
    }

    @Override
    public synchronized void parked(String name, Instant until, ImportSummary soFar) {
        events.incrementAndGet();
        Live l = live.get(name);
        if (l != null) {
            l.state = State.PARKED;
            l.parkedUntil = until;
            l.finalTotals = soFar;
        }
    }

    @Override
    public synchronized void finished(String name, ImportSummary totals) {
        events.incrementAndGet();
        Live l = live.get(name);
        if (l != null) {
            l.state = State.DONE;
            l.finalTotals = totals;
        }
    }

    @Override
    public synchronized void unreadable(String name, String reason) {
        events.incrementAndGet();
        Live l = live.computeIfAbsent(name, k -> new Live());
        l.state = State.UNREADABLE;
        l.reason = reason;
        if (l.since == null) {
            l.since = clock.instant();
        }
    }

    /** The files, those being imported first, then the most recent first; at most {@value #MAX_FILES}. */
    public List<FileView> files() {
        List<FileView> all = running();
        List<FileView> rest = kept();
        Set<String> names = new HashSet<>();
        all.forEach(f -> names.add(f.name()));
        for (FileView f : rest) {
            if (all.size() >= MAX_FILES) {
                break;
            }
            if (!names.contains(f.name())) { // started since the view was kept: listed as running
                all.add(f);
            }
        }
        return all;
    }

    /** The listed file with id {@code id}: resolved from the listed names, without reading any file's figures. */
    public Optional<String> name(String id) {
        if (id == null) {
            return Optional.empty();
        }
        synchronized (this) {
            for (Map.Entry<String, Live> e : live.entrySet()) {
                if (e.getValue().state == State.RUNNING && id(e.getKey()).equals(id)) {
                    return Optional.of(e.getKey());
                }
            }
        }
        return kept().stream().map(FileView::name).filter(n -> id(n).equals(id)).findFirst();
    }

    /** The {@code .report.csv} of the listed file with id {@code id}, when it exists. */
    public Optional<Path> reportFile(String id) {
        return name(id).map(n -> done.resolve(ImportReport.baseName(n) + ImportReport.REPORT_SUFFIX))
                .filter(Files::isRegularFile);
    }

    /** The {@code .errors.csv} (the failed rows) of the listed file with id {@code id}, when it exists. */
    public Optional<Path> failedRowsFile(String id) {
        return name(id).map(n -> done.resolve(ImportReport.baseName(n) + ImportReport.ERRORS_SUFFIX))
                .filter(Files::isRegularFile);
    }

    /** The files being imported, read live, the most recent first. */
    private List<FileView> running() {
        List<FileView> views = new ArrayList<>();
        synchronized (this) {
            live.forEach((name, l) -> {
                if (l.state == State.RUNNING) {
                    views.add(view(name, l));
                }
            });
        }
        views.sort(Comparator.comparing(FileView::since, Comparator.nullsLast(Comparator.reverseOrder())));
        return views;
    }

    /** The view of the files not being imported: kept, or built again after an event or {@link #RESCAN}. */
    private List<FileView> kept() {
        Kept k = kept;
        if (fresh(k)) {
            return k.files();
        }
        synchronized (rebuilding) {
            k = kept;
            if (!fresh(k)) {
                long after = events.get();
                long at = System.nanoTime();
                k = new Kept(after, at, build());
                kept = k;
            }
            return k.files();
        }
    }

    private boolean fresh(Kept k) {
        return k != null && k.events() == events.get() && System.nanoTime() - k.builtNanos() < RESCAN.toNanos();
    }

    /**
     * The files not being imported: the finished, parked and unreadable ones of this run and those in the folders,
     * sorted by when they started or arrived (a folder's file by its modification time) and capped at
     * {@value #MAX_FILES} first; only then is each one's figures read (stored progress, report files, reason).
     */
    private List<FileView> build() {
        Map<String, Live> ours = new LinkedHashMap<>();
        Map<String, Instant> since = new HashMap<>();
        synchronized (this) {
            live.forEach((name, l) -> {
                ours.put(name, l);
                since.put(name, l.since);
            });
        }
        Map<String, Found> found = new LinkedHashMap<>();
        listed(inbox, State.WAITING, found);
        listed(reportsRoot.resolve("processing"), State.STOPPED, found);
        listed(reportsRoot.resolve("parked"), State.PARKED, found);
        listed(done, State.DONE, found);
        listed(reportsRoot.resolve("error"), State.UNREADABLE, found);
        List<String> names = new ArrayList<>();
        ours.forEach((name, l) -> {
            if (l.state != State.RUNNING) {
                names.add(name);
            }
        });
        found.forEach((name, f) -> {
            if (!ours.containsKey(name)) {
                names.add(name);
                since.put(name, f.modified());
            }
        });
        names.sort(Comparator.comparing(since::get, Comparator.nullsLast(Comparator.reverseOrder())));
        List<FileView> views = new ArrayList<>();
        for (String name : names.subList(0, Math.min(MAX_FILES, names.size()))) {
            Live l = ours.get(name);
            views.add(l != null ? view(name, l) : stored(found.get(name)));
        }
        views.sort(Comparator.comparing(FileView::since, Comparator.nullsLast(Comparator.reverseOrder())));
        return List.copyOf(views);
    }

    private FileView view(String name, Live l) {
        ImportReport report = l.report;
        ImportSummary s = l.finalTotals != null ? l.finalTotals : report != null ? report.current() : null;
        long expected = report == null ? -1 : report.expectedRows();
        long rows = s == null ? 0 : s.rows();
        double rate = s == null ? 0 : s.rowsPerSecond();
        long left = l.state == State.RUNNING && s != null ? s.secondsLeft(expected) : -1;
        if (l.state == State.DONE) {
            expected = rows;
        }
        return new FileView(id(name), name, l.state, rows, expected, s == null ? 0 : s.created(),
                s == null ? 0 : s.duplicates(), s == null ? 0 : s.failed(), rate, left, l.since, l.parkedUntil,
                l.reason, exists(name, ImportReport.REPORT_SUFFIX), exists(name, ImportReport.ERRORS_SUFFIX));
    }

    private boolean exists(String name, String suffix) {
        return Files.isRegularFile(done.resolve(ImportReport.baseName(name) + suffix));
    }

    /** The files of {@code dir} the board lists, by name (a name already found in an earlier folder is kept). */
    private void listed(Path dir, State state, Map<String, Found> found) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                boolean report = dir.equals(done) && (name.endsWith(ImportReport.REPORT_SUFFIX)
                                                      || name.endsWith(ImportReport.ERRORS_SUFFIX));
                if (found.containsKey(name) || report || !InboxDrop.taken(name)) {
                    return; // a report, an error note, a hidden or a foreign file
                }
                BasicFileAttributes a = attributes(f);
                if (a != null && a.isRegularFile()) {
                    found.put(name, new Found(name, state, a.lastModifiedTime().toInstant()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private FileView stored(Found f) {
        String name = f.name();
        State state = f.state();
        Instant since = f.modified();
        ImportProgress p = null;
        if (store != null && state != State.WAITING) {
            try {
                p = store.find(name).orElse(null);
            } catch (UnreadableProgressException e) {
                p = null;
            }
        }
        String reason = state == State.UNREADABLE ? reason(name) : null;
        long rows = p == null ? 0 : p.rowsDone();
        return new FileView(id(name), name, state, rows, state == State.DONE && p != null ? rows : -1,
                p == null ? 0 : p.created(), p == null ? 0 : p.duplicates(), p == null ? 0 : p.failed(), 0, -1,
                p == null ? since : p.started(), state == State.PARKED && p != null ? p.parkedUntil() : null, reason,
                exists(name, ImportReport.REPORT_SUFFIX), exists(name, ImportReport.ERRORS_SUFFIX));
    }

    /** The reason in {@code error/<name>.error.txt}: its second line (the first names the file and the time). */
    private String reason(String name) {
        Path note = reportsRoot.resolve("error").resolve(name + CsvImports.ERROR_SUFFIX);
        try (Stream<String> lines = Files.lines(note, StandardCharsets.UTF_8)) {
            return lines.skip(1).findFirst().orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** The file's attributes, read once, or null. */
    private static BasicFileAttributes attributes(Path f) {
        try {
            return Files.readAttributes(f, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
