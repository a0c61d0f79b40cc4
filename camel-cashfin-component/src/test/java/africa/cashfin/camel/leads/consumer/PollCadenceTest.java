package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import africa.cashfin.camel.leads.consumer.PollCadence.DayBudget;
import africa.cashfin.camel.leads.consumer.PollCadence.Regime;

/** The adaptive cadence's decisions (the route-level behaviour is in AdaptivePollingRouteTest). */
class PollCadenceTest {

    static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");
    static final Instant MIDNIGHT = Instant.parse("2026-12-08T00:00:00Z");

    @Test
    void withNoPastDayPollsAtTheDelayAndFasterOnlyWhileLeadsArriveFasterThanThat() {
        PollCadence cadence = new PollCadence(Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(5));
        assertThat(cadence.due(NOON)).as("the first poll is always due").isTrue();

        // the first poll's leads are a backlog, not a rate: 12 h to midnight, a plan of 144 calls, 143 left
        assertThat(cadence.polled(NOON, 40, 1, DayBudget.UNLIMITED)).as("no change from the plan").isNull();
        assertThat(cadence.regime()).isEqualTo(Regime.PLAN);
        assertThat(cadence.planCallsLeft()).isEqualTo(143);
        assertThat(cadence.delay().toSeconds()).as("12 h over 143 polls").isEqualTo(302);
        assertThat(cadence.due(NOON.plusSeconds(301))).isFalse();
        assertThat(cadence.due(NOON.plusSeconds(303))).isTrue();

        // a lone lead in 5 minutes is the expected rate (one lead per delay): still the plan
        Instant now = NOON.plus(cadence.delay());
        assertThat(cadence.polled(now, 1, 1, DayBudget.UNLIMITED)).isNull();
        assertThat(cadence.delay().toSeconds()).isBetween(295L, 310L);

        // 30 leads in 5 minutes: 30 times the expected rate, so sqrt(30) times more often
        now = now.plus(cadence.delay());
        assertThat(cadence.polled(now, 30, 1, DayBudget.UNLIMITED)).isEqualTo(Regime.PLAN);
        assertThat(cadence.regime()).isEqualTo(Regime.BURST);
        assertThat(cadence.delay().toSeconds()).isBetween(53L, 57L);
        // 300 more in the next 55 s: never below minDelay
        now = now.plus(cadence.delay());
        cadence.polled(now, 300, 1, DayBudget.UNLIMITED);
        assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(10));

