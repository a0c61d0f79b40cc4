package africa.cashfin.camel.examples.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The lead-flow chart's counters: by hour of the server's day, starting again when the server's next day begins. */
class HourlyCountsTest {

    /** A server whose day starts at 05:00 UTC (its headers said so). */
    private static final Instant DAY = Instant.parse("2026-12-06T05:00:00Z");

    @Test
    void eventsAreCountedInTheHourOfTheServersDayAndANewDayStartsAtZero() {
        HourlyCounts counts = new HourlyCounts();
        counts.count(DAY, DAY.plus(Duration.ofMinutes(10)), 2);
        counts.count(DAY, DAY.plus(Duration.ofMinutes(190)), 3);

        long[] today = counts.day(DAY.plus(Duration.ofHours(4)));
        assertThat(today[0]).as("05:10 UTC is the server's hour 0").isEqualTo(2);
        assertThat(today[3]).as("08:10 UTC is its hour 3").isEqualTo(3);
        assertThat(counts.total(DAY.plus(Duration.ofHours(4)))).isEqualTo(5);
        assertThat(counts.total(DAY.plus(Duration.ofHours(25)))).as("the next day, before any event of it").isZero();

        Instant next = DAY.plus(Duration.ofDays(1));
        counts.count(next, next.plus(Duration.ofMinutes(1)), 1);
        assertThat(counts.day(next.plus(Duration.ofMinutes(2)))).startsWith(1, 0, 0, 0);
        assertThat(counts.total(next.plus(Duration.ofMinutes(2)))).isEqualTo(1);
    }
}
