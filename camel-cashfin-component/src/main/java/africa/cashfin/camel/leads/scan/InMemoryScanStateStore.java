package africa.cashfin.camel.leads.scan;

/** A {@link ScanStateStore} in a field: survives polls, not restarts. Thread-safe. */
public class InMemoryScanStateStore implements ScanStateStore {

    private volatile String value;

    @Override
    public String load() {
        return value;
    }

    @Override
    public void save(String value) {
        this.value = value;
    }
}
