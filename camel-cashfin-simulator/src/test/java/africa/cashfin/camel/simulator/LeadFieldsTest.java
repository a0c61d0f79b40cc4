package africa.cashfin.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Timestamps are ISO-8601 UTC with exactly three fraction digits. */
class LeadFieldsTest {

    @Test
    void formatsWithMillisecondsAlways() {
        assertThat(LeadFields.format(Instant.parse("2024-01-15T12:00:00Z"))).isEqualTo("2024-01-15T12:00:00.000Z");
        assertThat(LeadFields.format(Instant.parse("2024-01-05T02:03:04.007Z"))).isEqualTo("2024-01-05T02:03:04.007Z");
        assertThat(LeadFields.format(Instant.parse("2031-12-31T23:59:59.999999Z"))).isEqualTo("2031-12-31T23:59:59.999Z");
    }

    @Test
    void objectIdStartsWithTheCreationSecond() {
        ObjectIdGenerator ids = new ObjectIdGenerator(1);
        Instant t = Instant.parse("2024-01-15T12:00:00.500Z");
        String first = ids.next(t);
        String second = ids.next(t);
        assertThat(first).matches("[0-9a-f]{24}").startsWith(Long.toHexString(t.getEpochSecond()));
        assertThat(second.substring(0, 18)).isEqualTo(first.substring(0, 18));
        assertThat(second).isGreaterThan(first);
        assertThat(new ObjectIdGenerator(1).next(t)).isEqualTo(first);
    }
}
