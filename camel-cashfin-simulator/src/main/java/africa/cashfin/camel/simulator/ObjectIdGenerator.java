package africa.cashfin.camel.simulator;

import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes MongoDB-style ObjectIDs: 24 hex digits = 4 bytes creation epoch second, 5 bytes "machine" value (from a
 * seed, so ids are deterministic), 3 bytes counter.
 */
final class ObjectIdGenerator {

    private final long machine;
    private final AtomicInteger counter = new AtomicInteger();

    ObjectIdGenerator(long seed) {
        this.machine = new Random(seed).nextLong() & 0xFF_FFFF_FFFFL;
    }

    void reset() {
        counter.set(0);
    }

    String next(Instant createdAt) {
        long seconds = createdAt.getEpochSecond() & 0xFFFF_FFFFL;
        int count = counter.getAndIncrement() & 0xFF_FFFF;
        return String.format("%08x%010x%06x", seconds, machine, count);
    }
}
