package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * routes shares them.
 * <p>
 * The shares' days are the server's: each day bandwidth starts when the secret's {@link ServerDay} says the server's
 * day starts (UTC midnight until its headers name another time), and follows a start learned later: when the server
 * has begun a new day since the shares' day began, the reserves and the pool start the new day full; when a node
 * learns the server's midnight mid-day, what was spent of the day stays spent. Thread-safe; get instances from
 * {@link BudgetShareRegistry}.
 */
public final class BudgetShares {

    /** Largest sum of the reserves of one secret: at least a tenth of the budget stays in the pool. */
    public static final double MAX_TOTAL_RESERVE = 0.9;
    /** A reserve may be spent in one burst of up to this much of its rate (at least one call). */
    public static final Duration RESERVE_BURST = Duration.ofSeconds(10);
    /** The name of the shares' day bandwidths ({@link ServerDay#dayBandwidth}). */
    static final String DAY_BANDWIDTH = "share-day";

    private final SecretFingerprint secret;
    private final RateLimits limits;
    private final ProxyManager<String> store;
    private final TimeSource time;
    /** The named reserves by name, sorted for messages. */
    private final Map<String, Reserve> reserves = new TreeMap<>();
    /** The pool; null while no share has a reserve (then every call goes straight to the limiter). */
    private volatile Bucket pool;
    /** The reserves registered by every node (in the store, or in this JVM), and the pool's size derived from them. */
    private final ReserveDirectory directory;
    /** The directory as last read, and when (on the TimeSource scale). */
    private volatile ReserveDirectory.Snapshot snapshot = ReserveDirectory.Snapshot.EMPTY;
    private volatile long snapshotReadNanos;
    /** When this JVM last said it uses each of its reserves (on the TimeSource scale). */
    private final Map<String, Long> usedAt = new java.util.HashMap<>();
    /** A pool version above every wall-clock version an earlier release wrote (milliseconds since 1970). */
    static final long POOL_VERSION_BASE = 10_000_000_000_000L;
    /** How often a node re-reads the directory (the reserves of the other nodes) while its calls go on. */
    static final Duration DIRECTORY_READ = Duration.ofSeconds(5);
    private final ShareState poolState;
    /** Bounds the calls to a distributed store by the caller's wait. */
    private final BoundedStore boundedStore;
    /** The longest a read of a distributed share for the health check or the console may take. */
    private static final long READ_WAIT_NANOS = 2_000_000_000L;

