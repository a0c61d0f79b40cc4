package africa.cashfin.camel.leads.consumer;

import java.util.Objects;

import org.apache.camel.spi.IdempotentRepository;

import africa.cashfin.camel.leads.scan.SeenLeadStore;

/**
 * The scan's {@link SeenLeadStore} on a Camel {@link IdempotentRepository}: {@code contains} is
 * {@code repository.contains(key)}; {@code add} is {@code repository.add(key)} then {@code repository.confirm(key)},
 * so repositories with two-phase semantics (e.g. JDBC) record the key for good.
 */
public final class IdempotentRepositorySeenStore implements SeenLeadStore {

    private final IdempotentRepository repository;

    /** @param repository where delivered keys are kept; started by the caller */
    public IdempotentRepositorySeenStore(IdempotentRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public boolean contains(String key) {
        return repository.contains(key);
    }

    @Override
    public void add(String key) {
        repository.add(key);
        repository.confirm(key);
    }

    @Override
    public String toString() {
        return "IdempotentRepositorySeenStore[" + repository.getClass().getSimpleName() + "]";
    }
}
