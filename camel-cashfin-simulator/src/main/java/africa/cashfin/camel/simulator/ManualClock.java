package africa.cashfin.camel.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread-safe clock that only moves when told to, for tests that need equal {@code createdat} timestamps or
 * that cross rate-limit windows without sleeping.
 */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;

    /** @param start the initial instant */
    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** @param instant the new current instant */
    public void set(Instant instant) {
        now.set(instant);
    }

    /**
     * @param duration how far to move forward
     * @return the new current instant
     */
    public Instant advance(Duration duration) {
        return now.updateAndGet(i -> i.plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public long millis() {
        return now.get().toEpochMilli();
    }
}
