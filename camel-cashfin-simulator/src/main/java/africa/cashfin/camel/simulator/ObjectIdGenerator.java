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
        char[] out = new char[24];
        hex(out, 0, seconds, 8);
        hex(out, 8, machine, 10);
        hex(out, 18, count, 6);
        return new String(out);
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private static void hex(char[] out, int offset, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[offset + i] = DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
