package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;

/**
 * When leads usually arrive, by time of the server's day: per 15-minute slot, the median of the arrivals in that slot
 * over the last {@value #DAYS_KEPT} server days (the lower median: with two days, the smaller), so that what recurs
 * counts and a one-off burst on one day does not. Pure arithmetic, driven by {@link PollCadence}; its history survives
 * a restart in a small stored form ({@link #text()}: hourly buckets, kept in the consumer's {@code stateRepository}
 * by {@link ArrivalProfileStore}).
 * <p>
 * The rate of a slot is the mean of the medians of the {@value #SMOOTHING_SLOTS} slots around it (an hour and a quarter:
 * a few leads a day make noisy slots) plus a floor of {@value #FLOOR_SHARE} of the prior rate (one lead per
 * {@code delay}), so that a slot where nothing arrived yet is still polled now and then and a quiet list is polled
 * evenly. Before
 * {@value #DAYS_TO_LEARN} whole days were seen the rate is flat: the {@code prior} rate in every slot.
 */
final class ArrivalProfile {

    static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    static final long SLOT_MILLIS = Duration.ofMinutes(15).toMillis();
    static final int SLOTS = (int) (DAY_MILLIS / SLOT_MILLIS);
    /** The past days kept. */
    static final int DAYS_KEPT = 5;
    /** The whole past days needed before the profile is used. */
    static final int DAYS_TO_LEARN = 2;
    /** The floor of a slot's rate, as a share of the prior rate. */
    static final double FLOOR_SHARE = 0.2;
    /** The slots whose medians make a slot's rate (the slot and two on each side). */
    static final int SMOOTHING_SLOTS = 5;

    /** Arrivals of the day in progress, per slot. */
    private double[] today = new double[SLOTS];
    /** Arrivals of the past days per slot, the most recent first. */
    private final java.util.ArrayDeque<double[]> pastDays = new java.util.ArrayDeque<>();
    /** Per slot, the mean of the medians of {@link #pastDays} around it. */
    private final double[] usual = new double[SLOTS];
    /**
     * The slots where leads arrive (the tail objective's busy hours), or null when the past days do not say: see
     * {@link #arrivalSlots()}.
     */
    private java.util.function.IntPredicate arrivalSlots;
    /** The end of the server's day in progress: slots count from 24 h before it. */
    private Instant dayEnds;

    /**
     * Starts a new server day when {@code ends} is past the day in progress (the day in progress joins the history);
     * the first call only sets the day.
     */
    void day(Instant ends) {
        if (dayEnds != null && ends.isAfter(dayEnds.plusSeconds(60))) {
            pastDays.addFirst(today);
            today = new double[SLOTS];
            if (pastDays.size() > DAYS_KEPT) {
                pastDays.removeLast();
            }
            learn();
        }
        dayEnds = ends; // a later reset header may move the day's end by a few seconds
    }

    /** Recomputes {@link #usual} and {@link #arrivalSlots} from {@link #pastDays}. */
    private void learn() {
        boolean[] where = learned() ? ArrivalSlots.of(new java.util.ArrayList<>(pastDays)) : null;
        arrivalSlots = where == null ? null : slot -> where[slot]; // read-only: every poll's plan reads it, none copies
        if (pastDays.isEmpty()) {
            java.util.Arrays.fill(usual, 0);
        } else {
            double[] median = new double[SLOTS];
            double[] values = new double[pastDays.size()];
            for (int i = 0; i < SLOTS; i++) {
                int n = 0;
                for (double[] day : pastDays) {
                    values[n++] = day[i];
                }
                java.util.Arrays.sort(values);
                median[i] = values[(values.length - 1) / 2];
            }
            for (int i = 0; i < SLOTS; i++) {
                double sum = 0;
                for (int j = -SMOOTHING_SLOTS / 2; j <= SMOOTHING_SLOTS / 2; j++) {
                    sum += median[Math.floorMod(i + j, SLOTS)];
                }
                usual[i] = sum / SMOOTHING_SLOTS;
            }
        }
    }

    /** The slots of an hour in the stored form. */
    private static final int SLOTS_PER_HOUR = (int) (Duration.ofHours(1).toMillis() / SLOT_MILLIS);
    private static final String VERSION = "v1";

