package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;

/**
 * The tail objective of adaptive polling ({@code adaptiveObjective=tail}): the polls left of the day's plan spread
 * evenly over the slots where leads arrive ({@link ArrivalSlots}), the other slots polled at {@code maxDelay} (the
 * floor at night) with a poll when a slot with arrivals begins. With {@code B} the time left in the day in slots with
 * arrivals, {@code I} the polls the other slots take ({@code ceil(span / maxDelay)} per span) and {@code P} the polls
 * left, the delay in a slot with arrivals is {@code B / (P - I)}: the longest wait of a lead that arrives where leads
 * arrive is as short as {@code P} polls allow, where the square-root plan ({@code mean}) makes the mean wait short.
 * Pure arithmetic, used by {@link PollCadence}.
 */
final class TailPlan {

    /**
     * The plan's next step.
     *
     * @param delayMillis the delay before the next poll, before the cadence's bounds ({@code minDelay},
     *                    {@code maxDelay}); infinite when the polls left do not pay for the other slots' floor
     * @param arrivals    true when now is in a slot where leads arrive
     */
    record Step(double delayMillis, boolean arrivals) {
    }

    private TailPlan() {
    }

    /**
     * @param slots     per 15-minute slot of the server's day (0 to 95), true where leads arrive; null: everywhere
     *                  (flat)
     * @param dayEnds   when the server's day ends (its slot 0 begins 24 h before)
     * @param now       after the poll, before {@code dayEnds}
     * @param pollsLeft the polls of the day's plan left
     * @param maxDelay  the floor's delay
     */
    static Step next(java.util.function.IntPredicate slots, Instant dayEnds, Instant now, double pollsLeft, Duration maxDelay) {
        long end = dayEnds.toEpochMilli();
        long t = now.toEpochMilli();
        long floor = maxDelay.toMillis();
        boolean arrivalsNow = slots == null || slots.test(slot(t, end));
        double busyMillis = 0;
        double floorPolls = 0;
        long floorRun = 0;
        long nextArrivalsAt = -1;
        for (long s = t; s < end;) {
            long offset = Math.floorMod(s - end, ArrivalProfile.DAY_MILLIS);
            long segmentEnd = Math.min(end, s + ArrivalProfile.SLOT_MILLIS - offset % ArrivalProfile.SLOT_MILLIS);
            if (slots == null || slots.test((int) (offset / ArrivalProfile.SLOT_MILLIS))) {
                if (floorRun > 0) {
                    floorPolls += Math.ceil((double) floorRun / floor);
                    floorRun = 0;
                }
                if (nextArrivalsAt < 0) {
                    nextArrivalsAt = s;
                }
                busyMillis += segmentEnd - s;
            } else {
                floorRun += segmentEnd - s;
            }
            s = segmentEnd;
        }
        if (floorRun > 0) {
            floorPolls += Math.ceil((double) floorRun / floor);
        }
        if (!arrivalsNow) {
            // the floor, and a poll when the next slot with arrivals begins (or the day ends: the next day's plan)
            long until = (nextArrivalsAt < 0 ? end : nextArrivalsAt) - t;
            return new Step(Math.min(floor, until), false);
        }
        double busyPolls = pollsLeft - floorPolls;
        return new Step(busyPolls >= 1 ? busyMillis / busyPolls : Double.POSITIVE_INFINITY, true);
    }

    private static int slot(long t, long dayEnds) {
        return (int) (Math.floorMod(t - dayEnds, ArrivalProfile.DAY_MILLIS) / ArrivalProfile.SLOT_MILLIS);
    }
}
