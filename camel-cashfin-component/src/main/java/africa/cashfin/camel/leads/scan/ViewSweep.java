package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.Objects;

/**
 * The anti-entropy sweep: a background re-read of the endpoint's whole view (its filters applied), a few pages per poll
 * after the fast path ({@link LeadScan}), paced by a budget, that emits every lead in view the seen store does not know
 * and that the fast path has passed ({@code createdat} at or before its cursor). It repairs what the fast path's
 * assumptions about the server miss: leads that enter the view by a change of status or source, leads that become
 * visible late, leads skipped by a page shift or an unstable order of ties. Pure logic: no HTTP, no Camel.
 * <p>
 * Its position ({@link SweepState}) is saved after every page in its own {@link ScanStateStore} entry, so a pass
 * resumes across polls, restarts and leader changes. Evidence seen by the fast path ({@link #fastPathPolled}) and
 * {@link #sweepNow} make the next pass urgent: it starts at page 1 and reads {@code pagesPerPoll} pages a poll,
 * borrowing up to a day of its budget. Each poll:
 *
 * <pre>{@code
 * sweep.fastPathPolled(totalOfFirstPage, newLeadsFound, now);   // after a complete fast-path poll
 * SweepRun run = sweep.start(now, scan.cursor(), callsPerDay);
 * while (!run.isDone()) {
 *     PageRequest request = run.nextRequest();
 *     for (LeadEvent event : run.accept(client.list(request))) {
 *         if (emit(event)) run.succeeded(event); else run.failed(event);
 *     }
 * }
 * run.finish();
 * }</pre>
 *
 * Thread-safe: {@link #sweepNow} may come from another thread (JMX, the dev console) while a poll runs.
 */
public final class ViewSweep {

    private final SweepSettings settings;
    private final SeenLeadStore seen;
    private final ScanStateStore store;
    private final SweepPace pace;
    /** The page size the server serves (it may cap {@code limit}), learnt from the sweep's pages. */
    private final ServedLimit servedLimit;
    /** Groups of equal createdat at page edges, read whole once a pass when reads disagree (in memory). */
    private final TieWatch ties = new TieWatch();
    /** Why the last trigger came, for the log and the console (not saved). */
    private volatile String lastTriggerReason;

    /**
     * @param settings how to sweep
     * @param seen     keys of delivered leads (the same store as the fast path's)
     * @param store    where the sweep's position is kept (a key of its own next to the cursor), or null for memory
     */
    public ViewSweep(SweepSettings settings, SeenLeadStore seen, ScanStateStore store) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.seen = Objects.requireNonNull(seen, "seen");
        this.store = store != null ? store : new InMemoryScanStateStore();
        this.pace = new SweepPace(settings);
        this.servedLimit = new ServedLimit(settings.limit());
    }

    ServedLimit servedLimit() {
        return servedLimit;
    }

    TieWatch ties() {
        return ties;
    }

    /** The settings. */
    public SweepSettings settings() {
        return settings;
    }

    /** The saved position and figures. */
    public synchronized SweepState state() {
        return SweepState.parse(store.load());
    }

    /** Why the latest pass was brought forward (evidence or "sweep now"), or null. */
    public String lastTriggerReason() {
        return lastTriggerReason;
    }

    /** The pace's credit in pages (negative while an urgent pass pays back what it borrowed). */
    public synchronized double credit() {
        return pace.credit();
    }

    /**
     * Brings a full pass forward: unless one is already urgent, a new pass starts at page 1 with the next poll, and
     * reads {@code pagesPerPoll} pages a poll until it reaches the bottom of the view. Call it after restoring the
     * seen store, after a bulk change of statuses, or whenever the view may hold leads the consumer did not emit.
     */
    public synchronized void sweepNow(Instant now, String reason) {
        trigger(state(), now, reason);
    }

    /**
     * Reports what a complete fast-path poll saw: the view's {@code total} on the first page it read, and how many
     * leads it found new. A total that grew by more than that (a lead entered the view or became visible below the
     * cursor) or fell (leads left: a lead below may have been skipped by the shift) brings a pass forward.
     *
     * @return the evidence, in words, or null when there was none
     */
    public synchronized String fastPathPolled(long total, int newLeadsFound, Instant now) {
        SweepState state = state();
        if (total < 0 || total == state.fastTotal()) {
            return null;
        }
        String evidence = null;
        if (state.fastTotal() >= 0) {
            long growth = total - state.fastTotal();
            if (growth > newLeadsFound) {
                evidence = "the view grew by " + growth + " leads but the fast path found " + newLeadsFound + " new";
            } else if (growth < 0) {
                evidence = "the view shrank by " + (-growth) + " leads";
            }
        }
        state = state.withFastTotal(total);
        if (evidence != null) {
            trigger(state, now, evidence);
        } else {
            store.save(state.format());
        }
        return evidence;
    }

    private void trigger(SweepState state, Instant now, String reason) {
        lastTriggerReason = reason;
        store.save((state.urgent() ? state.withTrigger(now) : state.restartedAt(now)).format());
    }

    /**
     * Starts the sweep's part of one poll; call after the fast path's run finished.
     *
     * @param cursor      the fast path's cursor after its poll; without one (no complete poll yet) the sweep reads
     *                    nothing
     * @param callsPerDay the calls of the day this endpoint may spend (its budget share of the plan's day; without a
     *                    daily limit, its idle polls a day)
     */
    public synchronized SweepRun start(Instant now, ScanCursor cursor, double callsPerDay) {
        pace.earn(now, callsPerDay);
        return new SweepRun(this, settings, seen, cursor, state(), now, callsPerDay);
    }

    // ------------------------------------------------------------------ for SweepRun

    synchronized boolean mayRead(boolean urgent, double callsPerDay) {
        return pace.mayRead(urgent, callsPerDay);
    }

    synchronized void spend() {
        pace.spend();
    }

    /** Moves the pass on from {@code page}, unless "sweep now" restarted it meanwhile. */
    synchronized SweepState advance(int page, java.util.function.UnaryOperator<SweepState> change) {
        SweepState state = state();
        if (state.page() != page) {
            return state;
        }
        SweepState next = change.apply(state);
        store.save(next.format());
        return next;
    }

    synchronized void recovered(long count) {
        store.save(state().recovered(count).format());
    }
}
