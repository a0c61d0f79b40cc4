package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in a log line: {@code 0.38 s}, {@code 30 s}, {@code 4 min}, {@code 1.5 h}. */
public final class Durations {

    private Durations() {
    }

    /** @return {@code d} rounded for a log line, with its unit */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 10_000) {
            return trim(String.format(Locale.ROOT, "%.2f", millis / 1000.0)) + " s";
        }
        if (millis < 120_000) {
            return Math.round(millis / 1000.0) + " s";
        }
        if (millis < 7_200_000) {
            return trim(String.format(Locale.ROOT, "%.1f", millis / 60_000.0)) + " min";
        }
        return trim(String.format(Locale.ROOT, "%.1f", millis / 3_600_000.0)) + " h";
    }

    private static String trim(String number) {
        return number.contains(".") ? number.replaceAll("0+$", "").replaceAll("\\.$", "") : number;
    }
}
