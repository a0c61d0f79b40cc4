package africa.cashfin.camel.leads.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import africa.cashfin.camel.leads.api.LeadJson;

class ApiTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = { "2024-01-15T12:00:00.000Z", "2024-01-15T12:00:00Z", "2024-02-29T23:59:59.5Z",
                             "1999-12-31T00:00:00.123456789Z", "2026-11-28T04:05:06.07Z" })
    void agreesWithInstantParse(String text) {
        assertThat(ApiTimestamps.parseUtc(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-01-15T12:00:00+02:00", "2024-13-15T12:00:00Z", "2023-02-29T12:00:00Z",
                             "2024-01-15 12:00:00Z", "2024-01-15T12:00:00.Z", "garbage-that-is-long-enough" })
    void leavesOtherFormsToTheGeneralParser(String text) {
        assertThat(ApiTimestamps.parseUtc(text)).isNull();
    }

    @org.junit.jupiter.api.Test
    void offsetsAreReadToo() throws Exception {
        Lead lead = LeadJson.fromJson("{\"name\":\"x\",\"createdat\":\"2024-01-15T14:00:00+02:00\","
                                      + "\"updatedat\":\"2024-01-15T12:00:00.250Z\"}");
        assertThat(lead.getCreatedat()).isEqualTo(Instant.parse("2024-01-15T12:00:00Z"));
        assertThat(lead.getUpdatedat()).isEqualTo(Instant.parse("2024-01-15T12:00:00.250Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-01-15T12:00:00.000Z", "1999-12-31T23:59:59.999Z", "2024-02-29T00:00:00.000Z",
                             "2024-01-15T12:00:00.123456Z", "2024-01-15T12:00:00.123456789Z" })
    void writesTheApiFormAndReadsItBack(String text) {
        Instant instant = Instant.parse(text);
        assertThat(ApiTimestamps.format(instant)).isEqualTo(text);
        assertThat(ApiTimestamps.parse(ApiTimestamps.format(instant))).isEqualTo(instant);
    }

    @org.junit.jupiter.api.Test
    void alwaysWritesMillisecondsInUtc() {
        assertThat(ApiTimestamps.format(Instant.parse("2024-01-15T12:00:00Z"))).isEqualTo("2024-01-15T12:00:00.000Z");
        assertThat(ApiTimestamps.format(Instant.parse("2024-01-15T14:00:00.5+02:00")))
                .isEqualTo("2024-01-15T12:00:00.500Z");
    }

    @org.junit.jupiter.api.Test
    void aTimestampThatIsNotIsoTextFailsNamingTheFieldAndTheForm() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> LeadJson.mapper().readValue("{\"name\":\"x\",\"createdat\":\"15/01/2024\"}", Lead.class))
                .hasMessageContaining("createdat").hasMessageContaining("2024-01-15T12:00:00.000Z");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> LeadJson.mapper().readValue("{\"name\":\"x\",\"updatedat\":1705320000}", Lead.class))
                .hasMessageContaining("updatedat").hasMessageContaining("ISO-8601");
    }
}
