package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * The budget reserves of one secret registered by every node, so that each node sizes the pool from the reserves of
 * the whole cluster, not only from the endpoints it runs itself (a standby node, whose {@code master:} consumer is
 * stopped, still leaves that consumer's reserve alone). With a distributed store the directory is one more row of the
 * store, key {@code <bucket key>:reserves}; without one it lives in this JVM.
 * <p>
 * Each entry is a share name, its fraction and when a node using it last said so. A reserve is <b>in use</b> while a
 * node using it said so within {@link #IN_USE} (a node says so when it joins the share and at most every
 * {@link #REFRESH} while its calls go on); a reserve nobody uses is lent to the pool for the rate. It stays
 * <b>registered</b>, keeping its calls of the day out of the pool, until nobody has used it for {@link #KEPT}. The
 * pool's rate fraction is {@code 1 - reserves in use}, its day fraction {@code 1 - reserves registered}; both are
 * written with the entries, so every node derives the same pool from the same generation.
 * <p>
 * Updates are compare-and-set on the directory's generation (Bucket4j's versioned configuration replacement: a
 * configuration of the same version is not replaced), retried when another node wrote first. The entries are carried
 * in the bandwidths of a configuration (ids and capacities): the only record a Bucket4j store keeps.
 */
final class ReserveDirectory {

    /** A reserve whose users said so within this is in use: its rate is not lent. */
    static final Duration IN_USE = Duration.ofSeconds(60);
    /** How often a node using a reserve says so while its calls go on. */
    static final Duration REFRESH = Duration.ofSeconds(20);
    /** A reserve nobody used for this long is dropped (its calls of the day go back to the pool). */
    static final Duration KEPT = Duration.ofHours(25);

    private static final int MAX_ATTEMPTS = 50;
    private static final long PPM = 1_000_000L;
    private static final String GENERATION = "generation";
    private static final String POOL_RATE = "pool-rate";
    private static final String POOL_DAY = "pool-day";
    private static final String FRACTION = "reserve:";
    private static final String SEEN = "seen:";

    private final ProxyManager<String> store;
    private final String key;
    private final TimeSource time;
    /** The directory of a JVM without a store. */
    private Snapshot local = Snapshot.EMPTY;

    ReserveDirectory(ProxyManager<String> store, String key, TimeSource time) {
        this.store = store;
        this.key = Objects.requireNonNull(key, "key");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** One reserve: its fraction (in millionths) and when a node using it last said so (epoch seconds). */
    record Entry(long ppm, long seenSecond) {
        double fraction() {
            return ppm / (double) PPM;
        }
    }

    /**
     * The directory as stored: its generation, entries and the pool fractions (millionths) written with them.
     */
    record Snapshot(long generation, Map<String, Entry> entries, long poolRatePpm, long poolDayPpm) {
        static final Snapshot EMPTY = new Snapshot(0, Map.of(), PPM, PPM);

        /** @return the reserves not yet dropped at {@code second} */
        Map<String, Entry> registered(long second) {
            Map<String, Entry> out = new TreeMap<>();
            entries.forEach((name, e) -> {
                if (second - e.seenSecond < KEPT.toSeconds()) {
                    out.put(name, e);
                }
            });
            return out;
        }

        /** @return true when the reserve of {@code name} was in use at {@code second} */
        boolean inUse(String name, long second) {
            Entry e = entries.get(name);
            return e != null && second - e.seenSecond < IN_USE.toSeconds();
        }

        /** @return the pool fractions these entries give at {@code second}: rate (reserves in use), day (registered) */
        long[] poolAt(long second) {
            long rate = PPM;
            long day = PPM;
            for (Map.Entry<String, Entry> e : registered(second).entrySet()) {
                day -= e.getValue().ppm;
                if (inUse(e.getKey(), second)) {
                    rate -= e.getValue().ppm;
                }
            }
            return new long[] { rate, day };
        }

        double poolRate() {
            return poolRatePpm / (double) PPM;
        }

        double poolDay() {
            return poolDayPpm / (double) PPM;
        }

        boolean hasReserves() {
            return poolDayPpm < PPM;
        }
    }

    static long ppm(double fraction) {
        return Math.round(fraction * PPM);
    }

    long nowSecond() {
        return time.now().getEpochSecond();
    }

    /** @return the directory as stored now (one read of the store) */
    Snapshot read() {
        if (store == null) {
            synchronized (this) {
                return local;
            }
        }
        return store.getProxyConfiguration(key).map(ReserveDirectory::decode).orElse(Snapshot.EMPTY);
    }

    /**
     * Changes the entries: {@code change} gets the registered entries (a copy it may change, or throw to refuse) and
     * returns them; the pool fractions are derived from them now. Retried when another node wrote in between.
     *
     * @return the directory written
     */
    Snapshot update(UnaryOperator<Map<String, Entry>> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Snapshot current = read();
            long second = nowSecond();
            Map<String, Entry> entries = change.apply(new TreeMap<>(current.registered(second)));
            Snapshot next = withPool(current.generation + 1, entries, second);
            if (compareAndSet(current, next)) {
                return next;
            }
        }
        throw new IllegalStateException("The budget reserves registered in the shared budget store (rateLimitStore)"
                                        + " under " + key + " kept changing under " + MAX_ATTEMPTS + " attempts to"
                                        + " update them; try again");
    }

    /** Writes a new generation when the pool fractions the entries give now differ from the stored ones. */
    Snapshot touchIfStale(Snapshot current) {
        long[] pool = current.poolAt(nowSecond());
        if (pool[0] == current.poolRatePpm && pool[1] == current.poolDayPpm) {
            return current;
        }
        return update(entries -> entries);
    }

    private static Snapshot withPool(long generation, Map<String, Entry> entries, long second) {
        Snapshot s = new Snapshot(generation, Collections.unmodifiableMap(new TreeMap<>(entries)), PPM, PPM);
        long[] pool = s.poolAt(second);
        return new Snapshot(generation, s.entries, pool[0], pool[1]);
    }

    private boolean compareAndSet(Snapshot expected, Snapshot next) {
        if (store == null) {
            synchronized (this) {
                if (local.generation != expected.generation) {
                    return false;
                }
                local = next;
                return true;
            }
        }
        BucketConfiguration configuration = encode(next);
        // replaced only when the stored generation is lower: of two nodes writing the same generation, one wins
        store.builder().withImplicitConfigurationReplacement(next.generation, TokensInheritanceStrategy.RESET)
                .build(key, () -> configuration).getAvailableTokens();
        Snapshot written = read();
        return written.generation == next.generation && written.entries.equals(next.entries);
    }

    private static BucketConfiguration encode(Snapshot s) {
        ConfigurationBuilder b = BucketConfiguration.builder();
        b.addLimit(record(GENERATION, s.generation));
        b.addLimit(record(POOL_RATE, s.poolRatePpm));
        b.addLimit(record(POOL_DAY, s.poolDayPpm));
        s.entries.forEach((name, e) -> {
            b.addLimit(record(FRACTION + name, e.ppm));
            b.addLimit(record(SEEN + name, e.seenSecond));
        });
        return b.build();
    }

    /** A value carried as a bandwidth's capacity (at least 1: Bucket4j refuses an empty bandwidth). */
    private static Bandwidth record(String id, long value) {
        long capacity = Math.max(1, value);
        return Bandwidth.builder().capacity(capacity).refillIntervally(capacity, Duration.ofDays(3650)).id(id).build();
    }

    private static Snapshot decode(BucketConfiguration configuration) {
        long generation = 0;
        long poolRate = PPM;
        long poolDay = PPM;
        Map<String, Long> fractions = new TreeMap<>();
        Map<String, Long> seen = new TreeMap<>();
        for (Bandwidth bandwidth : configuration.getBandwidths()) {
            String id = bandwidth.getId() == null ? "" : bandwidth.getId();
            long value = bandwidth.getCapacity();
            if (id.equals(GENERATION)) {
                generation = value;
            } else if (id.equals(POOL_RATE)) {
                poolRate = value;
            } else if (id.equals(POOL_DAY)) {
                poolDay = value;
            } else if (id.startsWith(FRACTION)) {
                fractions.put(id.substring(FRACTION.length()), value);
            } else if (id.startsWith(SEEN)) {
                seen.put(id.substring(SEEN.length()), value);
            }
        }
        Map<String, Entry> entries = new TreeMap<>();
        fractions.forEach((name, ppm) -> entries.put(name, new Entry(ppm, seen.getOrDefault(name, 0L))));
        return new Snapshot(generation, Collections.unmodifiableMap(entries), poolRate, poolDay);
    }

    @Override
    public String toString() {
        return "ReserveDirectory[" + key + "]";
    }
}
