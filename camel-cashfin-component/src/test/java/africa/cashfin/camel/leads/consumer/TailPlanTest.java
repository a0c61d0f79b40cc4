package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The tail objective's arithmetic: where leads arrive (ArrivalSlots) and the delays of the plan (TailPlan). */
class TailPlanTest {

    static final Instant MIDNIGHT = Instant.parse("2026-12-08T00:00:00Z");
    static final Instant DAY_START = MIDNIGHT.minus(Duration.ofDays(1));
    static final Duration MAX = Duration.ofMinutes(30);

    /** Slots 08:00 to 18:00 (32 to 71). */
    private static java.util.function.IntPredicate businessHours() {
        return slot -> slot >= 32 && slot < 72;
    }

    private static Instant at(int hour, int minute) {
        return DAY_START.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    @Test
    void spreadsThePollsLeftEvenlyWhereLeadsArriveAfterTheFloorsPolls() {
        // from midnight, 287 polls: the night before 08:00 takes 480 / 30 = 16, the evening 360 / 30 = 12 polls;
        // the 600 minutes from 08:00 to 18:00 share the other 259
        TailPlan.Step step = TailPlan.next(businessHours(), MIDNIGHT, DAY_START, 287, MAX);
        assertThat(step.arrivals()).isFalse();
        assertThat(step.delayMillis()).as("the floor").isEqualTo(MAX.toMillis());

        step = TailPlan.next(businessHours(), MIDNIGHT, at(8, 0), 271, MAX);
        assertThat(step.arrivals()).isTrue();
        assertThat(step.delayMillis()).isCloseTo(600 * 60_000.0 / (271 - 12), offset(1e-6));
        // 138.996 s: the p99 bound of a lead that arrives between 08:00 and 18:00
        assertThat(600 * 60.0 / 259).isCloseTo(138.996, offset(1e-3));

        // at noon with 150 polls left: 360 minutes over 150 - 12
        step = TailPlan.next(businessHours(), MIDNIGHT, at(12, 0), 150, MAX);
        assertThat(step.delayMillis()).isCloseTo(360 * 60_000.0 / 138, offset(1e-6));
        // at 17:50 with 20 polls left: the last 10 minutes over the 8 polls the evening's floor leaves
        step = TailPlan.next(businessHours(), MIDNIGHT, at(17, 50), 20, MAX);
        assertThat(step.delayMillis()).isCloseTo(10 * 60_000.0 / (20 - 12), offset(1e-6));
        // at 19:10, a time of day without leads: the floor
        step = TailPlan.next(businessHours(), MIDNIGHT, at(19, 10), 20, MAX);
        assertThat(step.delayMillis()).isEqualTo(MAX.toMillis());
        java.util.function.IntPredicate evening = businessHours().or(slot -> slot == 95); // 23:45 to midnight too
        step = TailPlan.next(evening, MIDNIGHT, at(17, 50), 20, MAX);
        assertThat(step.delayMillis()).as("18:00 to 23:45 takes ceil(345 / 30) = 12 polls")
                .isCloseTo(25 * 60_000.0 / (20 - 12), offset(1e-6));
    }

    @Test
    void theFloorPollsWhenTheNextSlotWithArrivalsBeginsAndTheDayEnds() {
        TailPlan.Step step = TailPlan.next(businessHours(), MIDNIGHT, at(7, 50), 200, MAX);
        assertThat(step.arrivals()).isFalse();
        assertThat(step.delayMillis()).as("until 08:00").isEqualTo(Duration.ofMinutes(10).toMillis());
        step = TailPlan.next(businessHours(), MIDNIGHT, at(23, 45), 3, MAX);
        assertThat(step.delayMillis()).as("until the day ends").isEqualTo(Duration.ofMinutes(15).toMillis());
    }

    @Test
    void withoutSlotsThePlanIsFlatAndPollsThatCannotPayTheFloorLeaveOnlyTheFloor() {
        TailPlan.Step flat = TailPlan.next(null, MIDNIGHT, at(12, 0), 144, MAX);
        assertThat(flat.arrivals()).isTrue();
        assertThat(flat.delayMillis()).as("12 h over 144 polls: the fixed delay")
                .isCloseTo(Duration.ofMinutes(5).toMillis(), offset(1e-6));
        // 10 polls left at 12:00: the evening floor takes 12
        assertThat(TailPlan.next(businessHours(), MIDNIGHT, at(12, 0), 10, MAX).delayMillis()).isInfinite();
    }

    /** Three past days of leads from 08:00 to 18:00, one every 90 s. */
    private static List<double[]> businessDays(int days) {
        List<double[]> list = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            double[] day = new double[ArrivalProfile.SLOTS];
            for (int i = 32; i < 72; i++) {
                day[i] = 10;
            }
            list.add(day);
        }
        return list;
    }

    @Test
    void theSlotsWhereLeadsArriveAreThoseOfThePastDaysWithShortGapsFilled() {
        List<double[]> days = businessDays(3);
        days.get(0)[50] = 0; // a quiet quarter of an hour on one day: the others had leads then
        days.get(1)[20] = 0.5; // half a lead found at 05:00 on one day
        boolean[] slots = ArrivalSlots.of(days);
        assertThat(slots).isNotNull();
        for (int i = 0; i < ArrivalProfile.SLOTS; i++) {
            assertThat(slots[i]).as("slot %d", i).isEqualTo(i >= 32 && i < 72 || i == 20);
        }
        // a gap of half an hour between leads counts in, a longer one does not
        assertThat(ArrivalSlots.withArrivals(List.of(day(10, 13)))[11]).isTrue();
        assertThat(ArrivalSlots.withArrivals(List.of(day(10, 14)))[12]).isFalse();
        assertThat(ArrivalSlots.withArrivals(List.of(day(94, 1)))[95]).as("across midnight").isTrue();
    }

    private static double[] day(int... slotsWithLeads) {
        double[] day = new double[ArrivalProfile.SLOTS];
        for (int i : slotsWithLeads) {
            day[i] = 1;
        }
        return day;
    }

    @Test
    void leadsThatDoNotKeepToTheirHoursGiveNoSlots() {
        assertThat(ArrivalSlots.of(businessDays(1))).as("one day says nothing").isNull();
        assertThat(ArrivalSlots.of(List.of(new double[ArrivalProfile.SLOTS], new double[ArrivalProfile.SLOTS])))
                .as("no leads").isNull();
        // a quiet list: a dozen leads a day at times the other days had none
        java.util.Random random = new java.util.Random(21);
        List<double[]> quiet = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            double[] day = new double[ArrivalProfile.SLOTS];
            for (int n = 0; n < 12; n++) {
                day[random.nextInt(ArrivalProfile.SLOTS)]++;
            }
            quiet.add(day);
        }
        assertThat(ArrivalSlots.of(quiet)).isNull();
        // business days with a one-off campaign of 300 leads at 20:00 on one of them: a fifth of the leads outside
        List<double[]> campaign = businessDays(3);
        campaign.get(2)[80] = 300;
        assertThat(ArrivalSlots.of(campaign)).isNull();
        // but 1 % of a day's leads outside the others' hours is within the p99
        List<double[]> stray = businessDays(3);
        stray.get(2)[80] = 3;
        assertThat(ArrivalSlots.of(stray)).isNotNull();
    }
}
