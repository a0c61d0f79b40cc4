package africa.cashfin.camel.examples.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the failed attempts per inbound item (a mail's IMAP UID, a file name), so that an item that fails again and
 * again is moved aside after {@code maxAttempts} instead of being retried for ever and holding up the items behind
 * it. At most {@code maxItems} items are tracked at once (least recently failed forgotten first), in memory: counts
 * start afresh when the app restarts. Thread-safe.
 */
public final class FailedAttempts {

    private final int maxAttempts;
    private final Map<String, Integer> counts;

    /**
     * @param maxAttempts failed attempts after which an item is given up, at least 1
     * @param maxItems    items tracked at once, at least 1
     */
    public FailedAttempts(int maxAttempts, int maxItems) {
        if (maxAttempts < 1 || maxItems < 1) {
            throw new IllegalArgumentException("The attempts before an item is moved aside and the items tracked must"
                    + " be at least 1 (attempts " + maxAttempts + ", items " + maxItems + ")");
        }
        this.maxAttempts = maxAttempts;
        this.counts = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > maxItems;
            }
        };
    }

    /** Failed attempts after which an item is given up. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Records one failed attempt of {@code key}.
     *
     * @return the number of failed attempts so far, this one included; when it reaches {@link #maxAttempts()} the
     *         item is given up and forgotten
     */
    public int failed(String key) {
        synchronized (counts) {
            int n = counts.merge(key, 1, Integer::sum);
            if (n >= maxAttempts) {
                counts.remove(key);
            }
            return n;
        }
    }

    /** Forgets {@code key} (it went through). */
    public void succeeded(String key) {
        synchronized (counts) {
            counts.remove(key);
        }
    }
}
