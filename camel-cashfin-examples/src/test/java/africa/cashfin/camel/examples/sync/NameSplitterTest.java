package africa.cashfin.camel.examples.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import africa.cashfin.camel.examples.sync.NameSplitter.NameParts;

class NameSplitterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "Amina Otieno|Amina|Otieno", "Amina Wanjiku Otieno|Amina|Wanjiku Otieno", "  Kwame   Mensah |Kwame|Mensah",
            "Madonna|Madonna|NULL", "Otieno, Amina|Amina|Otieno", "Ngugi wa Thiong'o|Ngugi|wa Thiong'o",
            "አበበ ቢቂላ|አበበ|ቢቂላ", "فاطمة الزهراء|فاطمة|الزهراء", "|NULL|NULL" })
    void splits(String full, String first, String last) {
        assertThat(NameSplitter.split(full)).isEqualTo(new NameParts(first, last));
    }
}
