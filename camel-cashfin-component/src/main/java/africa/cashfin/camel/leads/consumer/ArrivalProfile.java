package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;

/**
 * When leads usually arrive, by time of the server's day: per 15-minute slot, the median of the arrivals in that slot
 * over the last {@value #DAYS_KEPT} server days (the lower median: with two days, the smaller), so that what recurs
 * counts and a one-off burst on one day does not. Pure arithmetic, in memory (a restart starts with no history),
 * driven by {@link PollCadence}.
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
        dayEnds = ends; // a later reset header may move the day's end by a few seconds
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
