package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.api.limit.DurationText;
import africa.cashfin.camel.leads.scan.ScanStateStore;

/**
 * Keeps the adaptive cadence's arrival profiles ({@link ArrivalProfile}, hourly buckets of the last server days, one
 * per {@link DayKind}) beside the consumer's cursor, under the keys {@code <stateKey>#arrivals} (weekdays: the key and
 * form a profile had before weekends were learnt apart, so such a stored profile is restored as the weekdays') and
 * {@code <stateKey>#arrivals#weekend} of its {@code stateRepository}, so that a restart
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

    /** The suffix of the weekend profile's key, after the weekdays' ({@code <stateKey>#arrivals}). */
    public static final String WEEKEND_KEY_SUFFIX = "#weekend";

    private final java.util.Map<DayKind, Slot> slots = new java.util.EnumMap<>(DayKind.class);
    private Instant savedAt;
    private boolean failing;

    /** One kind of day's profile: where it is kept and what was last written. */
    private static final class Slot {
        final ScanStateStore store;
        final String key;
        String saved;

        Slot(ScanStateStore store, String key) {
            this.store = Objects.requireNonNull(store, "store");
            this.key = Objects.requireNonNull(key, "key");
        }
    }

    /**
     * @param stores      where each kind of day's profile is kept (one string each), by its key: see
     *                    {@link #keys(String)}
     * @param weekdaysKey the weekdays' key ({@code <stateKey>#arrivals}), also in the log lines
     */
    public ArrivalProfileStore(java.util.function.Function<String, ScanStateStore> stores, String weekdaysKey) {
        for (DayKind kind : DayKind.values()) {
            String key = keys(weekdaysKey).get(kind);
            slots.put(kind, new Slot(stores.apply(key), key));
        }
    }

    /** The key of each kind of day's profile: {@code weekdaysKey} and {@code weekdaysKey#weekend}. */
    public static java.util.Map<DayKind, String> keys(String weekdaysKey) {
        return java.util.Map.of(DayKind.WEEKDAY, weekdaysKey, DayKind.WEEKEND, weekdaysKey + WEEKEND_KEY_SUFFIX);
    }

    /**
     * Restores the stored profile into {@code cadence}, if one is stored: one INFO line with the days restored, or one
     * WARN line when it cannot be read (the cadence then learns anew, and the next save replaces it).
     *
     * @param owner the consumer's endpoint, as its log lines name it
     */
    public void restore(PollCadence cadence, String owner) {
        for (java.util.Map.Entry<DayKind, Slot> e : slots.entrySet()) {
            restore(cadence, owner, e.getKey(), e.getValue());
        }
    }

    private static void restore(PollCadence cadence, String owner, DayKind kind, Slot slot) {
        String text = slot.store.load();
        if (text == null || text.isBlank()) {
            return;
        }
        String days = kind == DayKind.WEEKEND ? "weekend" : "weekday";
        try {
            int n = cadence.restoreProfile(kind, text);
            slot.saved = text;
            LOG.info("{}: {} arrival profile of {} past server {}{} restored from state key '{}': {}", owner, days, n,
                    days, n == 1 ? "" : "s", slot.key,
                    n >= ArrivalProfile.DAYS_TO_LEARN ? "the cadence follows it from the first poll"
                            : "the cadence polls evenly until " + ArrivalProfile.DAYS_TO_LEARN + " " + days
                              + "s are learnt");
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: the {} arrival profile stored under state key '{}' cannot be read, so the cadence learns it"
                     + " again ({} whole {}s, polling evenly meanwhile); it is replaced at the next save: {}", owner,
                     days, slot.key, ArrivalProfile.DAYS_TO_LEARN, days, e.getMessage());
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
        savedAt = now;
        for (java.util.Map.Entry<DayKind, Slot> e : slots.entrySet()) {
            Slot slot = e.getValue();
            String text = cadence.profileText(e.getKey());
            if (text == null || text.equals(slot.saved)) {
                continue;
            }
            try {
                slot.store.save(text);
                slot.saved = text;
                failing = false;
            } catch (RuntimeException ex) {
                if (!failing) {
                    failing = true;
                    LOG.warn("The arrival profile could not be saved under state key '{}' (tried again in {}; a"
                             + " restart meanwhile starts from the one saved before): {}", slot.key,
                             DurationText.of(SAVE_EVERY), ex.getMessage());
                }
            }
        }
    }
}
