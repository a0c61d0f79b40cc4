package africa.cashfin.camel.leads.consumer;

import java.util.Objects;

import org.apache.camel.spi.StateRepository;

import africa.cashfin.camel.leads.scan.ScanStateStore;

/**
 * The scan's {@link ScanStateStore} on a Camel {@link StateRepository}: the cursor is one string under one key per
 * endpoint ({@code getState(key)} / {@code setState(key, value)}).
 */
public final class StateRepositoryCursorStore implements ScanStateStore {

    private final StateRepository<String, String> repository;
    private final String key;

    /**
     * @param repository where the cursor is kept; started by the caller
     * @param key        this endpoint's key
     */
    public StateRepositoryCursorStore(StateRepository<String, String> repository, String key) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public String load() {
        return repository.getState(key);
    }

    @Override
    public void save(String value) {
        repository.setState(key, value);
    }

    @Override
    public String toString() {
        return "StateRepositoryCursorStore[" + key + "]";
    }
}
