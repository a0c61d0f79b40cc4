package africa.cashfin.camel.examples.csv;

import java.time.Duration;
import java.util.Locale;

/**
 * The totals of one imported file.
 *
 * @param rows       data rows read (the header row not counted)
 * @param created    leads created
 * @param duplicates rows whose lead already existed (nothing created)
 * @param failed     rows not imported (written to the errors file)
 * @param elapsed    time from the first row to the summary
 */
public record ImportSummary(long rows, long created, long duplicates, long failed, Duration elapsed) {

    /**
     * The summary line, e.g. {@code 980 created, 15 duplicates, 5 failed of 1,000 rows in 41 s}: counts with a
     * thousands comma, the time as {@link #duration(Duration)} writes it.
     */
    public String line() {
        return count(created) + " created, " + count(duplicates) + (duplicates == 1 ? " duplicate, " : " duplicates, ")
               + count(failed) + " failed of " + count(rows) + (rows == 1 ? " row" : " rows") + " in "
               + duration(elapsed);
    }

    /** A progress line, e.g. {@code leads.csv: 500 rows so far (490 created, 5 duplicates, 5 failed) in 20 s}. */
    public String progressLine(String name) {
        return progressLine(name, -1);
    }

    /**
     * A progress line with the rate and, when the number of rows is known ({@code expectedRows} 0 or more), the
     * estimated time left, e.g. {@code leads.csv: 500 of about 1,000 rows (490 created, 5 duplicates, 5 failed) in
     * 20 s, 25 rows/s, about 20 s left}. The rate is over the whole import so far.
     */
    public String progressLine(String name, long expectedRows) {
        boolean known = expectedRows >= 0 && expectedRows >= rows;
        String of = known ? " of about " + count(expectedRows) + " rows" : (rows == 1 ? " row" : " rows") + " so far";
        StringBuilder line = new StringBuilder(name).append(": ").append(count(rows)).append(of).append(" (")
                .append(count(created)).append(" created, ").append(count(duplicates))
                .append(duplicates == 1 ? " duplicate, " : " duplicates, ").append(count(failed)).append(" failed) in ")
                .append(duration(elapsed));
        double rate = rowsPerSecond();
        if (rate > 0 && rows > 0) {
            line.append(", ").append(rate(rate));
            if (known) {
                line.append(", about ").append(duration(Duration.ofSeconds(secondsLeft(expectedRows)))).append(" left");
            }
        }
        return line.toString();
    }

    /**
     * The estimated seconds left until {@code expectedRows} are done at the rate so far, rounded; -1 when the rows
     * are not known ({@code expectedRows} below 0 or below the rows done) or no rate is known yet.
     */
    public long secondsLeft(long expectedRows) {
        double rate = rowsPerSecond();
        if (expectedRows < 0 || expectedRows < rows || rate <= 0 || rows <= 0) {
            return -1;
        }
        return Math.round((expectedRows - rows) / rate);
    }

    /** Rows per second over the whole import (0 when no time has passed). */
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? rows / seconds : 0;
    }

    /** The rate over the whole import as text, e.g. {@code 25 rows/s}, {@code 1.0 rows/s}, {@code 0.7 rows/s}. */
    public String rate() {
        return rate(rowsPerSecond());
    }

    /** A rate as text: whole numbers from 10 on, one decimal below (never "1 rows/s"). */
    static String rate(double rowsPerSecond) {
        return (rowsPerSecond >= 10 ? count(Math.round(rowsPerSecond))
                : String.format(Locale.ROOT, "%.1f", rowsPerSecond)) + " rows/s";
    }

    /** Whether every row was created or found as a duplicate. */
    public boolean allImported() {
        return failed == 0;
    }

    @Override
    public String toString() {
        return line();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * Whole seconds; minutes and seconds from one minute on ({@code 2 min 5 s}); hours and minutes from one hour on
     * ({@code 3 h 20 min}); days, hours and minutes from one day on, for an import that parked across days
     * ({@code 4 d 0 h 17 min}).
     */
    static String duration(Duration d) {
        long seconds = Math.round(d.toMillis() / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3_600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        long minutes = seconds / 60;
        if (seconds < 86_400) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return minutes / 1_440 + " d " + minutes % 1_440 / 60 + " h " + minutes % 60 + " min";
    }
}
