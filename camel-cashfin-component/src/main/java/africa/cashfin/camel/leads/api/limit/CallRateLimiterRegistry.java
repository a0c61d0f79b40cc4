package africa.cashfin.camel.leads.api.limit;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * Hands out one {@link CallRateLimiter} per client secret, shared by everyone who leases it, keyed by the secret's
 * {@link SecretFingerprint} (the secret itself is not kept). Reference counted: the limiter lives while at least one
 * {@link Lease} is open; closing the last lease forgets it. A later lease starts with local buckets that assume a
 * full day until the first answer that describes the server's day says what is left ({@link ServerDay}); with a
 * distributed store the buckets live in the store, so a route restart or a leadership flap continues the day.
 * <p>
 * Every lease of one secret must ask for the same limits and the same distributed store: two endpoints that disagree
 * about a secret's plan would each believe they own the budget, so that is refused with a clear error.
 */
public final class CallRateLimiterRegistry {

    private static final CallRateLimiterRegistry SHARED = new CallRateLimiterRegistry(TimeSource.system());

    private final TimeSource time;
    private final Map<SecretFingerprint, Entry> entries = new HashMap<>();

    /** @param time the clock and sleeper of the limiters this registry creates */
    public CallRateLimiterRegistry(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    /** @return the registry shared by the whole JVM (every Camel context, endpoint and route) */
    public static CallRateLimiterRegistry shared() {
        return SHARED;
    }

    /**
     * Leases the limiter of a secret, creating it on first use.
     *
     * @param  clientSecret             the Cashfin client secret (only its fingerprint is kept)
     * @param  limits                   the limits to enforce
     * @param  distributedStore         a Bucket4j store shared by the JVMs using this secret, or null for a local bucket
     * @return                          an open lease; close it when the user (endpoint, client) stops
     * @throws IllegalArgumentException when the secret is blank, or when it is already leased with other limits or
     *                                  another store
     */
    public Lease lease(String clientSecret, RateLimits limits, ProxyManager<String> distributedStore) {
        return lease(clientSecret, limits, distributedStore, null);
    }

    /**
     * Leases the limiter of a secret, creating it on first use.
     *
     * @param  clientSecret             the Cashfin client secret (only its fingerprint is kept)
     * @param  limits                   the limits to enforce
     * @param  distributedStore         a Bucket4j store shared by the JVMs using this secret, or null for a local bucket
     * @param  sharedLog                the sliding log of sends shared by the JVMs using this secret, or null for a log
     *                                  in this JVM
     * @return                          an open lease; close it when the user (endpoint, client) stops
     * @throws IllegalArgumentException when the secret is blank, or when it is already leased with other limits,
     *                                  another store or another shared log
     */
    public Lease lease(String clientSecret, RateLimits limits, ProxyManager<String> distributedStore,
                       SharedAdmissionLog sharedLog) {
        SecretFingerprint secret = SecretFingerprint.of(clientSecret);
        Objects.requireNonNull(limits, "limits");
        synchronized (entries) {
            Entry entry = entries.get(secret);
            if (entry == null) {
                CallRateLimiter limiter = CallRateLimiter.builder(secret, limits).timeSource(time)
                        .distributed(distributedStore).sharedLog(sharedLog).build();
                entry = new Entry(limiter, distributedStore, sharedLog);
                entries.put(secret, entry);
            } else {
                if (!entry.limiter.limits().equals(limits)) {
                    throw new IllegalArgumentException("The Cashfin client secret " + secret
                            + " is already used with rate limits " + entry.limiter.limits() + " but now with " + limits
                            + ": every endpoint using one secret shares one budget, so give them all the same plan, "
                            + "maxRequestsPerSecond/Minute/Day, rateLimitMargin and rateLimitJitter");
                }
                if (entry.store != distributedStore) {
                    throw new IllegalArgumentException("The Cashfin client secret " + secret
                            + " is already used with " + (entry.store == null ? "a local" : "another distributed")
                            + " rate-limit bucket: every endpoint using one secret must use the same bucket store");
                }
                if (entry.sharedLog != sharedLog) {
                    throw new IllegalArgumentException("The Cashfin client secret " + secret
                            + " is already used with " + (entry.sharedLog == null ? "a local" : "another shared")
                            + " sliding log of sends: every endpoint using one secret must use the same rateLimitLog");
                }
            }
            entry.leases++;
            return new Lease(secret, entry);
        }
    }

    /** @return how many secrets currently have a limiter */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void release(SecretFingerprint secret, Entry entry) {
        synchronized (entries) {
            entry.leases--;
            if (entry.leases == 0 && entries.get(secret) == entry) {
                entries.remove(secret);
            }
        }
    }

    @Override
    public String toString() {
        return "CallRateLimiterRegistry[" + size() + " secrets]";
    }

    private static final class Entry {
        final CallRateLimiter limiter;
        final ProxyManager<String> store;
        final SharedAdmissionLog sharedLog;
        int leases;

        Entry(CallRateLimiter limiter, ProxyManager<String> store, SharedAdmissionLog sharedLog) {
            this.limiter = limiter;
            this.store = store;
            this.sharedLog = sharedLog;
        }
    }

    /** A claim on a secret's shared limiter; closing it (once; further closes do nothing) releases the claim. */
    public final class Lease implements AutoCloseable {
        private final SecretFingerprint secret;
        private final Entry entry;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(SecretFingerprint secret, Entry entry) {
            this.secret = secret;
            this.entry = entry;
        }

        /** @return the shared limiter */
        public CallRateLimiter limiter() {
            return entry.limiter;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(secret, entry);
            }
        }

        @Override
        public String toString() {
            return "Lease[" + entry.limiter + (closed.get() ? ", closed" : "") + "]";
        }
    }
}
