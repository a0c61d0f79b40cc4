package africa.cashfin.camel.leads.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import africa.cashfin.camel.leads.api.limit.TimeSource;
import africa.cashfin.camel.simulator.ManualClock;

/**
 * The simulator's {@link ManualClock} as the component's {@link TimeSource} (the component's {@code timeSource}
 * option), moved by the test: a sleeper waits until the clock reaches its wake-up time, and the test moves the clock
 * to the earliest wake-up only when every caller that has a call to make sleeps on it, none of them due. So time stands
 * still while a call is on its way, a thread wakes up or a response is read, however slowly a loaded machine does
 * that: the simulator counts and stamps each call at the time the limiter let it go, and a test of the pacing does
 * not depend on the machine's speed. (For one caller, {@link ManualClockTime} moves the clock on each sleep.)
 */
public final class SteppedClockTime implements TimeSource {

    private final ManualClock clock;
    /** The readings of the clock (the same as a {@link ManualClockTime}'s). */
    private final ManualClockTime readings;
    /** The wake-up times of the threads sleeping now. */
    private final PriorityQueue<Instant> wakeUps = new PriorityQueue<>();

    /** @param clock the simulator's clock */
    public SteppedClockTime(ManualClock clock) {
        this.clock = clock;
        this.readings = new ManualClockTime(clock);
    }

    @Override
    public long nanoTime() {
        return readings.nanoTime();
    }

    @Override
    public Instant now() {
        return readings.now();
    }

    @Override
    public synchronized void sleepNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (nanos <= 0) {
            return;
        }
        Instant wakeAt = clock.instant().plusNanos(nanos);
        wakeUps.add(wakeAt);
        try {
            while (clock.instant().isBefore(wakeAt)) {
                wait();
            }
        } finally {
            wakeUps.remove(wakeAt);
        }
    }

    /**
     * Moves the clock to the earliest wake-up, but only when exactly {@code callers} threads sleep and none of them is
     * due: every other thread is done with what it does at the current time.
     *
     * @return true when the clock moved
     */
    public synchronized boolean advanceWhenAllAsleep(int callers) {
        if (callers == 0 || wakeUps.size() != callers || !wakeUps.peek().isAfter(clock.instant())) {
            return false;
        }
        clock.set(wakeUps.peek());
        notifyAll();
        return true;
    }

    /**
     * Moves the clock from wake-up to wake-up until {@code done}, each time when as many threads sleep as
     * {@code callers} says have a call to make (callers that have not finished; the count may be higher than the
     * threads that sleep, never lower, or the clock would move under a call on its way).
     */
    public void advanceUntil(BooleanSupplier done, IntSupplier callers, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(1)).until(() -> {
            advanceWhenAllAsleep(callers.getAsInt());
            return done.getAsBoolean();
        });
    }
}
