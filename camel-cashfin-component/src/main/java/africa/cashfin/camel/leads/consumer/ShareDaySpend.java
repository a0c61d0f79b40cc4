package africa.cashfin.camel.leads.consumer;

import java.time.Instant;

/**
 * A consumer's own calls in the server's day of its budget share (adaptive polling): what is left of the share's day
 * after each poll. Counts from zero again when the server's day ends or moves on by more than a minute.
 */
public final class ShareDaySpend {

    /** This consumer's own calls in the server's day that ends at {@link #spentDayEnds}. */
    private long spentToday;
    private Instant spentDayEnds;

    /**
     * The share's day after a poll that made {@code calls} calls: its calls per day less the calls this consumer made
     * since the server's day began, and at most what the secret's daily budget still holds (producers spend from it
     * too).
     *
     * @param day the share's day, or null when the day is not limited (then {@link PollCadence.DayBudget#UNLIMITED})
     */
    public PollCadence.DayBudget afterPoll(ShareDay day, Instant now, int calls) {
        if (day == null) {
            return PollCadence.DayBudget.UNLIMITED;
        }
        if (spentDayEnds == null || !now.isBefore(spentDayEnds) || day.ends().isAfter(spentDayEnds.plusSeconds(60))) {
            spentToday = 0;
            spentDayEnds = day.ends();
        }
        spentToday += calls;
        long left = Math.max(0, (long) Math.floor(day.callsPerDay()) - spentToday);
        if (day.secretCallsLeft() >= 0) {
            left = Math.min(left, day.secretCallsLeft());
        }
        return new PollCadence.DayBudget(left, day.ends());
    }
}
