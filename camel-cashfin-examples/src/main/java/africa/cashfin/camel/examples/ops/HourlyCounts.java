package africa.cashfin.camel.examples.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Events counted by the hour of the server's day: 24 counters that start again at zero when a new day begins. Each
 * event comes with the start of its day ({@link ServerDays}: the Cashfin server's day), so the hours are the server's.
 * Thread-safe.
 */
final class HourlyCounts {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final long[] hours = new long[24];
    private Instant dayStart = Instant.EPOCH;

    /** Counts {@code n} events at {@code now} of the day that started at {@code start}. */
    synchronized void count(Instant start, Instant now, long n) {
        if (start.isAfter(dayStart)) {
            dayStart = start;
            Arrays.fill(hours, 0);
        }
        long h = Duration.between(dayStart, now).toNanos() / HOUR.toNanos();
        hours[(int) Math.max(0, Math.min(23, h))] += n;
    }

    /** The counts of the day in progress at {@code now}, its hour 0 first: all zero when none was counted in it. */
    synchronized long[] day(Instant now) {
        return now.isBefore(dayStart.plus(DAY)) ? hours.clone() : new long[24];
    }

    /** The events of the day in progress at {@code now}. */
    long total(Instant now) {
        return Arrays.stream(day(now)).sum();
    }
}
