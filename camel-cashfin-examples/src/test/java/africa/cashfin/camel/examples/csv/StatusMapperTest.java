package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import africa.cashfin.camel.leads.model.LeadStatus;

class StatusMapperTest {

    @ParameterizedTest
    @CsvSource({ "new,NEW", "Contacted,CONTACTED", "QUALIFIED,QUALIFIED", "converted,CONVERTED", "lost,LOST",
            "NEW,NEW", "OPEN,NEW", "IN_PROGRESS,CONTACTED", "ATTEMPTED_TO_CONTACT,CONTACTED", "CONNECTED,CONTACTED",
            "OPEN_DEAL,QUALIFIED", "UNQUALIFIED,LOST", "BAD_TIMING,CONTACTED",
            "Open - Not Contacted,NEW", "Working - Contacted,CONTACTED", "Closed - Converted,CONVERTED",
            "Closed - Not Converted,LOST", "in progress,CONTACTED" })
    void mapsKnownValues(String value, LeadStatus expected) {
        assertThat(StatusMapper.map(value)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Hot", "maybe", "", "  " })
    void unknownValuesAreEmpty(String value) {
        assertThat(StatusMapper.map(value)).isEmpty();
    }
}
