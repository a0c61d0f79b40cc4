package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Adaptive polling ({@code adaptivePolling=true}): the delay before the next poll, from what the polls see and from
 * the endpoint's share of the server's day. Pure decisions, no clock of its own, no Camel; driven by the consumer's
 * single poll thread (its figures may be read from any thread).
 * <ul>
 * <li><b>Activity</b>: a poll that handed {@code k} leads to the route, {@code t} after the poll before, sets the delay
 * to the interval between their arrivals, {@code t / k}, at least {@code minDelay} ({@link Regime#BURST}; at
 * {@code maxDelay} it stays {@link Regime#IDLE}: a lone lead on a quiet list does not set off fast polls); each poll
 * in a row that found nothing doubles the delay ({@link Regime#COOLING}), up to {@code maxDelay}
 * ({@link Regime#IDLE}).</li>
 * <li><b>Budget</b> (only with a daily limit): with {@code L} calls of the share left in the server's day, {@code T}
 * until the day ends and {@code c} calls per poll (a running average, sweep pages included), the consumer keeps
 * {@code c x T / maxDelay} calls for idling at {@code maxDelay} until the day ends; while what is left beyond that
 * covers the next poll, the activity's delay stands. Once it does not, the delay is at least the even pace of what is
 * left, {@code c x T / L} ({@link Regime#BUDGET}), so the share lasts until the end of the day and is never exceeded;
 * with nothing left, the next poll waits for the new day ({@link Regime#SPENT}). As the day runs out the reserve for
 * idling shrinks, so calls saved while idle earlier are there for a burst late in the day instead of being lost at
 * midnight; an idle list does not burn them.</li>
 * </ul>
 */
public final class PollCadence {

    /** The running average of calls per poll weighs the last poll this much. */
    private static final double CALLS_PER_POLL_WEIGHT = 0.2;

    /** Why the delay is what it is. */
    public enum Regime {
        /** The last poll found leads: polling at the interval between their arrivals, at least {@code minDelay}. */
        BURST,
        /** Polls found nothing lately: the delay doubles with each idle poll. */
        COOLING,
        /** Nothing for a while: polling at {@code maxDelay}. */
        IDLE,
        /** The share's calls left in the day allow no faster than their even pace. */
        BUDGET,
        /** The share's calls of the day are spent: the next poll is at the start of the server's next day. */
        SPENT;

        /** The name in log lines, JMX and the console: {@code burst}, {@code idle}... */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The share's day as the consumer sees it before deciding.
     *
     * @param callsLeft the share's calls left in the server's day; negative when the day is not limited
     * @param dayEnds   when the server's day ends (the budget is refilled), or null when the day is not limited
     */
    public record DayBudget(long callsLeft, Instant dayEnds) {

        /** No daily limit. */
        public static final DayBudget UNLIMITED = new DayBudget(-1, null);

        boolean limited() {
            return dayEnds != null && callsLeft >= 0;
        }
    }

    private final Duration minDelay;
    private final Duration maxDelay;
    /** The activity's delay (before the budget), which idle polls double. */
    private Duration activityDelay;
    private Instant lastPollAt;
    private double callsPerPoll = 1;
    // written by the poll thread only; volatile for the JMX, console and metrics readers
    private volatile Duration delay;
    private volatile Regime regime;
    private volatile Instant nextPollAt;
    private volatile long callsLeft = -1;
    private volatile long projectedSpend = -1;

    /**
     * @param minDelay the delay right after leads were found (at least 1 ms)
     * @param maxDelay the longest delay while idle (at least minDelay)
     */
    public PollCadence(Duration minDelay, Duration maxDelay) {
        if (minDelay.toMillis() < 1 || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("adaptivePolling needs 0 < minDelay <= maxDelay, got minDelay="
                                               + minDelay.toMillis() + " ms and maxDelay=" + maxDelay.toMillis()
                                               + " ms");
        }
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
        this.delay = minDelay;
        this.activityDelay = minDelay;
        this.regime = Regime.BURST;
    }

    /**
     * The scheduler's tick with adaptive polling: a fifth of {@code minDelay}, between 10 ms and 1 s, so a poll starts
     * at most that late. A tick that is not due makes no call.
     */
    public static long tickMillis(long minDelayMillis) {
        return Math.max(10, Math.min(1_000, minDelayMillis / 5));
    }

    /** True when the next poll is due at {@code now} (the first poll always is). */
    public boolean due(Instant now) {
        return nextPollAt == null || !now.isBefore(nextPollAt);
    }

    /**
     * Decides the delay after a poll.
     *
     * @param  now        when the poll ended
     * @param  leadsFound leads the poll handed to the route
     * @param  calls      list calls the poll made (sweep pages included)
     * @param  budget     the share's day, read after the poll
     * @return            the regime before this poll when it changed, else null
     */
    public Regime polled(Instant now, int leadsFound, int calls, DayBudget budget) {
        callsPerPoll += CALLS_PER_POLL_WEIGHT * (Math.max(1, calls) - callsPerPoll);
        Duration activity;
        if (leadsFound > 0) {
            // the interval between the leads' arrivals; the first poll (no interval yet) starts fast
            activity = lastPollAt == null ? minDelay
                    : Duration.ofMillis(Math.max(0, Duration.between(lastPollAt, now).toMillis()) / leadsFound);
        } else {
            activity = activityDelay.multipliedBy(2);
        }
        activity = activity.compareTo(minDelay) < 0 ? minDelay : activity.compareTo(maxDelay) > 0 ? maxDelay : activity;
        Regime next = activity.compareTo(maxDelay) >= 0 ? Regime.IDLE
                : leadsFound > 0 ? Regime.BURST : Regime.COOLING;
        lastPollAt = now;
        Duration chosen = activity;
        if (budget.limited()) {
            Duration untilDayEnds = Duration.between(now, budget.dayEnds());
            if (untilDayEnds.isNegative()) {
                untilDayEnds = Duration.ZERO;
            }
            double dayMillis = untilDayEnds.toMillis();
            double left = budget.callsLeft();
            double keepForIdling = callsPerPoll * dayMillis / maxDelay.toMillis();
            if (left < callsPerPoll) {
                chosen = untilDayEnds.compareTo(minDelay) > 0 ? untilDayEnds : minDelay;
                next = Regime.SPENT;
            } else if (left - callsPerPoll < keepForIdling) {
                Duration even = Duration.ofMillis((long) Math.ceil(callsPerPoll * dayMillis / left));
                if (even.compareTo(activity) > 0) {
                    chosen = even;
                    next = Regime.BUDGET;
                }
            }
            callsLeft = budget.callsLeft();
            projectedSpend = Math.min(budget.callsLeft(),
                    (long) Math.ceil(callsPerPoll * dayMillis / Math.max(1, chosen.toMillis())));
        } else {
            callsLeft = -1;
            projectedSpend = -1;
        }
        Regime before = regime;
        activityDelay = activity;
        delay = chosen;
        regime = next;
        nextPollAt = now.plus(chosen);
        return before == next ? null : before;
    }

    /** The delay chosen after the last poll ({@code minDelay} before the first). */
    public Duration delay() {
        return delay;
    }

    /** Why the delay is what it is. */
    public Regime regime() {
        return regime;
    }

    /** When the next poll is due; null before the first poll. */
    public Instant nextPollAt() {
        return nextPollAt;
    }

    /** The share's calls left in the server's day after the last poll; -1 without a daily limit. */
    public long callsLeft() {
        return callsLeft;
    }

    /**
     * The calls the share is projected to spend from the last poll until the server's day ends, at the current delay
     * and calls per poll (at most what is left); -1 without a daily limit.
     */
    public long projectedSpend() {
        return projectedSpend;
    }

    /** The running average of calls per poll. */
    public double callsPerPoll() {
        return callsPerPoll;
    }

    /** @return e.g. {@code burst: next poll in 10s} */
    public String describe() {
        StringBuilder b = new StringBuilder(regime.text()).append(": every ")
                .append(africa.cashfin.camel.leads.api.limit.DurationText.of(delay));
        if (callsLeft >= 0) {
            b.append(", ").append(callsLeft).append(" calls of the share left in the server's day, about ")
                    .append(projectedSpend).append(" of them to be spent at this pace");
        }
        return b.toString();
    }
}
