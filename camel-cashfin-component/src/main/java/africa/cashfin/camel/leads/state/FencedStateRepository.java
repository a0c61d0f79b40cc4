package africa.cashfin.camel.leads.state;

import org.apache.camel.spi.StateRepository;

/**
 * A {@link StateRepository} that can refuse the writes of a stale leader: each consumer that starts polling claims a
 * <em>leadership epoch</em> for its key (one more than any claimed before), and its writes are compare-and-set on it,
 * so a node that lost the leadership without noticing (ZooKeeper session expired, Kubernetes lease lost, a long GC
 * pause) cannot move the cursor back once the next leader has claimed a newer epoch.
 * <p>
 * The epoch of key {@code K} is kept as the state of the key {@code K + }{@value #EPOCH_KEY_SUFFIX} (a decimal number),
 * so the table needs no extra column. {@link JdbcStateRepository} implements this atomically. For any other
 * {@code StateRepository} the consumer keeps the same layout with a read-check-write (see docs/cluster.md, "Fenced
 * leadership"): a stale write can then still land if it races the new leader's claim within that read and write.
 */
public interface FencedStateRepository extends StateRepository<String, String> {

    /** Appended to a key to name the key holding its leadership epoch. */
    String EPOCH_KEY_SUFFIX = "#leader-epoch";

    /**
     * Atomically claims the next leadership epoch of {@code key}: one more than the highest claimed so far (1 the first
     * time), stored before it is returned, so two claims never return the same epoch.
     */
    long claimEpoch(String key);

    /** The latest epoch claimed for {@code key}, 0 when none was. */
    long currentEpoch(String key);

    /**
     * Writes {@code value} under {@code key} only if no epoch newer than {@code epoch} was claimed for it, atomically
     * with that check.
     *
     * @return true when written, false when refused (a newer epoch exists: the caller is no longer the leader)
     */
    boolean setStateIfEpoch(String key, String value, long epoch);

    /** The key under which the epoch of {@code key} is kept. */
    static String epochKey(String key) {
        return key + EPOCH_KEY_SUFFIX;
    }

    /**
     * Parses a stored epoch.
     *
     * @throws IllegalStateException saying which key holds something else and what to do
     */
    static long parseEpoch(String key, String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The state key '" + epochKey(key) + "' holds '" + value + "', not a"
                                            + " leadership epoch (a number): delete that entry, it is recreated at"
                                            + " the next consumer start");
        }
    }
}
