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
     * thousands comma, whole seconds (minutes and seconds from one minute on: {@code 2 min 5 s}).
     */
    public String line() {
        return count(created) + " created, " + count(duplicates) + (duplicates == 1 ? " duplicate, " : " duplicates, ")
               + count(failed) + " failed of " + count(rows) + (rows == 1 ? " row" : " rows") + " in "
               + duration(elapsed);
    }

    /** A progress line, e.g. {@code leads.csv: 500 rows so far (490 created, 5 duplicates, 5 failed) in 20 s}. */
    public String progressLine(String name) {
        return name + ": " + count(rows) + (rows == 1 ? " row" : " rows") + " so far (" + count(created)
               + " created, " + count(duplicates) + (duplicates == 1 ? " duplicate, " : " duplicates, ")
               + count(failed) + " failed) in " + duration(elapsed);
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

    static String duration(Duration d) {
        long seconds = Math.round(d.toMillis() / 1000.0);
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
