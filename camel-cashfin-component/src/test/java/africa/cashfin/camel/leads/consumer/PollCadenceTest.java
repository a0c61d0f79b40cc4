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
    void pollsAtTheLeadsIntervalDuringABurstAndDoublesWhileIdleUpToMaxDelay() {
        PollCadence cadence = new PollCadence(Duration.ofSeconds(10), Duration.ofMinutes(5));
        assertThat(cadence.due(NOON)).as("the first poll is always due").isTrue();

        assertThat(cadence.polled(NOON, 3, 1, DayBudget.UNLIMITED)).as("burst from the start: no change").isNull();
        assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(cadence.due(NOON.plusSeconds(9))).isFalse();
        assertThat(cadence.due(NOON.plusSeconds(10))).isTrue();

        long[] expected = { 20, 40, 80, 160, 300, 300 };
        Instant now = NOON;
        for (long seconds : expected) {
            now = now.plus(cadence.delay());
            cadence.polled(now, 0, 1, DayBudget.UNLIMITED);
            assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(seconds));
        }
        assertThat(cadence.regime()).isEqualTo(Regime.IDLE);
        // a lone lead after 5 quiet minutes: one lead per 5 minutes is no burst
        now = now.plusSeconds(300);
        assertThat(cadence.polled(now, 1, 1, DayBudget.UNLIMITED)).isNull();
        assertThat(cadence.delay()).isEqualTo(Duration.ofMinutes(5));
        // 10 leads in 5 minutes: one every 30 s
        now = now.plusSeconds(300);
        assertThat(cadence.polled(now, 10, 1, DayBudget.UNLIMITED)).isEqualTo(Regime.IDLE);
        assertThat(cadence.regime()).isEqualTo(Regime.BURST);
        assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(30));
        // 6 more in those 30 s: never below minDelay
        now = now.plusSeconds(30);
        cadence.polled(now, 6, 1, DayBudget.UNLIMITED);
        assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(10));
        // then idle again: doubling from there
        cadence.polled(now.plusSeconds(10), 0, 1, DayBudget.UNLIMITED);
        assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(20));
        assertThat(cadence.regime()).isEqualTo(Regime.COOLING);
        assertThat(cadence.callsLeft()).isEqualTo(-1);
    }

    @Test
    void aShareThatCannotAffordTheBurstPollsAtTheEvenPaceOfWhatIsLeft() {
        PollCadence cadence = new PollCadence(Duration.ofSeconds(10), Duration.ofMinutes(5));
        // 12 h left at 5 min needs 144 calls: with 100 left the even pace is 12 h / 100 = 432 s
        cadence.polled(NOON, 5, 1, new DayBudget(100, MIDNIGHT));
        assertThat(cadence.regime()).isEqualTo(Regime.BUDGET);
        assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(432));
        assertThat(cadence.projectedSpend()).isEqualTo(100);

        // with plenty left, the burst polls at minDelay
        cadence.polled(NOON, 5, 1, new DayBudget(900, MIDNIGHT));
        assertThat(cadence.regime()).isEqualTo(Regime.BURST);
        assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(10));

        // late in the day the same 100 calls buy a burst: what was saved is spent, not lost at midnight
        cadence.polled(MIDNIGHT.minus(Duration.ofMinutes(61)), 5, 1, new DayBudget(101, MIDNIGHT));
        cadence.polled(MIDNIGHT.minus(Duration.ofHours(1)), 5, 1, new DayBudget(100, MIDNIGHT));
        assertThat(cadence.regime()).isEqualTo(Regime.BURST);
        assertThat(cadence.delay()).isEqualTo(Duration.ofSeconds(12));

        // nothing left: the next poll is at the start of the new day
        cadence.polled(NOON, 5, 1, new DayBudget(0, MIDNIGHT));
        assertThat(cadence.regime()).isEqualTo(Regime.SPENT);
        assertThat(cadence.nextPollAt()).isEqualTo(MIDNIGHT);
    }

    @Test
    void refusesBoundsThatCannotWork() {
        assertThatThrownBy(() -> new PollCadence(Duration.ofMinutes(5), Duration.ofSeconds(10)))
                .hasMessageContaining("minDelay <= maxDelay");
        assertThatThrownBy(() -> new PollCadence(Duration.ZERO, Duration.ofSeconds(10)))
                .hasMessageContaining("0 < minDelay");
    }

    /**
     * Whatever the leads do (a lead found on a poll with the given probability) and whatever each poll costs, the
     * consumer's polls of one server day never spend more than its share: the cadence is the only thing that decides
     * when it polls.
     */
    @Property(tries = 200)
    void aDayOfPollsNeverSpendsMoreThanTheShare(@ForAll @LongRange(min = 20, max = 10_000) long share,
            @ForAll @IntRange(min = 0, max = 100) int leadPercent, @ForAll @IntRange(min = 1, max = 3) int callsPerPoll,
            @ForAll @IntRange(min = 1, max = 600) int minSeconds, @ForAll @IntRange(min = 0, max = 3_600) int extra,
            @ForAll @IntRange(min = 0, max = 86_399) int startSecond) {
        PollCadence cadence = new PollCadence(Duration.ofSeconds(minSeconds), Duration.ofSeconds(minSeconds + extra));
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
}