        // a poll that finds nothing returns to the plan at once; the burst's calls came out of the rest of the day
        now = now.plusSeconds(10);
        assertThat(cadence.polled(now, 0, 1, DayBudget.UNLIMITED)).isEqualTo(Regime.BURST);
        assertThat(cadence.regime()).isEqualTo(Regime.PLAN);
        long rest = Duration.between(now, MIDNIGHT).toSeconds();
        assertThat(cadence.planCallsLeft()).as("five polls made").isEqualTo(144 - 5);
        assertThat(cadence.delay().toSeconds()).isBetween(rest / 139, rest / 139 + 1);
        assertThat(cadence.callsLeft()).as("no daily limit").isEqualTo(-1);
    }

    /**
     * Three days on which leads arrive from 08:00 to 18:00 only teach the cadence to spend the fourth day's plan in
     * business hours: polls there about sqrt(rate) times as often as in the night, and the day costs no more than the
     * plan.
     */
    @Test
    void learnsWhenLeadsArriveAndSpendsTheDaysPlanWhereTheyDo() {
        PollCadence cadence = new PollCadence(Duration.ofSeconds(10), Duration.ofMinutes(60), Duration.ofMinutes(5));
        Instant start = Instant.parse("2026-11-30T00:00:00Z"); // Monday to Thursday: four weekdays
        Instant now = start;
        long[] callsPerDay = new long[4];
        Duration[] nightAndDay = new Duration[2];
        double owed = 0; // leads arrived since the last poll: 30 an hour from 08:00 to 18:00, none at night
        while (now.isBefore(start.plus(Duration.ofDays(4)))) {
            int hour = now.atZone(java.time.ZoneOffset.UTC).getHour();
            int day = (int) Duration.between(start, now).toDays();
            int leads = (int) owed;
            owed -= leads;
            cadence.polled(now, leads, 1, DayBudget.UNLIMITED);
            callsPerDay[day]++;
            if (day == 3 && hour == 3 && nightAndDay[0] == null) {
                nightAndDay[0] = cadence.delay();
            }
            if (day == 3 && hour == 12 && nightAndDay[1] == null) {
                nightAndDay[1] = cadence.delay();
            }
            Instant next = cadence.nextPollAt();
            owed += arrivals(now, next, 30.0 / 3_600);
            now = next;
        }
        assertThat(callsPerDay[0]).as("the first day, no history: one poll per delay").isBetween(286L, 292L);
        assertThat(callsPerDay[3]).as("the fourth day spends its plan").isBetween(270L, 292L);
        // 30 leads an hour are 7.5 a slot against the floor's 0.6 (a fifth of one lead per 5 min): sqrt(8.1 / 0.6)
        assertThat(nightAndDay[1]).as("at noon (30 leads an hour)").isLessThan(Duration.ofMinutes(4));
        assertThat(nightAndDay[0]).as("at night (nothing ever arrived)")
                .isGreaterThan(nightAndDay[1].multipliedBy(3));
    }

    /**
     * With the tail objective the same three days teach it to poll evenly from 08:00 to 18:00 and at maxDelay at
     * night: noon is polled as often as 08:30 and 17:30, at most {@code B / (P - I)} apart, and the day costs no more
     * than its plan.
     */
    @Test
    void theTailObjectivePollsEvenlyWhereLeadsArriveAndAtMaxDelayElsewhere() {
        PollCadence cadence = new PollCadence(Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(5),
                PollCadence.Objective.TAIL);
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        Instant now = start;
        long[] callsPerDay = new long[4];
        long longestBusyGap = 0;
        long shortestNightGap = Long.MAX_VALUE;
        double owed = 0;
        while (now.isBefore(start.plus(Duration.ofDays(4)))) {
            int day = (int) Duration.between(start, now).toDays();
            int leads = (int) owed;
            owed -= leads;
            cadence.polled(now, leads, 1, DayBudget.UNLIMITED);
            callsPerDay[day]++;
            Instant next = cadence.nextPollAt();
            int hour = now.atZone(java.time.ZoneOffset.UTC).getHour();
            long gap = Duration.between(now, next).toMillis();
            Instant today = start.plus(Duration.ofDays(day));
            if (day == 3 && hour >= 8 && !next.isAfter(today.plus(Duration.ofHours(18)))) {
                longestBusyGap = Math.max(longestBusyGap, gap);
            }
            if (day == 3 && (hour < 7 || hour >= 19) && next.isBefore(start.plus(Duration.ofDays(4)))) {
                shortestNightGap = Math.min(shortestNightGap, gap);
            }
            owed += arrivals(now, next, 30.0 / 3_600);
            now = next;
        }
        assertThat(callsPerDay[3]).as("the fourth day spends its plan").isBetween(270L, 290L);
        // the day's leads were seen from about 07:55 to 18:05 (a poll's leads are spread over the time since the poll
        // before): at most 10.5 h where leads arrive, the rest, at least 13.5 h, costs at least 27 polls of the 288
        long bound = Duration.ofMinutes(630).toMillis() / (288 - 27);
        assertThat(longestBusyGap).as("the longest gap from 08:00 to 18:00").isLessThanOrEqualTo(bound);
        assertThat(longestBusyGap).as("an even spread of 10 h over about 260 polls")
                .isGreaterThan(Duration.ofMinutes(600).toMillis() / 270);
        assertThat(shortestNightGap).as("the floor at night").isEqualTo(Duration.ofMinutes(30).toMillis());
    }

    /**
     * Weekdays and weekends are learnt apart (issue 21's quiet weekend): leads from 08:00 to 18:00 on weekdays and from
     * 20:00 to 22:00 on weekends; after two weeks a Saturday polls its evening, not the weekdays' noon, and a Monday
     * its noon.
     */
    @Test
    void learnsWeekdaysAndWeekendsApart() {
        PollCadence cadence = new PollCadence(Duration.ofSeconds(10), Duration.ofMinutes(60), Duration.ofMinutes(5));
        Instant start = Instant.parse("2026-11-30T00:00:00Z"); // a Monday
        Instant end = start.plus(Duration.ofDays(15));
        Instant now = start;
        java.util.Map<String, Duration> seen = new java.util.HashMap<>();
        double owed = 0;
        while (now.isBefore(end)) {
            int leads = (int) owed;
            owed -= leads;
            cadence.polled(now, leads, 1, DayBudget.UNLIMITED);
            java.time.ZonedDateTime at = now.atZone(java.time.ZoneOffset.UTC);
            if (Duration.between(start, now).toDays() >= 12) { // the third Saturday and Sunday, and a Monday
                seen.putIfAbsent(at.getDayOfWeek() + "@" + at.getHour(), cadence.delay());
            }
            Instant next = cadence.nextPollAt();
            for (Instant t = now; t.isBefore(next); t = t.plusSeconds(10)) {
                java.time.ZonedDateTime z = t.atZone(java.time.ZoneOffset.UTC);
                boolean weekend = z.getDayOfWeek().getValue() >= 6;
                boolean busy = weekend ? z.getHour() >= 20 && z.getHour() < 22 : z.getHour() >= 8 && z.getHour() < 18;
                owed += busy ? 30.0 / 360 : 0; // 30 an hour
            }
            now = next;
        }
        Duration saturdayNoon = seen.get("SATURDAY@12");
        Duration saturdayEvening = seen.get("SATURDAY@20");
        Duration mondayNoon = seen.get("MONDAY@12");
        assertThat(saturdayEvening).as("Saturday 20:00, as weekends go").isLessThan(Duration.ofMinutes(3));
        assertThat(saturdayNoon).as("Saturday noon: no weekend had leads then")
                .isGreaterThan(saturdayEvening.multipliedBy(2));
        assertThat(mondayNoon).as("Monday noon, as weekdays go").isLessThan(Duration.ofMinutes(4));
        assertThat(seen.get("MONDAY@20")).as("Monday 20:00").isGreaterThan(mondayNoon.multipliedBy(2));
    }

    @Test
    void theKindOfAServerDayIsTheWeekdayOfItsMiddle() {
        assertThat(DayKind.of(Instant.parse("2026-12-05T00:00:00Z"))).as("Friday, UTC").isEqualTo(DayKind.WEEKDAY);
        assertThat(DayKind.of(Instant.parse("2026-12-06T00:00:00Z"))).as("Saturday, UTC").isEqualTo(DayKind.WEEKEND);
        assertThat(DayKind.of(Instant.parse("2026-12-07T00:00:00Z"))).as("Sunday, UTC").isEqualTo(DayKind.WEEKEND);
        // a server at UTC+3 ends Saturday at 21:00 UTC on Saturday, and Friday at 21:00 UTC on Friday
        assertThat(DayKind.of(Instant.parse("2026-12-05T21:00:00Z"))).isEqualTo(DayKind.WEEKEND);
        assertThat(DayKind.of(Instant.parse("2026-12-04T21:00:00Z"))).isEqualTo(DayKind.WEEKDAY);
    }

    @Test
    void theObjectiveOptionNamesItsValues() {
        assertThat(PollCadence.Objective.parse(" Tail ")).isEqualTo(PollCadence.Objective.TAIL);
        assertThatThrownBy(() -> PollCadence.Objective.parse("p99"))
                .hasMessage("adaptiveObjective must be one of mean,tail, got 'p99'");
    }

    /** Leads owed for {@code [from, to)} at {@code perSecond} while the UTC hour is 08 to 17. */
    private static double arrivals(Instant from, Instant to, double perSecond) {
        double sum = 0;
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(10)) {
            int hour = t.atZone(java.time.ZoneOffset.UTC).getHour();
            if (hour >= 8 && hour < 18) {
                sum += perSecond * Math.min(10, Duration.between(t, to).toSeconds());
            }
        }
        return sum;
    }

    /** Found by the simulated-day benchmark: a plan spent minutes before midnight left the day's last leads 30 min. */
    @Test
    void aSpentPlanPollsMaxDelayApartAndAgainWhenTheNextDaysPlanBegins() {
        PollCadence cadence = new PollCadence(Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(5));
        Instant late = MIDNIGHT.minus(Duration.ofMinutes(10)); // a plan of two calls
        cadence.polled(late, 0, 1, DayBudget.UNLIMITED);
        cadence.polled(late.plusSeconds(20), 50, 1, DayBudget.UNLIMITED);
        assertThat(cadence.planCallsLeft()).isZero();
        assertThat(cadence.regime()).isEqualTo(Regime.IDLE);
        assertThat(cadence.nextPollAt()).as("the next day's plan begins at midnight").isEqualTo(MIDNIGHT);
        cadence.polled(MIDNIGHT, 0, 1, DayBudget.UNLIMITED);
        assertThat(cadence.planCallsLeft()).as("a new day: 288 calls, one spent").isEqualTo(287);
        assertThat(cadence.regime()).isEqualTo(Regime.PLAN);

        PollCadence early = new PollCadence(Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(5));
        Instant morning = MIDNIGHT.minus(Duration.ofHours(23));
        early.polled(morning.minusSeconds(10), 0, 1, DayBudget.UNLIMITED);
        for (int i = 0; i < 300 && early.planCallsLeft() > 0; i++) {
            early.polled(morning.plusSeconds(10L * i), 100, 1, DayBudget.UNLIMITED); // a long burst spends the plan
        }
        assertThat(early.planCallsLeft()).isZero();
        assertThat(early.delay()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aShareThatCannotAffordTheBurstPollsAtTheEvenPaceOfWhatIsLeft() {
        PollCadence cadence = new PollCadence(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(5));
        // 12 h left at 5 min needs 144 calls: with 100 left the even pace is 12 h / 100 = 432 s
        cadence.polled(NOON, 5, 1, new DayBudget(100, MIDNIGHT));
        assertThat(cadence.regime()).isEqualTo(Regime.BUDGET);
        assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(432));
        assertThat(cadence.projectedSpend()).isEqualTo(100);

        // with plenty left, a burst (5 leads in 10 s) polls fast
        cadence.polled(NOON.plusSeconds(10), 5, 1, new DayBudget(900, MIDNIGHT));
        assertThat(cadence.regime()).isEqualTo(Regime.BURST);
        assertThat(cadence.delay()).isLessThan(Duration.ofSeconds(30));

        // late in the day the same 100 calls buy a burst: what was saved is spent, not lost at midnight
        cadence.polled(MIDNIGHT.minus(Duration.ofMinutes(61)), 0, 1, new DayBudget(101, MIDNIGHT));
        cadence.polled(MIDNIGHT.minus(Duration.ofHours(1)), 5, 1, new DayBudget(100, MIDNIGHT));
        assertThat(cadence.regime()).isEqualTo(Regime.BURST);
        assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(10));

        // nothing left: the next poll is at the start of the new day
        cadence.polled(MIDNIGHT.minus(Duration.ofMinutes(59)), 5, 1, new DayBudget(0, MIDNIGHT));
        assertThat(cadence.regime()).isEqualTo(Regime.SPENT);
        assertThat(cadence.nextPollAt()).isEqualTo(MIDNIGHT);
    }

    @Test
    void refusesBoundsThatCannotWork() {
        assertThatThrownBy(() -> new PollCadence(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(1)))
                .hasMessageContaining("minDelay <= delay <= maxDelay").hasMessageContaining("delay=60000 ms");
        assertThatThrownBy(() -> new PollCadence(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5)))
                .hasMessageContaining("minDelay <= delay <= maxDelay");
        assertThatThrownBy(() -> new PollCadence(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(10)))
                .hasMessageContaining("0 < minDelay");
    }

    /**
     * Whatever the leads do (a lead found on a poll with the given probability), whatever each poll costs and whatever
     * the objective, the consumer's polls of one server day never spend more than its share: the cadence is the only
     * thing that decides when it polls.
     */
    @Property(tries = 200)
    void aDayOfPollsNeverSpendsMoreThanTheShare(@ForAll @LongRange(min = 20, max = 10_000) long share,
            @ForAll @IntRange(min = 0, max = 100) int leadPercent, @ForAll @IntRange(min = 1, max = 3) int callsPerPoll,
            @ForAll @IntRange(min = 1, max = 600) int minSeconds, @ForAll @IntRange(min = 0, max = 3_600) int extra,
            @ForAll @IntRange(min = 0, max = 86_399) int startSecond, @ForAll @IntRange(min = 0, max = 100) int planAt,
            @ForAll PollCadence.Objective objective) {
        PollCadence cadence = new PollCadence(Duration.ofSeconds(minSeconds), Duration.ofSeconds(minSeconds + extra),
                Duration.ofSeconds(minSeconds + extra * planAt / 100), objective);
        Instant dayStart = Instant.parse("2026-12-07T00:00:00Z");
        Instant dayEnd = dayStart.plus(Duration.ofDays(1));
        Instant now = dayStart.plusSeconds(startSecond);
        java.util.Random random = new java.util.Random(share * 31 + leadPercent);
        long spent = 0;
        while (now.isBefore(dayEnd)) {
            if (cadence.due(now)) {
                spent += callsPerPoll;
                int leads = random.nextInt(100) < leadPercent ? 1 : 0;
                cadence.polled(now, leads, callsPerPoll, new DayBudget(Math.max(0, share - spent), dayEnd));
                now = cadence.nextPollAt();
            } else {
                now = cadence.nextPollAt();
            }
        }
        // the poll that found the share spent could not know; every later one waited for the new day
        assertThat(spent).isLessThanOrEqualTo(share + callsPerPoll);
    }

    /**
     * Whatever the leads do (bursts of up to 50 leads a poll with the given probability) and whatever the objective,
     * the polls of one day spend at most the day's plan ({@code T / delay} calls from the first poll), two polls beyond it (the poll that spends the
     * last of it cannot know; the running average of calls per poll lags), and, once it is spent, polls
     * {@code maxDelay} apart.
     */
    @Property(tries = 200)
    void aDayOfPollsSpendsAtMostItsPlanThenIdlesAtMaxDelay(@ForAll @IntRange(min = 0, max = 100) int leadPercent,
            @ForAll @IntRange(min = 1, max = 3) int callsPerPoll, @ForAll @IntRange(min = 1, max = 120) int minSeconds,
            @ForAll @IntRange(min = 0, max = 600) int planExtra, @ForAll @IntRange(min = 0, max = 3_600) int maxExtra,
            @ForAll @IntRange(min = 0, max = 86_399) int startSecond, @ForAll @IntRange(min = 0, max = 3) int pastDays,
            @ForAll PollCadence.Objective objective) {
        Duration plan = Duration.ofSeconds(minSeconds + planExtra);
        Duration max = plan.plusSeconds(maxExtra);
        PollCadence cadence = new PollCadence(Duration.ofSeconds(minSeconds), max, plan, objective);
        Instant dayStart = Instant.parse("2026-12-07T00:00:00Z").minus(Duration.ofDays(pastDays));
        Instant now = dayStart.plusSeconds(startSecond);
        java.util.Random random = new java.util.Random(leadPercent * 7919L + minSeconds * 31L + planExtra);
        for (int day = 0; day <= pastDays; day++) {
            Instant dayEnd = dayStart.plus(Duration.ofDays(day + 1));
            Instant first = null;
            long spent = 0;
            long pollsAtMax = 0;
            while (now.isBefore(dayEnd)) {
                if (first == null) {
                    first = now;
                }
                int leads = random.nextInt(100) < leadPercent ? 1 + random.nextInt(50) : 0;
                cadence.polled(now, leads, callsPerPoll, DayBudget.UNLIMITED);
                spent += callsPerPoll;
                if (cadence.planCallsLeft() == 0 && cadence.delay().equals(max)) {
                    pollsAtMax++;
                }
                now = cadence.nextPollAt();
            }
            double planCalls = (double) Duration.between(first, dayEnd).toMillis() / plan.toMillis();
            assertThat((double) spent).as("day %d", day)
                    .isLessThanOrEqualTo(planCalls + callsPerPoll * (2 + pollsAtMax));
            assertThat(pollsAtMax).isLessThanOrEqualTo(Duration.between(first, dayEnd).toMillis() / max.toMillis() + 1);
        }
    }
}
