package africa.cashfin.camel.leads.testing;

import java.time.Duration;
import java.time.Instant;

import africa.cashfin.camel.leads.api.limit.TimeSource;
import africa.cashfin.camel.simulator.ManualClock;

/**
 * The simulator's {@link ManualClock} as the component's {@link TimeSource} (bound with the component's
 * {@code timeSource} option): a wait of the limiter moves the clock forward, so a simulated day takes no real time.
 * Shared with other modules' tests and the benchmarks through the component's test-jar.
 */
public final class ManualClockTime implements TimeSource {

    private final ManualClock clock;
    private final Instant origin;

    /** @param clock the simulator's clock; this time source's nanosecond counter starts a day before it */
    public ManualClockTime(ManualClock clock) {
        this.clock = clock;
        this.origin = clock.instant().minus(Duration.ofDays(1));
    }

    @Override
    public long nanoTime() {
        return Duration.between(origin, clock.instant()).toNanos();
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void sleepNanos(long nanos) {
        if (nanos > 0) {
            clock.advance(Duration.ofNanos(nanos));
        }
    }
}
