package africa.cashfin.camel.leads.consumer;

import java.util.ArrayList;
import java.util.List;

/**
 * Where leads arrive, for the tail objective of adaptive polling ({@link TailPlan}): the 15-minute slots of the server's
 * day in which any past day had arrivals, a gap of at most {@value #GAP_FILLED} slots between two of them (half an
 * hour) counted in. Used only when the past days' leads keep to their hours: each past day, checked against the slots
 * of the other past days, had at least {@value #SHARE} of its leads in them (all days together). Otherwise (leads at
 * any time of day, a one-off campaign, a quiet list whose few leads fall anywhere) there are no such slots and the
 * plan is flat. Pure arithmetic over {@link ArrivalProfile}'s days.
 */
final class ArrivalSlots {

    /** The share of a past day's leads the other days' slots must hold: the p99 the tail objective aims at. */
    static final double SHARE = 0.99;
    /** A gap between two slots with arrivals of at most this many slots counts as one with arrivals. */
    static final int GAP_FILLED = 2;

    private ArrivalSlots() {
    }

    /**
     * @param  days arrivals per slot of the past server days ({@link ArrivalProfile#SLOTS} each)
     * @return      per slot, true where leads arrive; null with fewer than two days, no arrivals, or when the days'
     *              leads do not keep to the same slots
     */
    static boolean[] of(List<double[]> days) {
        if (days.size() < 2) {
            return null;
        }
        double covered = 0;
        double total = 0;
        for (int j = 0; j < days.size(); j++) {
            List<double[]> others = new ArrayList<>(days);
            double[] day = others.remove(j);
            boolean[] where = withArrivals(others);
            for (int i = 0; i < day.length; i++) {
                total += day[i];
                if (where[i]) {
                    covered += day[i];
                }
            }
        }
        if (total <= 0 || covered < SHARE * total) {
            return null;
        }
        return withArrivals(days);
    }

    /** The slots with arrivals on any of {@code days}, gaps of at most {@link #GAP_FILLED} slots filled. */
    static boolean[] withArrivals(List<double[]> days) {
        int slots = ArrivalProfile.SLOTS;
        boolean[] where = new boolean[slots];
        int any = -1;
        for (double[] day : days) {
            for (int i = 0; i < slots; i++) {
                if (day[i] > 0) {
                    where[i] = true;
                    any = i;
                }
            }
        }
        if (any < 0) {
            return where;
        }
        // walk the day round from a slot with arrivals, filling each short gap (the day wraps at its end)
        boolean[] filled = where.clone();
        int gap = 0;
        for (int k = 1; k <= slots; k++) {
            int i = (any + k) % slots;
            if (where[i]) {
                if (gap > 0 && gap <= GAP_FILLED) {
                    for (int g = 1; g <= gap; g++) {
                        filled[Math.floorMod(i - g, slots)] = true;
                    }
                }
                gap = 0;
            } else {
                gap++;
            }
        }
        return filled;
    }
}
