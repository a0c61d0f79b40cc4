package africa.cashfin.camel.leads.api.limit;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

/**
 * A Bucket4j distributed proxy manager over a map standing in for a shared database: each instance plays one JVM's
 * proxy manager, the map is the store they share. Bucket states go through Bucket4j's serialized remote protocol
 * (compare-and-swap of byte arrays), exactly as with a JDBC store.
 */
final class SharedStoreProxyManager extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final ConcurrentMap<String, byte[]> store;
    /** Run before each read of a bucket's state: a test's slow store (a round trip, a new connection). */
    private final Runnable beforeRead;

    SharedStoreProxyManager(ConcurrentMap<String, byte[]> store, ClientSideConfig config) {
        this(store, config, () -> { });
    }

    SharedStoreProxyManager(ConcurrentMap<String, byte[]> store, ClientSideConfig config, Runnable beforeRead) {
        super(config);
        this.store = store;
        this.beforeRead = beforeRead;
    }

    static ConcurrentMap<String, byte[]> newStore() {
        return new ConcurrentHashMap<>();
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                beforeRead.run();
                return Optional.ofNullable(store.get(key));
            }

            @Override
            public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState newState,
                                          Optional<Long> timeoutNanos) {
                if (original == null) {
                    return store.putIfAbsent(key, updated) == null;
                }
                boolean[] swapped = new boolean[1];
                store.computeIfPresent(key, (k, current) -> {
                    swapped[0] = Arrays.equals(current, original);
                    return swapped[0] ? updated : current;
                });
                return swapped[0];
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("not used by the limiter");
    }

    @Override
    public void removeProxy(String key) {
        store.remove(key);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        store.remove(key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