    /** The secret's server day, whose start the shares' day buckets follow; null: UTC midnight (no limiter given). */
    private ServerDay day;
    /** The second of the UTC day at which the shares' day buckets start their day now; guarded by "this". */
    private long dayStartSecond;
    private final ServerDay.Listener dayListener = this::dayStartMoved;

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
        this.directory = new ReserveDirectory(store, reservesKey(secret), time);
        this.snapshotReadNanos = time.nanoTime() - DIRECTORY_READ.toNanos();
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
            // the pool applies to this endpoint whether or not the endpoints holding the reserves run in this JVM
            applyPool(directory.read());
            return new BudgetShare(this, null);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A budgetReserve needs a share name (budgetShare)");
        }
        if (limits.isUnlimited()) {
            throw new IllegalArgumentException("budgetReserve=" + reserve + " (budgetShare '" + name + "') cannot be"
                    + " kept for Cashfin client secret " + secret + ": its rate limits are unlimited, so there is no"
                    + " budget to share. Set plan (" + RatePlan.optionNames() + ") or maxRequestsPerSecond/Minute/Day, or"
                    + " remove budgetReserve.");
        }
        Reserve existing = reserves.get(name);
        if (existing != null) {
            if (Double.compare(existing.fraction, reserve) != 0) {
                throw sameNameOtherFraction(name, existing.fraction, reserve, "another endpoint");
            }
            existing.users++;
            return new BudgetShare(this, existing);
        }
        long ppm = ReserveDirectory.ppm(reserve);
        ReserveDirectory.Snapshot written = directory.update(entries -> {
            long second = directory.nowSecond();
            ReserveDirectory.Entry same = entries.get(name);
            if (same != null && same.ppm() != ppm && second - same.seenSecond() < ReserveDirectory.IN_USE.toSeconds()) {
                throw sameNameOtherFraction(name, same.fraction(), reserve, "another node (it used it within the last "
                        + ReserveDirectory.IN_USE.toSeconds() + " s)");
            }
            entries.remove(name);
            checkTotal(entries, name, reserve);
            entries.put(name, new ReserveDirectory.Entry(ppm, second));
            return entries;
        });
        Reserve created = new Reserve(name, reserve,
                bucket(reserveKey(secret, name), reserveConfiguration(reserve, dayStartSecond, -1)),
                new ShareState("budget share '" + name + "' (budgetReserve " + text(reserve) + ")", secret, time));
        reserves.put(name, created);
        usedAt.put(name, time.nanoTime());
        applyPool(written);
        return new BudgetShare(this, created);
    }

    /** Refuses {@code reserve} for {@code name} when it and the other registered reserves add up above the maximum. */
    private void checkTotal(Map<String, ReserveDirectory.Entry> others, String name, double reserve) {
        long total = ReserveDirectory.ppm(reserve);
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, ReserveDirectory.Entry> e : others.entrySet()) {
            total += e.getValue().ppm();
            all.append("'").append(e.getKey()).append("' ").append(text(e.getValue().fraction())).append(", ");
        }
        all.append("'").append(name).append("' ").append(text(reserve));
        if (total > ReserveDirectory.ppm(MAX_TOTAL_RESERVE)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The budgetReserve values of the endpoints"
                    + " using Cashfin client secret %s add up to %s (budgetShare %s), more than the maximum %s: at"
                    + " least %.0f %% of the budget must stay in the pool for the endpoints without a reserve. %sLower"
                    + " budgetReserve on these endpoints so that they add up to %s or less.", secret,
                    text(total / 1e6), all, text(MAX_TOTAL_RESERVE), (1 - MAX_TOTAL_RESERVE) * 100,
                    store == null ? "" : "The reserves count across the cluster: every node sharing the"
                            + " rateLimitStore registers its reserves there, running or standby (one nobody used for "
                            + ReserveDirectory.KEPT.toHours() + " h is dropped). ",
                    text(MAX_TOTAL_RESERVE)));
        }
    }

    private IllegalArgumentException sameNameOtherFraction(String name, double reserved, double reserve, String by) {
        return new IllegalArgumentException("budgetShare '" + name + "' of Cashfin client secret " + secret
                + " is already reserved with budgetReserve=" + text(reserved) + " by " + by + ", and now with"
                + " budgetReserve=" + text(reserve) + ": endpoints with the same share name share one reserve. Give"
                + " them the same budgetReserve, or give each its own budgetShare name.");
    }

    synchronized void leave(Reserve reserve) {
        if (reserve != null && --reserve.users == 0 && reserves.get(reserve.name) == reserve) {
            reserves.remove(reserve.name);
            usedAt.remove(reserve.name);
            if (store == null) {
                // this JVM holds every reserve of its directory: the reserve goes back to the pool at once
                applyPool(directory.update(entries -> {
                    entries.remove(reserve.name);
                    return entries;
                }));
            }
            // in a store the reserve stays registered: another node may use it (a consumer that moves to the next
            // leader); nobody using it, it is lent to the pool for the rate, then dropped after KEPT
        }
    }

    /**
     * The pool for a call due by {@code deadline} (on the TimeSource scale): re-reads the directory at most every
     * {@link #DIRECTORY_READ} (within the deadline), writes a new generation when a reserve started or stopped being
     * in use since, and says that this JVM uses {@code reserve} at most every {@link ReserveDirectory#REFRESH}.
     *
     * @return the pool, or null while no reserve is registered
     */
    Bucket currentPool(Reserve reserve, long deadline) throws InterruptedException {
        long now = time.nanoTime();
        boolean refresh;
        synchronized (this) {
            Long used = reserve == null ? null : usedAt.get(reserve.name);
            refresh = used != null && now - used >= ReserveDirectory.REFRESH.toNanos();
            if (refresh) {
                usedAt.put(reserve.name, now);
            }
        }
        if (!refresh && now - snapshotReadNanos < DIRECTORY_READ.toNanos()) {
            return pool;
        }
        snapshotReadNanos = now;
        try {
            ReserveDirectory.Snapshot read = boundedStore.call(() -> {
                if (refresh) {
                    long ppm = ReserveDirectory.ppm(reserve.fraction);
                    return directory.update(entries -> {
                        entries.put(reserve.name, new ReserveDirectory.Entry(ppm, directory.nowSecond()));
                        return entries;
                    });
                }
                return directory.touchIfStale(directory.read());
            }, deadline, null);
            applyPool(read);
        } catch (BoundedStore.StoreTimeoutException | IllegalStateException e) {
            // the pool as last read goes on; the next call reads again
            snapshotReadNanos = now - DIRECTORY_READ.toNanos();
        }
        return pool;
    }

    /** Sizes the pool from a directory read: the rest of the budget, or no pool while nothing is reserved. */
    private synchronized void applyPool(ReserveDirectory.Snapshot read) {
        if (read.generation() < snapshot.generation()) {
            return;
        }
        boolean changed = read.generation() != snapshot.generation() || pool == null && read.hasReserves();
        snapshot = read;
        if (!read.hasReserves()) {
            pool = null;
            return;
        }
        if (!changed) {
            return;
        }
        BucketConfiguration configuration = poolConfiguration(read, dayStartSecond, -1);
        if (store != null) {
            // versioned by the directory's generation: a node with an older view of the reserves cannot resize it
            pool = store.builder().withImplicitConfigurationReplacement(POOL_VERSION_BASE + read.generation(),
                    BucketHome.INHERITANCE).build(poolKey(secret), () -> configuration);
        } else if (pool == null) {
            pool = bucket(poolKey(secret), configuration);
        } else {
            pool.replaceConfiguration(configuration, BucketHome.INHERITANCE);
        }
    }

    /**
     * A share's bucket: in the store with versioned implicit configuration replacement (an existing row takes the
     * configuration, the calls already spent staying spent: {@link BucketHome}), or in this JVM. Local share buckets
     * run on the wall clock (their day starts when the server's does).
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
        return configuration(limits, fraction, fraction, burst, 0, -1, null);
    }

    /**
     * Like {@link #configuration(RateLimits, double, long)} with a rate fraction and a day fraction of their own, and
     * a day that starts {@code dayStartSecond} after UTC midnight ({@link ServerDay#dayBandwidth}).
     *
     * @param dayTokens the calls of the day the bandwidth holds when it is new (another day start), or -1 for all
     * @param now       the time now (used with {@code dayTokens})
     */
    static BucketConfiguration configuration(RateLimits limits, double rateFraction, double dayFraction, long burst,
                                             long dayStartSecond, long dayTokens, java.time.Instant now) {
        ConfigurationBuilder configuration = BucketConfiguration.builder();
        if (limits.sustainedCallsPerSecond().isPresent()) {
            double perSecond = limits.sustainedCallsPerSecond().getAsDouble() * rateFraction;
            long spacing = (long) Math.ceil(1e9 / perSecond);
            configuration.addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, Duration.ofNanos(spacing))
                    .id("share-rate").build());
        }
        if (limits.budget(RateWindow.DAY).isPresent()) {
            long day = dayCalls(limits, dayFraction);
            configuration.addLimit(ServerDay.dayBandwidth(DAY_BANDWIDTH, day, dayStartSecond, dayTokens, now));
        }
        return configuration.build();
    }

    private BucketConfiguration reserveConfiguration(double fraction, long dayStart, long dayTokens) {
        return configuration(limits, fraction, fraction, burst(limits, fraction), dayStart, dayTokens, time.now());
    }

    private BucketConfiguration poolConfiguration(ReserveDirectory.Snapshot read, long dayStart, long dayTokens) {
        return configuration(limits, read.poolRate(), read.poolDay(), 1, dayStart, dayTokens, time.now());
    }

    /**
     * Follows the secret's server day from now on (every endpoint of the secret leases the same limiter, so the same
     * day): the day buckets move to its start if they started at another time.
     */
    void follow(ServerDay serverDay) {
        synchronized (this) {
            if (serverDay == day) {
                return;
            }
            if (day != null) {
                day.unlisten(dayListener);
            }
            day = serverDay;
            if (serverDay == null) {
                return;
            }
            serverDay.listen(dayListener);
        }
        // a limiter that learned the server's midnight before this endpoint joined: the same day, another start
        dayStartMoved(serverDay.dayStartSecond(), false);
    }

    /** Stops following the server day (the last endpoint of the secret left). */
    synchronized void detach() {
        if (day != null) {
            day.unlisten(dayListener);
            day = null;
        }
    }

    /**
     * The server's day starts at another time of day than the shares' day buckets do: each bucket of this JVM (its
     * reserves and the pool) takes a day bandwidth starting then. When the server began a new day since the shares'
     * day began, the new bandwidth starts full (the new day); else it keeps the calls left of the day (a read then a
     * replacement: a call taken between the two is given back, at most the calls in flight). In a distributed store,
     * a bucket another node already moved keeps its bandwidth (same id: its calls and its schedule stay).
     */
    private void dayStartMoved(long start, boolean newDayBegan) {
        List<Runnable> moves = new ArrayList<>();
        synchronized (this) {
            if (start == dayStartSecond) {
                return;
            }
            dayStartSecond = start;
            for (Reserve r : reserves.values()) {
                moves.add(() -> move(r.bucket, tokens -> reserveConfiguration(r.fraction, start, tokens),
                        newDayBegan));
            }
            Bucket p = pool;
            ReserveDirectory.Snapshot read = snapshot;
            if (p != null) {
                moves.add(() -> move(p, tokens -> poolConfiguration(read, start, tokens), newDayBegan));
            }
        }
        moves.forEach(Runnable::run);
    }

    private static void move(Bucket bucket, java.util.function.LongFunction<BucketConfiguration> configuration,
                             boolean newDayBegan) {
        long tokens = newDayBegan ? -1 : Math.max(0, dayTokens(bucket).orElse(0));
        bucket.replaceConfiguration(configuration.apply(tokens), BucketHome.INHERITANCE);
    }

    /** @return the calls left of the day bandwidth of a share's bucket (empty when it has none); reads the bucket */
    static java.util.OptionalLong dayTokens(Bucket bucket) {
        io.github.bucket4j.VerboseResult<Long> available = bucket.asVerbose().getAvailableTokens();
        Bandwidth[] bandwidths = available.getConfiguration().getBandwidths();
        long[] tokens = available.getDiagnostics().getAvailableTokensPerEachBandwidth();
        for (int i = 0; i < bandwidths.length && i < tokens.length; i++) {
            if (ServerDay.dayStartOf(bandwidths[i], DAY_BANDWIDTH).isPresent()) {
                return java.util.OptionalLong.of(tokens[i]);
            }
        }
        return java.util.OptionalLong.empty();
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

    /**
     * @return the key of the reserves every node registered ({@link ReserveDirectory}) in a distributed store: the
     *         secret's bucket key plus {@code :reserves}
     */
    public static String reservesKey(SecretFingerprint secret) {
        return secret.bucketKey() + ":reserves";
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

    /** @return the reserves registered (by every node with a store) as last read: the day's part not in the pool */
    double totalReserve() {
        return totalReserve(snapshot);
    }

    private static double totalReserve(ReserveDirectory.Snapshot s) {
        return s.hasReserves() ? 1 - s.poolDay() : 0;
    }

    /** @return the fraction of the rate the pool has now: reserves nobody uses are lent to it */
    double poolRate() {
        ReserveDirectory.Snapshot s = snapshot;
        return s.hasReserves() ? s.poolRate() : 1;
    }

    /** @return the reserves by share name (fractions), for the dev console: this JVM's and the other nodes' */
    public Map<String, Double> reserves() {
        ReserveDirectory.Snapshot read;
        Map<String, Reserve> local;
        synchronized (this) {
            read = snapshot;
            local = new TreeMap<>(reserves);
        }
        return reserves(read, local);
    }

    /** The reserves by share name (fractions): those of {@code read}, then this JVM's ({@code local}) over them. */
    private Map<String, Double> reserves(ReserveDirectory.Snapshot read, Map<String, Reserve> local) {
        Map<String, Double> out = new TreeMap<>();
        read.registered(directory.nowSecond()).forEach((name, e) -> out.put(name, e.fraction()));
        local.forEach((name, r) -> out.put(name, r.fraction));
        return out;
    }

    /**
     * One share's day, for an operations page.
     *
     * @param name        the reserve's share name ({@code budgetShare}), or null for the pool
     * @param fraction    its fraction of the secret's daily budget
     * @param callsPerDay the calls of the server's day it holds
     * @param callsLeft   the calls of the day it has left, or -1 when unknown here (a reserve held by another node,
     *                    a store that did not answer in time)
     */
    public record DayShare(String name, double fraction, long callsPerDay, long callsLeft) {
    }

    /**
     * The day of each share of the secret, for an operations page: the reserves (this JVM's, and those other nodes
     * registered in a store) by name, then the pool. Reads the buckets (bounded in a distributed store); spends
     * nothing.
     *
     * @return the shares; empty while no share has a reserve or the secret has no daily limit
     */
    public List<DayShare> dayShares() {
        Bucket poolBucket;
        ReserveDirectory.Snapshot read;
        Map<String, Reserve> local;
        synchronized (this) { // one view: the pool, the directory as last read and this JVM's reserves (applyPool)
            poolBucket = pool;
            read = snapshot;
            local = new TreeMap<>(reserves);
        }
        if (poolBucket == null || limits.budget(RateWindow.DAY).isEmpty()) {
            return List.of();
        }
        List<DayShare> out = new ArrayList<>();
        reserves(read, local).forEach((name, fraction) -> {
            Reserve mine = local.get(name);
            out.add(new DayShare(name, fraction, dayCalls(limits, fraction), callsLeft(mine == null ? null
                    : mine.bucket)));
        });
        double poolFraction = 1 - totalReserve(read);
        out.add(new DayShare(null, poolFraction, dayCalls(limits, poolFraction), callsLeft(poolBucket)));
        return out;
    }

    private long callsLeft(Bucket bucket) {
        if (bucket == null) {
            return -1;
        }
        try {
            return read(() -> dayTokens(bucket).orElse(-1));
        } catch (RuntimeException e) {
            return -1;
        }
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
        return "BudgetShares[" + secret + ", reserves " + reserves() + ", pool " + text(1 - totalReserve()) + "]";
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
