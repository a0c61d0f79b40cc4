package africa.cashfin.camel.leads.consumer;

import java.util.Objects;

import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.leads.scan.ScanStateStore;
import africa.cashfin.camel.leads.state.FencedStateRepository;

/**
 * The scan's {@link ScanStateStore} on a Camel {@link StateRepository}: the cursor is one string under one key per
 * endpoint ({@code getState(key)} / {@code setState(key, value)}), written under a leadership epoch.
 * <p>
 * Fencing: the consumer {@link #claimLeadership() claims} an epoch when it starts polling (under {@code master:}, when
 * its node is elected). Every cursor and checkpoint write is then conditional on no newer epoch having been claimed
 * for the key, and the consumer asks {@link #isSuperseded()} before each lead it hands to the route. Once another
 * consumer has claimed a newer epoch (the next leader, while this node has not noticed it lost the leadership), the
 * writes are refused, one WARN line says so, and the consumer emits nothing more until it claims again. With a
 * {@link FencedStateRepository} (the component's {@code JdbcStateRepository}) the check and the write are one atomic
 * step; with any other {@code StateRepository} they are a read then a write, so a stale write racing the new claim
 * within that gap can still land (the new leader's next write replaces it).
 */
public final class StateRepositoryCursorStore implements ScanStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(StateRepositoryCursorStore.class);

    private final StateRepository<String, String> repository;
    private final String key;
    /** The epoch this consumer polls under; 0 until it claims one. */
    private volatile long epoch;
    /** Set once a newer epoch is seen; cleared by the next claim. */
    private volatile boolean superseded;

    /**
     * @param repository where the cursor is kept; started by the caller
     * @param key        this endpoint's key
     */
    public StateRepositoryCursorStore(StateRepository<String, String> repository, String key) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Claims the next leadership epoch of the key (one more than any claimed before, by any node): from now on the
     * writes of every consumer holding an older epoch are refused.
     *
     * @return the epoch claimed
     */
    public long claimLeadership() {
        long claimed;
        if (repository instanceof FencedStateRepository fenced) {
            claimed = fenced.claimEpoch(key);
        } else {
            synchronized (repository) {
                claimed = storedEpoch() + 1;
                repository.setState(FencedStateRepository.epochKey(key), Long.toString(claimed));
            }
        }
        epoch = claimed;
        superseded = false;
        LOG.debug("Claimed leadership epoch {} of state key '{}'", claimed, key);
        return claimed;
    }

    /**
     * Whether another consumer claimed a newer epoch since this one claimed its own: one read of the store until the
     * answer is yes, then none. Always false before a claim.
     */
    public boolean isSuperseded() {
        if (superseded || epoch == 0) {
            return superseded;
        }
        long stored = storedEpoch();
        if (stored > epoch) {
            supersededBy(stored);
        }
        return superseded;
    }

    /** The epoch claimed last by this consumer; 0 before its first claim. */
    public long epoch() {
        return epoch;
    }

    @Override
    public String load() {
        return repository.getState(key);
    }

    /**
     * Writes the cursor unless a newer epoch was claimed; a refused write is logged once (when this consumer learns
     * it is superseded) and otherwise only at DEBUG: the consumer stops emitting.
     */
    @Override
    public void save(String value) {
        if (superseded) {
            LOG.debug("Cursor write for state key '{}' dropped: epoch {} is superseded", key, epoch);
            return;
        }
        if (epoch == 0) {
            repository.setState(key, value); // not claimed: a scan driven without a consumer (tests, tools)
            return;
        }
        boolean written;
        if (repository instanceof FencedStateRepository fenced) {
            written = fenced.setStateIfEpoch(key, value, epoch);
        } else {
            synchronized (repository) {
                written = storedEpoch() <= epoch;
                if (written) {
                    repository.setState(key, value);
                }
            }
        }
        if (!written) {
            supersededBy(storedEpoch());
        }
    }

    private long storedEpoch() {
        if (repository instanceof FencedStateRepository fenced) {
            return fenced.currentEpoch(key);
        }
        return FencedStateRepository.parseEpoch(key, repository.getState(FencedStateRepository.epochKey(key)));
    }

    private synchronized void supersededBy(long stored) {
        if (superseded) {
            return;
        }
        superseded = true;
        LOG.warn("Another consumer claimed leadership epoch {} of state key '{}' (this one polls under epoch {}): this"
                 + " node is no longer the leader although it was not told so (ZooKeeper session expired, lease lost,"
                 + " long pause). Its cursor writes are refused and it hands no further lead to the route until it is"
                 + " elected again; the lead it had in hand, if any, may also be emitted by the new leader.", stored,
                 key, epoch);
    }

    @Override
    public String toString() {
        return "StateRepositoryCursorStore[" + key + "]";
    }
}
