package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * The budget shares of one client secret: a layer in front of the secret's {@link CallRateLimiter} that splits its
 * budget between the endpoints using the secret, so that a flood on one route cannot take the calls another route
 * reserved (see {@code docs/rate-limiting.md}, "Budget shares").
 * <p>
 * Each named share with a reserve {@code r} (a fraction of the secret's budget, {@code budgetReserve}) has its own
 * Bucket4j bucket paced at {@code r} times the secret's sustained rate and holding {@code r} times its daily budget.
 * Every endpoint of the secret may also draw on the <b>pool</b>: one bucket paced at {@code 1 - sum of reserves}
 * of the rate and day. A call takes a token from its own reserve or, failing that, from the pool (whichever is due
 * first), and then goes through the secret's limiter as before. The reserves plus the pool never add up to more
 * than the secret's budget, so the limiter never holds a reserved call back for long, and the pool's callers can
 * never spend a reserve. While no share has a reserve there is no pool bucket at all: calls go straight to the
 * limiter, as before shares existed.
 * <p>
 * With a distributed Bucket4j store ({@code rateLimitStore}) the pool and the reserves live in the store too, under
 * keys derived from the secret's bucket key ({@link #poolKey}, {@link #reserveKey}), so every node running the same
 * routes shares them. Thread-safe; get instances from {@link BudgetShareRegistry}.
 */
public final class BudgetShares {

    /** Largest sum of the reserves of one secret: at least a tenth of the budget stays in the pool. */
    public static final double MAX_TOTAL_RESERVE = 0.9;
    /** A reserve may be spent in one burst of up to this much of its rate (at least one call). */
    public static final Duration RESERVE_BURST = Duration.ofSeconds(10);
    /** A UTC midnight (1970-01-02): the shares' days start at every UTC midnight after it. */
    private static final java.time.Instant UTC_MIDNIGHT = java.time.Instant.ofEpochSecond(86_400);

    private final SecretFingerprint secret;
    private final RateLimits limits;
    private final ProxyManager<String> store;
    private final TimeSource time;
    /** The named reserves by name, sorted for messages. */
    private final Map<String, Reserve> reserves = new TreeMap<>();
    /** The pool; null while no share has a reserve (then every call goes straight to the limiter). */
    private volatile Bucket pool;
    private final ShareState poolState;
    /** Bounds the calls to a distributed store by the caller's wait. */
    private final BoundedStore boundedStore;
    /** The longest a read of a distributed share for the health check or the console may take. */
    private static final long READ_WAIT_NANOS = 2_000_000_000L;

    /** Where the buckets live: the store (versioned configuration) or this JVM (kept by the registry). */
    private final BucketHome home;

    BudgetShares(SecretFingerprint secret, RateLimits limits, ProxyManager<String> store, TimeSource time) {
        this.home = new BucketHome(store, time);
        this.secret = Objects.requireNonNull(secret, "secret");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.store = store;
        this.time = Objects.requireNonNull(time, "time");
        this.poolState = new ShareState("the pool (calls without a budgetReserve)", secret, time);
        this.boundedStore = new BoundedStore("The shared budget store (rateLimitStore) of the budget shares of "
                                             + secret, store != null, time);
    }

    /**
     * Joins a share: {@code reserve} 0 means the pool only (and {@code name} is not used); above 0, the named reserve,
     * created on first use and shared by every endpoint joining with the same name.
     *
     * @throws IllegalArgumentException when the reserve is out of range, the name is already reserved with another
     *                                  fraction, the reserves of the secret would add up to more than
     *                                  {@link #MAX_TOTAL_RESERVE}, or the secret has no limit to share
     */
    synchronized BudgetShare join(String name, double reserve) {
        checkReserve(reserve);
        if (reserve == 0) {
            return new BudgetShare(this, null);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A budgetReserve needs a share name (budgetShare)");
        }
        if (limits.isUnlimited()) {
            throw new IllegalArgumentException("budgetReserve=" + reserve + " (budgetShare '" + name + "') cannot be"
                    + " kept for Cashfin client secret " + secret + ": its rate limits are unlimited, so there is no"
                    + " budget to share. Set plan (free, starter, professional) or maxRequestsPerSecond/Minute/Day, or"
                    + " remove budgetReserve.");
        }
        Reserve existing = reserves.get(name);
        if (existing != null) {
            if (Double.compare(existing.fraction, reserve) != 0) {
                throw new IllegalArgumentException("budgetShare '" + name + "' of Cashfin client secret " + secret
                        + " is already reserved with budgetReserve=" + text(existing.fraction) + " by another"
                        + " endpoint, and now with budgetReserve=" + text(reserve) + ": endpoints with the same share"
                        + " name share one reserve. Give them the same budgetReserve, or give each its own"
                        + " budgetShare name.");
            }
            existing.users++;
            return new BudgetShare(this, existing);
        }
        double total = reserve;
        StringBuilder all = new StringBuilder();
        for (Reserve r : reserves.values()) {
            total += r.fraction;
            all.append("'").append(r.name).append("' ").append(text(r.fraction)).append(", ");
        }
        all.append("'").append(name).append("' ").append(text(reserve));
        if (total > MAX_TOTAL_RESERVE + 1e-9) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The budgetReserve values of the endpoints"
                    + " using Cashfin client secret %s add up to %s (budgetShare %s), more than the maximum %s: at"
                    + " least %.0f %% of the budget must stay in the pool for the endpoints without a reserve. Lower"
                    + " budgetReserve on these endpoints so that they add up to %s or less.", secret, text(total), all,
                    text(MAX_TOTAL_RESERVE), (1 - MAX_TOTAL_RESERVE) * 100, text(MAX_TOTAL_RESERVE)));
        }
        Reserve created = new Reserve(name, reserve,
                bucket(reserveKey(secret, name), configuration(limits, reserve, burst(limits, reserve))),
                new ShareState("budget share '" + name + "' (budgetReserve " + text(reserve) + ")", secret, time));
        reserves.put(name, created);
        reconfigurePool();
        return new BudgetShare(this, created);
    }

    synchronized void leave(Reserve reserve) {
        if (reserve != null && --reserve.users == 0 && reserves.get(reserve.name) == reserve) {
            reserves.remove(reserve.name);
            reconfigurePool();
        }
    }

    /** Sizes the pool after the reserves changed: the rest of the budget, or no pool at all without reserves. */
    private void reconfigurePool() {
        double rest = 1 - totalReserve();
        if (reserves.isEmpty()) {
            pool = null;
            return;
        }
        BucketConfiguration configuration = configuration(limits, rest, 1);
        if (pool == null) {
            pool = bucket(poolKey(secret), configuration);
        }
        // a distributed pool may have been stored by another node (or an earlier start) with other reserves
        pool.replaceConfiguration(configuration, BucketHome.INHERITANCE);
    }

    /**
     * A share's bucket: in the store with versioned implicit configuration replacement (an existing row takes the
     * configuration, the calls already spent staying spent: {@link BucketHome}), or in this JVM. Local share buckets
     * run on the wall clock (their day starts at UTC midnight).
     */
    private Bucket bucket(String key, BucketConfiguration configuration) {
        return home.bucket(key, configuration, true);
    }

    /**
     * The Bucket4j configuration of a share of {@code fraction} of the secret's budget: a rate bandwidth at
     * {@code fraction} of the sustained rate (per second / minute budgets) holding {@code burst} calls, and a daily
     * bandwidth of {@code floor(fraction * daily budget)} calls (at least 1) refilled in full at UTC midnight.
     */
    static BucketConfiguration configuration(RateLimits limits, double fraction, long burst) {
        ConfigurationBuilder configuration = BucketConfiguration.builder();
        if (limits.sustainedCallsPerSecond().isPresent()) {
            double perSecond = limits.sustainedCallsPerSecond().getAsDouble() * fraction;
            long spacing = (long) Math.ceil(1e9 / perSecond);
            configuration.addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, Duration.ofNanos(spacing))
                    .id("share-rate").build());
        }
        if (limits.budget(RateWindow.DAY).isPresent()) {
            long day = dayCalls(limits, fraction);
            configuration.addLimit(Bandwidth.builder().capacity(day)
                    .refillIntervallyAligned(day, RateWindow.DAY.length(), UTC_MIDNIGHT).id("share-day").build());
        }
        return configuration.build();
    }

    /** @return the calls of the daily budget a share of {@code fraction} holds (at least 1) */
    static long dayCalls(RateLimits limits, double fraction) {
        double budget = limits.budget(RateWindow.DAY).orElse(0);
        return Math.max(1, (long) Math.floor(Math.floor(budget + 1e-9) * fraction + 1e-9));
    }

    /** @return the calls a reserve may spend in one burst: {@link #RESERVE_BURST} of its rate, at least 1 */
    static long burst(RateLimits limits, double fraction) {
        double perSecond = limits.sustainedCallsPerSecond().orElse(0) * fraction;
        return Math.max(1, (long) Math.floor(perSecond * RESERVE_BURST.toSeconds() + 1e-9));
    }

    /** @return the key of the pool in a distributed store: the secret's bucket key plus {@code :pool} */
    public static String poolKey(SecretFingerprint secret) {
        return secret.bucketKey() + ":pool";
    }

    /**
     * The key of a reserve in a distributed store: the secret's bucket key plus {@code :share:} and the share name
     * when it is at most 40 characters of letters, digits, {@code .}, {@code _} and {@code -}; else plus
     * {@code :share#} and the first 24 hex digits of the name's SHA-256 (keys stay under 128 characters).
     */
    public static String reserveKey(SecretFingerprint secret, String name) {
        if (name.length() <= 40 && name.matches("[A-Za-z0-9._-]+")) {
            return secret.bucketKey() + ":share:" + name;
        }
        return secret.bucketKey() + ":share#" + SecretFingerprint.of(name).hex().substring(0, 24);
    }

    private static void checkReserve(double reserve) {
        if (!(reserve >= 0 && reserve <= MAX_TOTAL_RESERVE)) {
            throw new IllegalArgumentException("budgetReserve must be a fraction from 0 to " + text(MAX_TOTAL_RESERVE)
                    + " of the secret's call budget (e.g. 0.3 for 30 %), but was " + reserve);
        }
    }

    synchronized double totalReserve() {
        double total = 0;
        for (Reserve r : reserves.values()) {
            total += r.fraction;
        }
        return total;
    }

    /** @return the reserves by share name (fractions), for the dev console */
    public synchronized Map<String, Double> reserves() {
        Map<String, Double> out = new TreeMap<>();
        reserves.forEach((name, r) -> out.put(name, r.fraction));
        return out;
    }

    Bucket pool() {
        return pool;
    }

    BoundedStore store() {
        return boundedStore;
    }

    /** Reads the shares' buckets for the health check or the console, bounded in a distributed store. */
    <T> T read(Supplier<T> read) {
        try {
            return boundedStore.call(read, time.nanoTime() + READ_WAIT_NANOS, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the budget shares of " + secret, e);
        }
    }

    ShareState poolState() {
        return poolState;
    }

    TimeSource time() {
        return time;
    }

    SecretFingerprint secret() {
        return secret;
    }

    RateLimits limits() {
        return limits;
    }

    static String text(double fraction) {
        String s = String.format(Locale.ROOT, "%.3f", fraction);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    @Override
    public synchronized String toString() {
        return "BudgetShares[" + secret + ", reserves " + reserves() + ", pool "
               + text(reserves.isEmpty() ? 1 : 1 - totalReserve()) + "]";
    }

    /** One named reserve: its bucket, its state and how many joined it. */
    static final class Reserve {
        final String name;
        final double fraction;
        final Bucket bucket;
        final ShareState state;
        int users = 1;

        Reserve(String name, double fraction, Bucket bucket, ShareState state) {
            this.name = name;
            this.fraction = fraction;
            this.bucket = bucket;
            this.state = state;
        }
    }
}
