package africa.cashfin.camel.leads.scan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded {@link SeenLeadStore} in memory: keeps the {@code capacity} most recently added keys and forgets the oldest
 * beyond that. Survives polls, not restarts. Thread-safe.
 */
public class InMemorySeenLeadStore implements SeenLeadStore {

    private final int capacity;
    private final Map<String, Boolean> keys;

    /** @param capacity how many keys to keep; must be positive */
    public InMemorySeenLeadStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > InMemorySeenLeadStore.this.capacity;
            }
        };
    }

    @Override
    public synchronized boolean contains(String key) {
        return keys.containsKey(key);
    }

    @Override
    public synchronized void add(String key) {
        keys.put(key, Boolean.TRUE);
    }

    /** Number of keys held. */
    public synchronized int size() {
        return keys.size();
    }
}
