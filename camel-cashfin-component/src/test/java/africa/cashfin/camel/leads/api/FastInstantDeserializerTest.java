package africa.cashfin.camel.leads.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import africa.cashfin.camel.leads.model.Lead;

class FastInstantDeserializerTest {

    @ParameterizedTest
    @ValueSource(strings = { "2024-01-15T12:00:00.000Z", "2024-01-15T12:00:00Z", "2024-02-29T23:59:59.5Z",
                             "1999-12-31T00:00:00.123456789Z", "2026-11-28T04:05:06.07Z" })
    void agreesWithInstantParse(String text) {
        assertThat(FastInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-01-15T12:00:00+02:00", "2024-13-15T12:00:00Z", "2023-02-29T12:00:00Z",
                             "2024-01-15 12:00:00Z", "2024-01-15T12:00:00.Z", "garbage-that-is-long-enough" })
    void leavesOtherFormsToJackson(String text) {
        assertThat(FastInstantDeserializer.parse(text)).isNull();
    }

    @org.junit.jupiter.api.Test
    void offsetsStillReadThroughJackson() throws Exception {
        Lead lead = LeadJson.fromJson("{\"name\":\"x\",\"createdat\":\"2024-01-15T14:00:00+02:00\","
                                      + "\"updatedat\":\"2024-01-15T12:00:00.250Z\"}");
        assertThat(lead.getCreatedat()).isEqualTo(Instant.parse("2024-01-15T12:00:00Z"));
        assertThat(lead.getUpdatedat()).isEqualTo(Instant.parse("2024-01-15T12:00:00.250Z"));
    }
}
