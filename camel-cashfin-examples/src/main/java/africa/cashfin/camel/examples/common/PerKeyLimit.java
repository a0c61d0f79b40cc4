package africa.cashfin.camel.examples.common;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A Bucket4j token bucket per key (a client address, a mail sender): at most {@code limit} events per {@code period}
 * for each key, refilled smoothly (with 10 per hour, one more every 6 minutes). At most {@code maxKeys} keys are
 * tracked at once; the least recently seen is forgotten first, so memory stays bounded whatever the number of keys.
 * Each {@link Decision} says whether the key was refused for the first time since it was last allowed, so a caller
 * can log a refusal once when it starts rather than on every event. Thread-safe.
 */
public final class PerKeyLimit {

    /**
     * The outcome of one event.
     *
     * @param allowed      true when it is within the limit
     * @param retryAfter   when refused: the time until the next event is allowed
     * @param firstRefusal true when refused and the key's previous event was allowed
     */
    public record Decision(boolean allowed, Duration retryAfter, boolean firstRefusal) {
    }

    private final int limit;
    private final Duration period;
    private final Map<String, Entry> entries;

    private static final class Entry {
        final Bucket bucket;
        boolean refused;

        Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    /**
     * @param limit   events per key per period, at least 1
     * @param period  the period, positive
     * @param maxKeys keys tracked at once, at least 1
     */
    public PerKeyLimit(int limit, Duration period, int maxKeys) {
        if (limit < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("A limit and the number of keys tracked must be at least 1 (limit "
                    + limit + ", keys " + maxKeys + ")");
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("The period of a limit must be positive, e.g. PT1H");
        }
        this.limit = limit;
        this.period = period;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Events per key per period. */
    public int limit() {
        return limit;
    }

    /** The period. */
    public Duration period() {
        return period;
    }

    /** Counts one event for {@code key}. */
    public Decision tryConsume(String key) {
        Entry entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(key, k -> new Entry(Bucket.builder().addLimit(Bandwidth.builder()
                    .capacity(limit).refillGreedy(limit, period).build()).build()));
        }
        ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
        synchronized (entry) {
            boolean first = !probe.isConsumed() && !entry.refused;
            entry.refused = !probe.isConsumed();
            return new Decision(probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill()), first);
        }
    }
}
