package africa.cashfin.camel.leads.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What the adaptive cadence learns about when leads arrive (the cadence's use of it is in PollCadenceTest). */
class ArrivalProfileTest {

    static final Instant DAY1 = Instant.parse("2026-12-01T00:00:00Z");
    /** One lead per 5 minutes: 3 a slot. */
    static final double PRIOR = 1.0 / Duration.ofMinutes(5).toMillis();

    private static double perSlot(ArrivalProfile profile, Instant at) {
        return profile.rate(at, PRIOR) * ArrivalProfile.SLOT_MILLIS;
    }

    @Test
    void aBurstThatRecursLearnsItsTimeAOneOffBurstIsNotLearnt() {
        ArrivalProfile recurring = new ArrivalProfile();
        ArrivalProfile oneOff = new ArrivalProfile();
        for (int day = 0; day < 3; day++) {
            Instant start = DAY1.plus(Duration.ofDays(day));
            recurring.day(start.plus(Duration.ofDays(1)));
            oneOff.day(start.plus(Duration.ofDays(1)));
            Instant ten = start.plus(Duration.ofHours(10));
            recurring.arrived(ten, ten.plus(Duration.ofMinutes(10)), 300);
            // the one-off list has its burst on the first day only, at 10:00, then 14:00 on the third
            if (day == 0 || day == 2) {
                Instant at = start.plus(Duration.ofHours(day == 0 ? 10 : 14));
                oneOff.arrived(at, at.plus(Duration.ofMinutes(10)), 300);
            }
        }
        Instant day4 = DAY1.plus(Duration.ofDays(3));
        recurring.day(day4.plus(Duration.ofDays(1)));
        oneOff.day(day4.plus(Duration.ofDays(1)));
        assertThat(recurring.learned()).isTrue();

        Instant tenOClock = day4.plus(Duration.ofHours(10));
        // 300 leads in one slot, smoothed over five slots: 60 a slot, plus the floor (a fifth of the prior's 3)
        assertThat(perSlot(recurring, tenOClock)).isCloseTo(60.6, org.assertj.core.data.Offset.offset(0.01));
        assertThat(perSlot(recurring, day4.plus(Duration.ofHours(3)))).as("at 03:00: the floor")
                .isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.01));
        assertThat(perSlot(oneOff, tenOClock)).as("the median of 300, 0 and 0").isCloseTo(0.6,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(perSlot(oneOff, day4.plus(Duration.ofHours(14)))).isCloseTo(0.6,
                org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void beforeTwoWholeDaysTheRateIsThePriorInEverySlot() {
        ArrivalProfile profile = new ArrivalProfile();
        profile.day(DAY1.plus(Duration.ofDays(1)));
        profile.arrived(DAY1.plus(Duration.ofHours(9)), DAY1.plus(Duration.ofHours(10)), 100);
        profile.day(DAY1.plus(Duration.ofDays(2)));
        assertThat(profile.learned()).isFalse();
        assertThat(perSlot(profile, DAY1.plus(Duration.ofDays(1)).plus(Duration.ofHours(9)))).isCloseTo(3.0,
                org.assertj.core.data.Offset.offset(1e-9));
        // the integral of sqrt(rate) over a day is flat: 24 h x sqrt(prior)
        Instant from = DAY1.plus(Duration.ofDays(1));
        assertThat(profile.sqrtRateIntegral(from, from.plus(Duration.ofDays(1)), PRIOR))
                .isCloseTo(Duration.ofDays(1).toMillis() * Math.sqrt(PRIOR), org.assertj.core.data.Offset.offset(1e-3));
    }

    /**
     * The stored form (hourly buckets) restores the history: the same days, each hour's rate as learnt (a 15-minute
     * slot gets a quarter of its hour), and a small text; a form that is not one is refused and changes nothing.
     */
    @Test
    void theStoredFormRestoresTheHistoryByTheHour() {
        ArrivalProfile learnt = new ArrivalProfile();
        for (int day = 0; day < 4; day++) {
            Instant start = DAY1.plus(Duration.ofDays(day));
            learnt.day(start.plus(Duration.ofDays(1)));
            learnt.arrived(start.plus(Duration.ofHours(9)), start.plus(Duration.ofHours(10)), 40 + day);
        }
        String text = learnt.text();
        assertThat(text).startsWith("v1;dayEnds=2026-12-05T00:00:00Z;today=0,0,0,0,0,0,0,0,0,43,0,");
        assertThat(text.length()).isLessThan(1_000);

        ArrivalProfile restored = new ArrivalProfile();
        restored.restore(text);
        assertThat(restored.pastDays()).isEqualTo(3);
        assertThat(restored.learned()).isTrue();
        assertThat(restored.text()).isEqualTo(text);
        Instant day5 = DAY1.plus(Duration.ofDays(4));
        learnt.day(day5.plus(Duration.ofDays(1)));
        restored.day(day5.plus(Duration.ofDays(1)));
        for (int h = 0; h < 24; h++) {
            Instant at = day5.plus(Duration.ofHours(h)).plus(Duration.ofMinutes(30));
            assertThat(perSlot(restored, at)).as("at %d:30", h)
                    .isCloseTo(perSlot(learnt, at), org.assertj.core.data.Offset.offset(1e-9));
        }

        for (String bad : new String[] { "v0;x", "v1;dayEnds=x;today=;past=", text.replace("43", "-1"),
                                         text.replace(",43,", ",") }) {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> restored.restore(bad))
                    .withMessageContaining("Not a stored arrival profile");
        }
        assertThat(restored.text()).as("unchanged by the refused forms").isEqualTo(learnt.text());
    }
}
