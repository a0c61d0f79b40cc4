package africa.cashfin.camel.examples.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountryRegionsTest {

    @ParameterizedTest
    @CsvSource({ "Kenya,KE", "KE,KE", "ken,KE", "nigeria,NG", "South Africa,ZA", "Côte d'Ivoire,CI",
            "Ivory Coast,CI", "Sénégal,SN", "ETHIOPIA,ET", "UK,GB" })
    void findsRegions(String country, String region) {
        assertThat(CountryRegions.regionOf(country)).contains(region);
    }

    @Test
    void unknownOrBlankIsEmpty() {
        assertThat(CountryRegions.regionOf("Atlantis")).isEmpty();
        assertThat(CountryRegions.regionOf("")).isEmpty();
        assertThat(CountryRegions.regionOf(null)).isEmpty();
    }
}