    /**
     * The stored form: the end of the server's day in progress, then per day (the day in progress, then the past
     * days, the most recent first) its arrivals in 24 hourly buckets of that server day, e.g.
     * {@code v1;dayEnds=2026-01-16T00:00:00Z;today=0,0,...,12.5,...;past=0,...|0,...}: at most 6 x 24 numbers (under
     * 1,000 characters for a few thousand leads a day), so the 15-minute slots are restored as a quarter of their
     * hour each (the rate is smoothed over five slots anyway). Null before the first day is set.
     */
    String text() {
        if (dayEnds == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(VERSION).append(";dayEnds=").append(dayEnds).append(";today=");
        hours(b, today);
        b.append(";past=");
        boolean first = true;
        for (double[] day : pastDays) {
            if (!first) {
                b.append('|');
            }
            first = false;
            hours(b, day);
        }
        return b.toString();
    }

    private static void hours(StringBuilder b, double[] slots) {
        for (int h = 0; h < SLOTS / SLOTS_PER_HOUR; h++) {
            double sum = 0;
            for (int i = 0; i < SLOTS_PER_HOUR; i++) {
                sum += slots[h * SLOTS_PER_HOUR + i];
            }
            if (h > 0) {
                b.append(',');
            }
            long hundredths = Math.round(sum * 100);
            b.append(hundredths % 100 == 0 ? Long.toString(hundredths / 100)
                    : java.math.BigDecimal.valueOf(hundredths, 2).stripTrailingZeros().toPlainString());
        }
    }

    /**
     * Restores the history from {@link #text()}'s form (before the first poll: the next {@link #day} then moves on
     * from the stored day as if there had been no restart; days the application was down count as one day).
     *
     * @throws IllegalArgumentException when {@code text} is not such a form; the profile is then left as it was
     */
    void restore(String text) {
        try {
            String[] parts = text.split(";", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0]) || !parts[1].startsWith("dayEnds=")
                || !parts[2].startsWith("today=") || !parts[3].startsWith("past=")) {
                throw new IllegalArgumentException("not " + VERSION + ";dayEnds=..;today=..;past=..");
            }
            Instant ends = Instant.parse(parts[1].substring("dayEnds=".length()));
            double[] restoredToday = slots(parts[2].substring("today=".length()));
            java.util.ArrayDeque<double[]> restoredPast = new java.util.ArrayDeque<>();
            String past = parts[3].substring("past=".length());
            if (!past.isEmpty()) {
                for (String day : past.split("\\|", -1)) {
                    if (restoredPast.size() < DAYS_KEPT) {
                        restoredPast.addLast(slots(day));
                    }
                }
            }
            today = restoredToday;
            pastDays.clear();
            pastDays.addAll(restoredPast);
            dayEnds = ends;
            learn();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a stored arrival profile (" + e.getMessage() + "): " + text, e);
        }
    }

    private static double[] slots(String hours) {
        String[] values = hours.split(",", -1);
        if (values.length != SLOTS / SLOTS_PER_HOUR) {
            throw new IllegalArgumentException(SLOTS / SLOTS_PER_HOUR + " hourly buckets expected, got " + values.length);
        }
        double[] slots = new double[SLOTS];
        for (int h = 0; h < values.length; h++) {
            double value = Double.parseDouble(values[h]);
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("a bucket must be 0 or more: " + values[h]);
            }
            for (int i = 0; i < SLOTS_PER_HOUR; i++) {
                slots[h * SLOTS_PER_HOUR + i] = value / SLOTS_PER_HOUR;
            }
        }
        return slots;
    }

    /** The whole past days in the history. */
    int pastDays() {
        return pastDays.size();
    }

    /** Records {@code leads} arrivals spread evenly over {@code [from, to)} (a poll's window). */
    void arrived(Instant from, Instant to, int leads) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        if (leads <= 0 || dayEnds == null) {
            return;
        }
        if (b <= a) {
            today[slot(to)] += leads;
            return;
        }
        double perMilli = (double) leads / (b - a);
        long t = a;
        while (t < b) {
            long offset = Math.floorMod(t - dayEnds.toEpochMilli(), DAY_MILLIS);
            long end = Math.min(b, t + (SLOT_MILLIS - offset % SLOT_MILLIS));
            today[(int) (offset / SLOT_MILLIS)] += perMilli * (end - t);
            t = end;
        }
    }

    /**
     * The slots of the server's day where leads arrive, for the tail objective ({@link ArrivalSlots}); null before
     * {@value #DAYS_TO_LEARN} whole days, or when the past days' leads did not keep to the same times of day.
     */
    java.util.function.IntPredicate arrivalSlots() {
        return arrivalSlots;
    }

    /** True once {@value #DAYS_TO_LEARN} whole past days are in the history. */
    boolean learned() {
        return pastDays.size() >= DAYS_TO_LEARN;
    }

    /** The slot of an instant: 0 for the first 15 minutes of the server's day. */
    int slot(Instant at) {
        return (int) (Math.floorMod(at.toEpochMilli() - dayEnds.toEpochMilli(), DAY_MILLIS) / SLOT_MILLIS);
    }

    /**
     * The expected arrivals per millisecond at {@code at}.
     *
     * @param prior the rate with no past day (leads per ms)
     */
    double rate(Instant at, double prior) {
        return rate(slot(at), prior);
    }

    private double rate(int slot, double prior) {
        if (!learned()) {
            return prior;
        }
        return usual[slot] / SLOT_MILLIS + FLOOR_SHARE * prior;
    }

    /**
     * The integral of the square root of the rate from {@code from} to {@code to} (at most a day): the weight of that
     * span in a plan that spends polls in proportion to the square root of the arrival rate.
     */
    double sqrtRateIntegral(Instant from, Instant to, double prior) {
        long a = from.toEpochMilli();
        long b = Math.min(to.toEpochMilli(), a + DAY_MILLIS);
        double sum = 0;
        long t = a;
        while (t < b) {
            long offset = Math.floorMod(t - dayEnds.toEpochMilli(), DAY_MILLIS);
            long end = Math.min(b, t + (SLOT_MILLIS - offset % SLOT_MILLIS));
            sum += Math.sqrt(rate((int) (offset / SLOT_MILLIS), prior)) * (end - t);
            t = end;
        }
        return sum;
    }
}
