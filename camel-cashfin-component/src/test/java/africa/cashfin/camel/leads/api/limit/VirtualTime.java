package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.time.Instant;

import io.github.bucket4j.TimeMeter;

/**
 * Virtual time for tests. In auto-advance mode a sleep moves the clock forward at once (single-threaded simulations
 * of hours in milliseconds); in manual mode a sleeper blocks until the test {@link #advance(Duration) advances} the
 * clock past its wake-up time (deterministic multi-threaded tests).
 */
public final class VirtualTime implements TimeSource {

    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final boolean autoAdvance;
    private long nanos;
    private int sleepers;

    private VirtualTime(boolean autoAdvance) {
        this.autoAdvance = autoAdvance;
    }

    public static VirtualTime autoAdvancing() {
        return new VirtualTime(true);
    }

    static VirtualTime manual() {
        return new VirtualTime(false);
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return EPOCH.plusNanos(nanos);
    }

    @Override
    public void sleepNanos(long duration) throws InterruptedException {
        synchronized (this) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (duration <= 0) {
                return;
            }
            if (autoAdvance) {
                nanos += duration;
                return;
            }
            long wakeAt = nanos + duration;
            sleepers++;
            try {
                while (nanos < wakeAt) {
                    wait();
                }
            } finally {
                sleepers--;
                notifyAll();
            }
        }
    }

    public synchronized void advance(Duration duration) {
        nanos += duration.toNanos();
        notifyAll();
    }

    synchronized int sleepers() {
        return sleepers;
    }

    /** @return seconds since the start of virtual time */
    synchronized double seconds() {
        return nanos / 1e9;
    }

    /** @return the virtual wall clock as a Bucket4j clock (nanoseconds since 1970, like a real store's client clock) */
    TimeMeter asTimeMeter() {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return EPOCH.getEpochSecond() * 1_000_000_000L + nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
