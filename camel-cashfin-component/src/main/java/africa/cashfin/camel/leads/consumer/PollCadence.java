package africa.cashfin.camel.leads.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Adaptive polling ({@code adaptivePolling=true}): the delay before the next poll, from what the polls see and from
 * the endpoint's share of the server's day. Pure decisions, no clock of its own, no Camel; driven by the consumer's
 * single poll thread (its figures may be read from any thread).
 * <ul>
 * <li><b>The day's plan</b>: the calls a fixed {@code delay} would spend from the first poll of the server's day to its
 * end ({@code T / delay}, 288 a day at 5 min). With {@code P} polls of the plan left ({@code (plan - spent) / c},
 * {@code c} calls per poll, a running average), the rate of arrivals {@code r(s)} expected at each time {@code s} of
 * the day ({@link ArrivalProfile}: when leads arrived on past server days of the same kind, weekdays and weekends
 * apart ({@link DayKind}); flat, one lead per {@code delay}, before two such days were seen) and {@code r} the rate now, the delay is {@code W / (P x sqrt(r))} with {@code W} the integral of
 * {@code sqrt(r(s))} from now to the day's end: the polls left spread in proportion to the square root of the
 * arrival rate, which minimises the expected wait of a lead for that many polls ({@link Regime#PLAN}; at
 * {@code maxDelay} {@link Regime#IDLE}): the {@link Objective#MEAN} objective. With {@link Objective#TAIL} the polls
 * left spread evenly over the slots of the day where leads arrive and the others are polled at {@code maxDelay}
 * ({@link TailPlan}), which makes the longest wait there short instead. Re-planned after every poll, so a burst's
 * polls come out of the rest of the day and a quiet morning leaves more for the afternoon; the calls left at the end
 * of the day are spent before it ends rather than lost. With the plan spent, polls are {@code maxDelay} apart, and one
 * is at the end of the day (when the next day's plan begins).</li>
 * <li><b>Activity</b>: a poll that handed {@code k} leads to the route, {@code t} after the poll before, observed a
 * rate {@code (k - 1) / t} (a lone lead is no sign of a burst); when it is above the profile's, it is the {@code r}
 * above ({@link Regime#BURST} when more than
 * four times the profile's: the delay is at least halved), so a burst is polled fast, at least {@code minDelay} apart.
 * A poll that finds no burst after one lingers at the burst's delay while the silence since the burst's last busy poll
 * is shorter than 20 of the burst's mean gaps between leads ({@code LINGER_GAPS}) and the plan's delay, so a gap
 * between a burst's leads does not end it; then the plan.</li>
 * <li><b>Budget</b> (only with a daily limit, a hard bound over the plan): with {@code L} calls of the share left in
 * the server's day and {@code T} until the day ends, the consumer keeps {@code c x T / maxDelay} calls for idling at
 * {@code maxDelay} until the day ends; while what is left beyond that covers the next poll, the plan's delay stands.
 * Once it does not, the delay is at least the even pace of what is left, {@code c x T / L} ({@link Regime#BUDGET}), so
 * the share lasts until the end of the day and is never exceeded; with nothing left, the next poll waits for the new
 * day ({@link Regime#SPENT}).</li>
 * </ul>
 */
public final class PollCadence {

    /** The running average of calls per poll weighs the last poll this much. */
    private static final double CALLS_PER_POLL_WEIGHT = 0.2;
    /** A poll that saw leads arriving more than this many times faster than the profile expects found a burst. */
    private static final double BURST_FACTOR = 4;
    /**
     * A burst lingers while the silence since its last busy poll is shorter than this many of its mean gaps between
     * leads: a gap that long between leads arriving at random at the burst's rate has a chance of {@code e^-20}, about
     * 2 in a billion, so a silence that long is the burst's end, a shorter one may be a gap in it.
     */
    static final double LINGER_GAPS = 20;

    /** What the day's plan makes short: the mean wait of a lead, or the longest wait where leads arrive. */
    public enum Objective {
        /** Polls in proportion to the square root of the expected arrival rate: the shortest mean wait. */
        MEAN,
        /**
         * Polls evenly where leads arrive ({@link ArrivalSlots}), {@code maxDelay} apart elsewhere: the shortest
         * longest wait (p99) where leads arrive, if they keep to their hours.
         */
        TAIL;

        /** The option's values. */
        public static final String NAMES = "mean,tail";

        /**
         * @throws IllegalArgumentException naming the values when {@code text} is none of them
         */
        public static Objective parse(String text) {
            for (Objective o : values()) {
                if (o.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return o;
                }
            }
            throw new IllegalArgumentException("adaptiveObjective must be one of " + NAMES + ", got '" + text + "'");
        }
    }

    /** Why the delay is what it is. */
    public enum Regime {
        /** The last poll found leads arriving more than four times faster than the profile expects: polling fast. */
        BURST,
        /**
         * Following the day's plan: polls spread in proportion to the square root of the expected arrival rate
         * ({@link Objective#MEAN}), or evenly where leads arrive ({@link Objective#TAIL}).
         */
        PLAN,
        /**
         * Polling at {@code maxDelay}: the plan expects next to nothing now (with {@link Objective#TAIL}: a time of day
         * when leads do not arrive, until one when they do), or the plan's calls are spent.
         */
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
    /** The fixed delay whose calls make the day's plan. */
    private final Duration planDelay;
    private final Objective objective;
    /** When leads arrive, learnt apart for weekdays and weekends ({@link DayKind}). */
    private final java.util.Map<DayKind, ArrivalProfile> profiles = new java.util.EnumMap<>(java.util.Map.of(
            DayKind.WEEKDAY, new ArrivalProfile(), DayKind.WEEKEND, new ArrivalProfile()));
    /** The end of the server's day the plan is for. */
    private Instant planDayEnds;
    /** The calls of the day's plan, and the calls spent in that day. */
    private double planCalls;
    private long spentInDay;
    private Instant lastPollAt;
    private double callsPerPoll = 1;
    /**
     * The burst in progress: the leads and the time of its polls after the first (the first's interval began before
     * the burst), the mean gap between leads its first poll saw, and its last poll at a burst's rate.
     */
    private long burstLeads;
    private long burstMillis;
    private double burstFirstGap;
    private Instant burstLastAt;
    // written by the poll thread only; volatile for the JMX, console and metrics readers
    private volatile Duration delay;
    private volatile Regime regime;
    private volatile Instant nextPollAt;
    private volatile long callsLeft = -1;
    private volatile long projectedSpend = -1;
    private volatile long planLeft = -1;

    /**
     * @param minDelay  the shortest delay, during a burst (at least 1 ms)
     * @param maxDelay  the longest delay (at least {@code planDelay})
     * @param planDelay the fixed delay whose calls make the day's plan (at least {@code minDelay})
     */
    public PollCadence(Duration minDelay, Duration maxDelay, Duration planDelay) {
        this(minDelay, maxDelay, planDelay, Objective.MEAN);
    }

    /**
     * @param minDelay  the shortest delay, during a burst (at least 1 ms)
     * @param maxDelay  the longest delay (at least {@code planDelay})
     * @param planDelay the fixed delay whose calls make the day's plan (at least {@code minDelay})
     * @param objective what the day's plan makes short
     */
    public PollCadence(Duration minDelay, Duration maxDelay, Duration planDelay, Objective objective) {
        if (minDelay.toMillis() < 1 || planDelay.compareTo(minDelay) < 0 || maxDelay.compareTo(planDelay) < 0) {
            throw new IllegalArgumentException("adaptivePolling needs 0 < minDelay <= delay <= maxDelay (the day's"
                                               + " plan is the calls of a fixed delay), got minDelay="
                                               + minDelay.toMillis() + " ms, delay=" + planDelay.toMillis()
                                               + " ms and maxDelay=" + maxDelay.toMillis() + " ms");
        }
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
        this.planDelay = planDelay;
        this.objective = java.util.Objects.requireNonNull(objective, "objective");
        this.delay = planDelay;
        this.regime = Regime.PLAN;
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
     * @param  leadsFound leads the poll handed to the route (their arrivals, spread over the time since the poll
     *                    before, teach the profile when leads arrive)
     * @param  calls      list calls the poll made (sweep pages included)
     * @param  budget     the share's day, read after the poll
     * @return            the regime before this poll when it changed, else null
     */
    public Regime polled(Instant now, int leadsFound, int calls, DayBudget budget) {
        callsPerPoll += CALLS_PER_POLL_WEIGHT * (Math.max(1, calls) - callsPerPoll);
        Instant dayEnds = budget.limited() ? budget.dayEnds()
                : now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!dayEnds.isAfter(now)) {
            dayEnds = now.plus(planDelay); // a stale day: the next headers or the budget below move it on
        }
        ArrivalProfile profile = profiles.get(DayKind.of(dayEnds));
        profile.day(dayEnds);
        if (planDayEnds == null || dayEnds.isAfter(planDayEnds.plusSeconds(60))) {
            planCalls = (double) Duration.between(now, dayEnds).toMillis() / planDelay.toMillis();
            spentInDay = 0;
        }
        planDayEnds = dayEnds;
        spentInDay += Math.max(0, calls);

        double prior = 1.0 / planDelay.toMillis();
        double expected = profile.rate(now, prior);
        double observed = 0;
        if (leadsFound > 0 && lastPollAt != null && now.isAfter(lastPollAt)) {
            // the first poll's leads are a backlog of unknown age: not a rate; a lone lead is no sign of a burst (the
            // poll would have seen it at any rate), so the rate counts the leads beyond the first
            profile.arrived(lastPollAt, now, leadsFound);
            observed = (double) (leadsFound - 1) / Duration.between(lastPollAt, now).toMillis();
        }
        long lastPollMillis = lastPollAt == null ? 0 : Math.max(0, Duration.between(lastPollAt, now).toMillis());
        lastPollAt = now;
        boolean burst = observed > BURST_FACTOR * expected;
        double pollsLeft = (planCalls - spentInDay) / callsPerPoll;
        Duration planned;
        Regime next;
        if (pollsLeft < 1) {
            // the plan is spent: maxDelay apart, and a poll when the next day's plan begins
            Duration untilDayEnds = Duration.between(now, dayEnds);
            planned = untilDayEnds.compareTo(maxDelay) >= 0 ? maxDelay
                    : untilDayEnds.compareTo(minDelay) <= 0 ? minDelay : untilDayEnds;
            next = Regime.IDLE;
        } else if (objective == Objective.TAIL) {
            // evenly where leads arrive, the floor elsewhere; only a burst (not a busy poll) polls sooner
            TailPlan.Step step = TailPlan.next(profile.arrivalSlots(), dayEnds, now, pollsLeft, maxDelay);
            double millis = burst ? step.delayMillis() * Math.sqrt(expected / observed) : step.delayMillis();
            planned = bounded(millis);
            next = burst ? Regime.BURST : !step.arrivals() || planned.compareTo(maxDelay) >= 0 ? Regime.IDLE
                    : Regime.PLAN;
        } else {
            double weight = profile.sqrtRateIntegral(now, dayEnds, prior);
            double millis = weight / (pollsLeft * Math.sqrt(Math.max(expected, observed)));
            planned = bounded(millis);
            next = planned.compareTo(maxDelay) >= 0 ? Regime.IDLE
                    : burst ? Regime.BURST : Regime.PLAN;
        }
        if (burst) {
            if (regime != Regime.BURST) {
                // the burst's first poll: its interval began before the burst, so only its rate says the gap
                burstLeads = 0;
                burstMillis = 0;
                burstFirstGap = (double) lastPollMillis / (leadsFound - 1);
            } else {
                burstLeads += leadsFound;
                burstMillis += lastPollMillis;
            }
            burstLastAt = now;
        } else if (regime == Regime.BURST && pollsLeft >= 1 && burstLastAt != null) {
            // a burst lingers: a poll that finds no burst right after one (a gap between the burst's leads, or its
            // end) polls again at the burst's delay while the silence since the burst's last busy poll is shorter than
            // LINGER_GAPS of its mean gaps between leads, and that is shorter than the plan's delay (else the plan's
            // next poll comes about as soon); the polls it makes come out of the rest of the day's plan
            double meanGap = burstLeads > 0 ? (double) burstMillis / burstLeads : burstFirstGap;
            double window = LINGER_GAPS * meanGap;
            long silence = Duration.between(burstLastAt, now).toMillis();
            if (silence < window && window < planned.toMillis()) {
                planned = delay.compareTo(planned) < 0 ? delay : planned;
                next = Regime.BURST;
            }
        }
        Duration chosen = planned;
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
                if (even.compareTo(planned) > 0) {
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
        planLeft = Math.max(0, (long) Math.floor(planCalls - spentInDay));
        Regime before = regime;
        delay = chosen;
        regime = next;
        nextPollAt = now.plus(chosen);
        return before == next ? null : before;
    }

    /** {@code millis} between {@code minDelay} and {@code maxDelay}. */
    private Duration bounded(double millis) {
        return millis >= maxDelay.toMillis() ? maxDelay
                : millis <= minDelay.toMillis() ? minDelay : Duration.ofMillis((long) Math.ceil(millis));
    }

    /**
     * The learnt arrival profile of one kind of day in its stored form ({@link ArrivalProfile#text()}); null before
     * the first poll on such a day.
     */
    public String profileText(DayKind kind) {
        return profiles.get(kind).text();
    }

    /**
     * Restores the arrival profile of one kind of day from its stored form, before the first poll: the cadence
     * follows it at once instead of polling evenly until two whole days of that kind are learnt again.
     *
     * @return the whole past days restored
     * @throws IllegalArgumentException when {@code text} is not a stored profile (nothing is changed)
     */
    public int restoreProfile(DayKind kind, String text) {
        ArrivalProfile profile = profiles.get(kind);
        profile.restore(text);
        return profile.pastDays();
    }

    /** The calls of the day's plan not yet spent after the last poll. */
    public long planCallsLeft() {
        return planLeft;
    }

    /** The delay chosen after the last poll (the plan's {@code delay} before the first). */
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

    /** @return e.g. {@code plan: every 2 min 10 s, 201 calls of the day's plan left, 842 calls of the share left...} */
    public String describe() {
        StringBuilder b = new StringBuilder(regime.text()).append(": every ")
                .append(africa.cashfin.camel.leads.api.limit.DurationText.of(delay)).append(", ").append(planLeft)
                .append(" calls of the day's plan left");
        if (callsLeft >= 0) {
            b.append(", ").append(callsLeft).append(" calls of the share left in the server's day, about ")
                    .append(projectedSpend).append(" of them to be spent at this pace");
        }
        return b.toString();
    }
}
