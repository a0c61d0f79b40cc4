package africa.cashfin.camel.leads.scan;

/**
 * Where the scan keeps its cursor between polls and restarts, as one string (see {@link ScanCursor#format()}). The
 * consumer adapts Camel's {@code StateRepository<String, String>} under a key of its choosing (one per endpoint):
 * {@link #load} is {@code getState(key)}, {@link #save} is {@code setState(key, value)}.
 */
public interface ScanStateStore {

    /** The value saved last, or null when nothing was saved yet. */
    String load();

    /** Replaces the saved value. Called once per complete scan, never mid-scan. */
    void save(String value);
}
