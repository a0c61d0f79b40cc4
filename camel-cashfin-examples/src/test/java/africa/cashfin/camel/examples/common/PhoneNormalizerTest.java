package africa.cashfin.camel.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNormalizerTest {

    private final PhoneNormalizer kenya = new PhoneNormalizer("KE");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "0722 000 001|+254722000001", "0722-000-001|+254722000001",
            "(0722) 000001|+254722000001", "+254 722 000 001|+254722000001", "00254722000001|+254722000001",
            "+234 803 123 4567|+2348031234567", "722000001|+254722000001" })
    void writesE164(String raw, String expected) {
        PhoneNormalizer.Result r = kenya.normalize(raw);
        assertThat(r.value()).isEqualTo(expected);
        assertThat(r.warning()).isNull();
    }

    @Test
    void nationalNumberIsReadForTheLeadsOwnCountry() {
        assertThat(kenya.normalize("0803 123 4567", "NG").value()).isEqualTo("+2348031234567");
        assertThat(kenya.normalize("082 123 4567", "ZA").value()).isEqualTo("+27821234567");
    }

    @Test
    void invalidNumberIsKeptAsTypedWithAWarning() {
        PhoneNormalizer.Result r = kenya.normalize(" 12345 ");
        assertThat(r.value()).isEqualTo("12345");
        assertThat(r.warning()).contains("'12345'").contains("not a valid phone number").contains("KE")
                .contains("kept as given");
    }

    @Test
    void textIsKeptWithAWarning() {
        PhoneNormalizer.Result r = kenya.normalize("call after 5");
        assertThat(r.value()).isEqualTo("call after 5");
        assertThat(r.warning()).contains("kept as given");
    }

    @Test
    void withoutRegionNationalNumbersAreKeptAndInternationalOnesNormalised() {
        PhoneNormalizer none = new PhoneNormalizer(null);
        assertThat(none.normalize("0722 000 001")).isEqualTo(new PhoneNormalizer.Result("0722 000 001", null));
        assertThat(none.normalize("+254 722 000 001").value()).isEqualTo("+254722000001");
        assertThat(none.defaultRegion()).isNull();
    }

    @Test
    void blankIsNoPhone() {
        assertThat(kenya.normalize("  ")).isEqualTo(new PhoneNormalizer.Result(null, null));
        assertThat(kenya.normalize(null).value()).isNull();
    }

    @Test
    void regionIsCaseInsensitiveAndUnknownRegionIsRejected() {
        assertThat(new PhoneNormalizer("ke").defaultRegion()).isEqualTo("KE");
        assertThatThrownBy(() -> new PhoneNormalizer("Kenya"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Kenya'").hasMessageContaining("KE");
    }
}
