package africa.cashfin.camel.leads.scan;

import java.util.List;
import java.util.Objects;

/**
 * Decides which list pages a polling consumer reads and which leads it emits, so that every lead is emitted once, none
 * is lost, and as few list calls as the data allows are spent. Pure logic: no HTTP, no Camel.
 * <p>
 * One {@code LeadScan} lives as long as the consumer; each poll is one {@link ScanRun} from {@link #start()}:
 *
 * <pre>{@code
 * ScanRun run = scan.start();
 * try {
 *     while (!run.isDone()) {
 *         PageRequest request = run.nextRequest();
 *         LeadPage page = client.list(request.page(), request.limit(), filters);   // may throw
 *         for (LeadEvent event : run.accept(page)) {                               // oldest first
 *             if (emit(event)) run.succeeded(event); else run.failed(event);
 *         }
 *     }
 *     ScanStatistics stats = run.finish();                                         // saves the cursor
 * } catch (Exception e) {
 *     run.abandon(e);                                  // cursor unchanged; a failing save is suppressed into e
 *     throw e;
 * }
 * }</pre>
 *
 * Not thread-safe: one poll at a time (Camel's scheduled consumers poll from one thread).
 */
public class LeadScan {

    private final ScanSettings settings;
    private final SeenLeadStore seen;
    private final ScanStateStore state;
    private final boolean persistentState;
    /** The page size the server actually serves (it may cap {@code limit}); learnt from the pages, kept in memory. */
    private final ServedLimit servedLimit;
    /** Failed leads retried apart from the cursor, with their data (in memory) and saved beside the cursor. */
    private final RetryLedger retries;

    /**
     * @param settings how to read the list
     * @param seen     keys of delivered leads (adapt Camel's {@code IdempotentRepository})
     * @param state    where the cursor is kept (adapt Camel's {@code StateRepository}), or null to keep it in memory
     *                 only: then a restart verifies every page against {@code seen}
     */
    public LeadScan(ScanSettings settings, SeenLeadStore seen, ScanStateStore state) {
        this(settings, seen, state, DEFAULT_FAILED_LEADS_MAX);
    }

    /** The default of {@code failedLeadsMax}: 25 leads retried apart from the cursor. */
    public static final int DEFAULT_FAILED_LEADS_MAX = RetryLedger.DEFAULT_CAPACITY;
    /** The largest {@code failedLeadsMax}: 30 (the state row must fit a 4,000-character JDBC column). */
    public static final int MAX_FAILED_LEADS_MAX = RetryLedger.MAX_CAPACITY;

    /**
     * @param failedLeadsMax the most failed leads retried apart from the cursor (0 to {@link #MAX_FAILED_LEADS_MAX});
     *                       a failure beyond that holds the cursor back to its {@code createdat}
     */
    public LeadScan(ScanSettings settings, SeenLeadStore seen, ScanStateStore state, int failedLeadsMax) {
        this.retries = new RetryLedger(failedLeadsMax);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.seen = Objects.requireNonNull(seen, "seen");
        this.persistentState = state != null;
        this.state = state != null ? state : new InMemoryScanStateStore();
        this.servedLimit = new ServedLimit(settings.limit());
    }

    /**
     * Every this many polls with a cursor, a newest-first poll re-reads its whole lookback window even without
     * evidence of a lead that arrived late below the cursor (see docs/consumer-design.md, "Late leads").
     */
    public static final int WINDOW_CHECK_EVERY = 12;

    private long pollsWithCursor;

    /** Starts one poll. Any run not finished is simply dropped (its cursor was never saved). */
    public ScanRun start() {
        ScanCursor cursor = cursor();
        boolean checkWindow = cursor != null && ++pollsWithCursor % WINDOW_CHECK_EVERY == 0;
        retries.startFrom(cursor, seen);
        return new ScanRun(this, settings, seen, cursor, persistentState, checkWindow);
    }

    /** The cursor saved by the last complete scan, or null before the first one. */
    public ScanCursor cursor() {
        String value = state.load();
        return value == null || value.isBlank() ? null : ScanCursor.parse(value);
    }

    /** The settings this scan was made with. */
    public ScanSettings settings() {
        return settings;
    }

    RetryLedger retries() {
        return retries;
    }

    /**
     * The leads whose exchange failed and that wait out a retry apart from the cursor (the retry ledger), oldest
     * first, as the last run left them. Called from the polling thread (between runs): the consumer publishes it to
     * JMX, metrics and the dev console.
     */
    public List<FailedLead> failedLeads() {
        return retries.snapshot();
    }

    ServedLimit servedLimit() {
        return servedLimit;
    }

    void save(ScanCursor cursor) {
        state.save(cursor.format());
    }
}
