package africa.cashfin.camel.leads.consumer;

import java.time.Duration;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.api.LeadQuery;
import africa.cashfin.camel.leads.model.LeadFilter;
import africa.cashfin.camel.leads.scan.LeadScan;
import africa.cashfin.camel.leads.scan.ScanSettings;
import africa.cashfin.camel.leads.scan.StartFrom;
import africa.cashfin.camel.leads.scan.SweepSettings;
import africa.cashfin.camel.leads.scan.ViewSweep;

/**
 * The consumer's lasting state: its scan (and with it the in-memory cursor), its sweep, the cursor store in the user's
 * {@code stateRepository} and the default in-memory seen store, with the keys they are stored under.
 * <p>
 * The endpoint holds one for its lifetime, so the state survives consumer restarts (route stop/start) and endpoint
 * stop/start, which is what a cluster leadership change under {@code master:} does: the regained leader goes on from
 * its cursor instead of starting over. Methods are synchronized: the consumer's poll and JMX read it.
 */
public final class ConsumerState {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerState.class);

    /** Capacity of the default in-memory {@code idempotentRepository}: the most recent 100,000 keys. */
    public static final int DEFAULT_SEEN_CAPACITY = 100_000;
    /**
     * How many pages of new leads a newest-first incremental poll may hold before it switches to the backward walk: 10
     * (1,000 leads at limit 100, about 1-2 MB). Up to about that many new leads cost {@code ceil(k/limit)+1} calls.
     */
    public static final int BUFFERED_PAGES = 10;
    /** Prefix of the marker key written to the idempotent repository after the first complete scan. */
    public static final String MARKER_KEY_PREFIX = "cashfin-scan:started:";
    /**
     * Prefix of the key written to the idempotent repository after a {@code startFrom=now} start that recorded only the
     * lookback window (with a {@code stateRepository}): the repository does not hold every older lead.
     */
    public static final String NOW_ANCHOR_KEY_PREFIX = "cashfin-scan:started-from-now:";
    /** Suffix of the sweep's key in the {@code stateRepository}, after the cursor's {@code stateKey}. */
    public static final String SWEEP_KEY_SUFFIX = "#sweep";
    /**
     * Suffix of the adaptive cadence's arrival profile's key in the {@code stateRepository}, after the cursor's
     * {@code stateKey} (only with {@code adaptivePolling=true}).
     */
    public static final String ARRIVALS_KEY_SUFFIX = "#arrivals";
    /** The consumer's page size when {@code limit} is not set: the API's largest. */
    public static final int DEFAULT_LIMIT = LeadQuery.MAX_LIMIT;

    /**
     * The consumer options the state is made from, and the settings derived from them.
     *
     * @param stateKey              the {@code stateKey} option, or null/blank to derive it from the filters
     * @param filter                the list filters
     * @param limit                 the {@code limit} option, or null for {@link #DEFAULT_LIMIT}
     * @param lookback              the {@code lookback} option
     * @param startFrom             the {@code startFrom} option, unparsed
     * @param emitUpdates           the {@code emitUpdates} option
     * @param sweepEnabled          the {@code sweepEnabled} option
     * @param sweepBudget           the {@code sweepBudget} option
     * @param sweepPagesPerPoll     the {@code sweepPagesPerPoll} option
     * @param sweepMinPassInterval  the {@code sweepMinPassInterval} option
     * @param idempotentRepository  the {@code idempotentRepository} option, or null for the default in-memory one
     * @param stateRepository       the {@code stateRepository} option, or null
     * @param failedLeadsMax        the {@code failedLeadsMax} option
     */
    public record Options(String stateKey, LeadFilter filter, Integer limit, Duration lookback, String startFrom,
                          boolean emitUpdates, boolean sweepEnabled, double sweepBudget, int sweepPagesPerPoll,
                          Duration sweepMinPassInterval, IdempotentRepository idempotentRepository,
                          StateRepository<String, String> stateRepository, int failedLeadsMax) {

        /** The consumer's state key: {@code stateKey}, or {@code cashfin-leads:list} plus the filters. */
        public String effectiveStateKey() {
            if (stateKey != null && !stateKey.isBlank()) {
                return stateKey.trim();
            }
            return filter.key("cashfin-leads:list", LeadFilter.KeyOrder.STATE_KEY);
        }

        /**
         * The key the cursor is stored under in {@code stateRepository} (its side keys add their suffix to it): the
         * {@code stateKey} the user set, as set; else the key derived from the filters, encoded only where the
         * repository cannot hold it (Camel's FileStateRepository and {@code =}, see {@link StoredStateKey}).
         */
        public String storedStateKey() {
            boolean userKey = stateKey != null && !stateKey.isBlank();
            if (stateRepository == null || userKey) {
                return effectiveStateKey();
            }
            return StoredStateKey.derived(effectiveStateKey(), stateRepository);
        }

        /** Refuses a {@code stateKey} the {@code stateRepository} cannot hold, saying which character and what to do. */
        public void checkStateKey() {
            if (stateRepository != null && stateKey != null && !stateKey.isBlank()) {
                StoredStateKey.checkUserKey(stateKey.trim(), stateRepository);
            }
        }

        /** The consumer's page size: {@code limit}, or 100 when unset. */
        public int consumerLimit() {
            return limit != null ? limit : DEFAULT_LIMIT;
        }

        /** The parsed {@code startFrom}; throws a message saying what is accepted. */
        public StartFrom parsedStartFrom() {
            return StartFrom.parse(startFrom);
        }

        /** Checks the sweep's options when it is on (also with {@code emitUpdates}, which turns it off for now). */
        public void checkSweep() {
            if (sweepEnabled) {
                new SweepSettings(sweepBudget, sweepPagesPerPoll, consumerLimit(), null, false, sweepMinPassInterval);
            }
        }

        /** The scan's settings. */
        ScanSettings scanSettings() {
            return ScanSettings.defaults()
                    .withLimit(consumerLimit())
                    .withMaxBufferedLeads(BUFFERED_PAGES * consumerLimit())
                    .withLookback(lookback)
                    .withStartFrom(parsedStartFrom())
                    .withEmitUpdates(emitUpdates)
                    .withMarkerKey(MARKER_KEY_PREFIX + effectiveStateKey());
        }

        /** The sweep's settings, or null when it is off (sweepEnabled=false, or emitUpdates). */
        SweepSettings sweepSettings() {
            if (!sweepEnabled || emitUpdates) {
                return null;
            }
            StartFrom from = parsedStartFrom();
            return new SweepSettings(sweepBudget, sweepPagesPerPoll, consumerLimit(), from.instant(), from.now(),
                                     sweepMinPassInterval);
        }
    }

    private final Options options;
    /** The endpoint, for log lines. */
    private final String owner;

    /** The consumer's scan (and with it an in-memory cursor), created by the first consumer start. */
    private LeadScan scan;
    /** The consumer's sweep, kept like the scan (its position in memory survives the same stops); null when off. */
    private ViewSweep sweep;
    /** The scan's cursor in the user's stateRepository (with its leadership epoch), or null without one. */
    private StateRepositoryCursorStore cursorStore;
    /**
     * The default in-memory seen store, when no idempotentRepository is set. Never stopped: stopping a
     * {@code MemoryIdempotentRepository} clears it, and it must outlive an endpoint stop/start like the cursor; it is
     * garbage with the endpoint.
     */
    private IdempotentRepository ownSeenRepository;

    /**
     * @param options the consumer's options
     * @param owner   the endpoint, for log lines
     */
    public ConsumerState(Options options, String owner) {
        this.options = options;
        this.owner = owner;
    }

    /**
     * The scan the consumer drives, created on first use and kept with this state, so an in-memory cursor survives a
     * route restart and an endpoint stop/start (a leadership change under {@code master:}). Starts the repositories
     * (Camel services) if they are not started (again) yet.
     */
    public synchronized LeadScan leadScan() {
        IdempotentRepository seen = seenRepository();
        StateRepository<String, String> stateRepository = options.stateRepository();
        ServiceHelper.startService(seen, stateRepository);
        if (scan == null) {
            String stateKey = options.storedStateKey();
            ScanSettings settings = options.scanSettings();
            cursorStore = stateRepository == null ? null : new StateRepositoryCursorStore(stateRepository, stateKey);
            scan = new LeadScan(settings, new IdempotentRepositorySeenStore(seen), cursorStore,
                                options.failedLeadsMax());
            SweepSettings sweepSettings = options.sweepSettings();
            if (sweepSettings != null) {
                sweep = new ViewSweep(sweepSettings, new IdempotentRepositorySeenStore(seen),
                                      stateRepository == null ? null
                                              : new StateRepositoryCursorStore(stateRepository,
                                                                               stateKey + SWEEP_KEY_SUFFIX));
            }
        }
        return scan;
    }

    /** The consumer's scan if one was created (by a consumer start), else null; never creates one. */
    public synchronized LeadScan scanIfCreated() {
        return scan;
    }

    /** The consumer's sweep, or null when it is off or no consumer started yet; never creates one. */
    public synchronized ViewSweep viewSweep() {
        return sweep;
    }

    /**
     * Where the adaptive cadence keeps its arrival profiles: the {@code stateRepository} under
     * {@code <stateKey>#arrivals} (weekdays) and {@code <stateKey>#arrivals#weekend}; null without a
     * {@code stateRepository} (the profiles are then in memory only).
     */
    public ArrivalProfileStore arrivalProfileStore() {
        if (options.stateRepository() == null) {
            return null;
        }
        String key = options.storedStateKey() + ARRIVALS_KEY_SUFFIX;
        return new ArrivalProfileStore(k -> new StateRepositoryCursorStore(options.stateRepository(), k), key);
    }

    /**
     * The cursor store of the consumer's scan (created with it by {@link #leadScan()}), or null when there is no
     * {@code stateRepository}: then the cursor is not shared and there is no leadership to fence.
     */
    public synchronized StateRepositoryCursorStore cursorStore() {
        return cursorStore;
    }

    /**
     * Before a poll of a {@code startFrom=now} consumer with a {@code stateRepository}: true when this poll starts from
     * now (no cursor yet), i.e. the scan records only the leads of the lookback window and emits none.
     * <p>
     * Such a start leaves a seen store that holds only the leads delivered since. If the cursor entry is later removed
     * (or the state store replaced), the scan would find its marker without a cursor, take it for a restart and run a
     * verification scan, emitting every older lead. Instead the marker is removed and the consumer starts from now
     * again, with one WARN. A consumer whose seen store holds every lead (it started without a state repository) still
     * runs the verification scan, which is right for it.
     */
    public synchronized boolean prepareStartFromNow(LeadScan scan) {
        if (options.stateRepository() == null || !options.parsedStartFrom().now() || scan.cursor() != null) {
            return false;
        }
        IdempotentRepository seen = seenRepository();
        String stateKey = options.effectiveStateKey();
        String marker = MARKER_KEY_PREFIX + stateKey;
        if (seen.contains(marker)) {
            if (!seen.contains(NOW_ANCHOR_KEY_PREFIX + stateKey)) {
                return false;
            }
            LOG.warn("The cursor of {} (key '{}' in the stateRepository) is gone. This consumer started with"
                     + " startFrom=now, so its idempotent repository holds only the leads it delivered: it starts from"
                     + " now again instead of emitting every older lead. Leads created since its last complete poll that"
                     + " were not delivered yet are recorded without being emitted.", owner,
                     options.storedStateKey());
            seen.remove(marker);
        }
        return true;
    }

    /** After the complete poll that started a {@code startFrom=now} consumer from now: remember it did. */
    public synchronized void startedFromNow() {
        String key = NOW_ANCHOR_KEY_PREFIX + options.effectiveStateKey();
        IdempotentRepository seen = seenRepository();
        if (!seen.contains(key)) {
            seen.add(key);
            seen.confirm(key);
        }
    }

    /**
     * How many keys the idempotent repository keeps before it forgets the oldest, when it says so (Camel's
     * {@code MemoryIdempotentRepository}, the default one included); -1 when unknown (JDBC, Redis, files...).
     */
    public synchronized long seenCapacity() {
        return seenRepository() instanceof MemoryIdempotentRepository memory ? memory.getMaxCacheSize() : -1;
    }

    /** The configured idempotent repository, or the default in-memory one (created once). */
    public synchronized IdempotentRepository seenRepository() {
        IdempotentRepository seen = options.idempotentRepository();
        if (seen != null) {
            return seen;
        }
        if (ownSeenRepository == null) {
            ownSeenRepository = MemoryIdempotentRepository.memoryIdempotentRepository(DEFAULT_SEEN_CAPACITY);
        }
        return ownSeenRepository;
    }
}
