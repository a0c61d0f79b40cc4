package africa.cashfin.camel.leads.api.limit;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * Where the Bucket4j buckets of one secret live, and how their configuration follows the plan: in a distributed store
 * ({@code rateLimitStore}), with versioned implicit configuration replacement, or in this JVM (one bucket per key for
 * the life of its owner; a configuration set again replaces it).
 * <p>
 * A configuration that changes (a plan upgrade or downgrade, another margin) replaces the stored one with
 * {@link TokensInheritanceStrategy#ADDITIVE}: the calls already spent stay spent (1,000 a day with 400 spent, upgraded
 * to 10,000: 9,600 left; downgraded to 500: 100 left). In a distributed store the version of a configuration is the
 * time this JVM built it ({@link #version}): Bucket4j replaces a stored configuration only when the stored version is
 * lower, so the configuration built last wins, whether it is larger or smaller than the stored one (a version derived
 * from the configuration's content alone could only ever replace in one direction).
 */
final class BucketHome {

    /** How the tokens of a bucket whose configuration changes carry over: what was spent stays spent. */
    static final TokensInheritanceStrategy INHERITANCE = TokensInheritanceStrategy.ADDITIVE;

    private final ProxyManager<String> store;
    private final TimeSource time;
    private final Map<String, Bucket> local = new HashMap<>();
    private final long version;

    /**
     * @param store the distributed store, or null for buckets in this JVM
     * @param time  the clock of local buckets
     */
    BucketHome(ProxyManager<String> store, TimeSource time) {
        this.store = store;
        this.time = Objects.requireNonNull(time, "time");
        this.version = version(time);
    }

    /**
     * The configuration version this JVM writes: the wall-clock milliseconds when the bucket home was made (a plan is
     * fixed for the life of a limiter), so the node started last with a changed plan replaces the stored
     * configuration, and the others follow it.
     */
    static long version(TimeSource time) {
        return time.now().toEpochMilli();
    }

    /**
     * @param  key           the bucket's key (in the store, or in this JVM)
     * @param  configuration the configuration this JVM enforces
     * @param  wallClock     true for a bucket whose refills are aligned to the wall clock (the day)
     * @return               the bucket; an existing one takes {@code configuration} (tokens carried over additively)
     */
    Bucket bucket(String key, BucketConfiguration configuration, boolean wallClock) {
        if (store != null) {
            return store.builder().withImplicitConfigurationReplacement(version, INHERITANCE)
                    .build(key, () -> configuration);
        }
        synchronized (local) {
            Bucket existing = local.get(key);
            if (existing != null) {
                existing.replaceConfiguration(configuration, INHERITANCE);
                return existing;
            }
            Bucket created = LocalBuckets.of(configuration, time, wallClock);
            local.put(key, created);
            return created;
        }
    }

    /**
     * @return the configuration stored for {@code key} in the distributed store (a store call: bound it), or empty
     *         for local buckets and a key not stored yet
     */
    java.util.Optional<BucketConfiguration> stored(String key) {
        return store == null ? java.util.Optional.empty() : store.getProxyConfiguration(key);
    }

    /** @return true for a distributed store */
    boolean isDistributed() {
        return store != null;
    }
}
