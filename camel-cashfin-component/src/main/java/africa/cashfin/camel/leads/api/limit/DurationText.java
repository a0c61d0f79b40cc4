package africa.cashfin.camel.leads.api.limit;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in logs and messages: {@code 0.38 s}, {@code 12.50 s}, {@code 3 min 12 s}. */
public final class DurationText {

    private DurationText() {
    }

    /**
     * @param duration a duration (null reads as "unknown")
     * @return seconds with two decimals below a minute ({@code 0.38 s}), else minutes and seconds
     *         ({@code 3 min 12 s}), else hours and minutes ({@code 25 h 0 min})
     */
    public static String of(Duration duration) {
        if (duration == null) {
            return "unknown";
        }
        long nanos = duration.toNanos();
        if (nanos < 60_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3_600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3_600 + " h " + seconds % 3_600 / 60 + " min";
    }
}
