package africa.cashfin.camel.leads.api.limit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * The clock and the sleeper the limiter uses: the seam that lets tests run on virtual time. Production code uses
 * {@link #system()}.
 */
public interface TimeSource {

    /** @return a monotonic reading in nanoseconds, comparable only with other readings of this source */
    long nanoTime();

    /** @return the wall-clock time (used to interpret the server's {@code X-RateLimit-Reset}) */
    Instant now();

    /**
     * Sleeps for the given time.
     *
     * @throws InterruptedException when the thread is interrupted while sleeping
     */
    void sleepNanos(long nanos) throws InterruptedException;

    /** @return {@link #now()} as a {@link Clock} in UTC (for APIs that take one, such as the retry policy's) */
    default Clock asClock() {
        TimeSource source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("a TimeSource's clock is in UTC");
            }

            @Override
            public Instant instant() {
                return source.now();
            }
        };
    }

    /** @return the real clock: {@link System#nanoTime()}, {@link Instant#now()} and an interruptible sleep */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }

    /** The real clock. */
    enum SystemTimeSource implements TimeSource {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            if (nanos > 0) {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } else if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
