package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.api.limit.DurationText;
import africa.cashfin.camel.leads.scan.ScanStateStore;

/**
 * Keeps the adaptive cadence's arrival profile ({@link ArrivalProfile}, hourly buckets of the last server days) beside
 * the consumer's cursor, under the key {@code <stateKey>#arrivals} of its {@code stateRepository}, so that a restart
 * polls by what was learnt at once instead of evenly for two days: restored when the consumer starts, saved after a
 * poll at most once per {@link #SAVE_EVERY} of the component's clock (a day added to the history is saved within that
 * hour), and when the consumer stops. A crash loses at most the last hour's arrivals. The profile is a hint, not a
 * delivery record: its writes are not fenced by the leadership epoch (a stale leader's write is replaced by the next
 * leader's).
 */
public final class ArrivalProfileStore {

    /** The longest time between two saves while polling. */
    public static final Duration SAVE_EVERY = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(ArrivalProfileStore.class);

    private final ScanStateStore store;
    private final String key;
    private Instant savedAt;
    private String saved;
    private boolean failing;

    /**
     * @param store where the profile is kept (one string)
     * @param key   its key, for the log lines
     */
    public ArrivalProfileStore(ScanStateStore store, String key) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Restores the stored profile into {@code cadence}, if one is stored: one INFO line with the days restored, or one
     * WARN line when it cannot be read (the cadence then learns anew, and the next save replaces it).
     *
     * @param owner the consumer's endpoint, as its log lines name it
     */
    public void restore(PollCadence cadence, String owner) {
        String text = store.load();
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            int days = cadence.restoreProfile(text);
            saved = text;
            LOG.info("{}: arrival profile of {} past server day{} restored from state key '{}': {}", owner, days,
                    days == 1 ? "" : "s", key,
                    days >= ArrivalProfile.DAYS_TO_LEARN ? "the cadence follows it from the first poll"
                            : "the cadence polls evenly until " + ArrivalProfile.DAYS_TO_LEARN + " days are learnt");
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: the arrival profile stored under state key '{}' cannot be read, so the cadence learns it"
                     + " again ({} whole days, polling evenly meanwhile); it is replaced at the next save: {}", owner,
                     key, ArrivalProfile.DAYS_TO_LEARN, e.getMessage());
        }
    }

    /** After a poll at {@code now}: saves the profile when the last save is {@link #SAVE_EVERY} old. */
    public void polled(PollCadence cadence, Instant now) {
        if (savedAt == null || !now.isBefore(savedAt.plus(SAVE_EVERY))) {
            save(cadence, now);
        }
    }

    /**
     * Saves the profile now, unless it is unchanged since the last save. A failed write (the database away) is one
     * WARN line until a write succeeds again, never a failed poll: the profile is kept in memory and written at the
     * next save.
     */
    public void save(PollCadence cadence, Instant now) {
        String text = cadence.profileText();
        savedAt = now;
        if (text == null || text.equals(saved)) {
            return;
        }
        try {
            store.save(text);
            saved = text;
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("The arrival profile could not be saved under state key '{}' (tried again in {}; a restart"
                         + " meanwhile starts from the one saved before): {}", key,
                         DurationText.of(SAVE_EVERY), e.getMessage());
            }
        }
    }
}
