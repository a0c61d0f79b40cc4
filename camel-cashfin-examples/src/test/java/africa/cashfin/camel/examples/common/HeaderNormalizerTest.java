package africa.cashfin.camel.examples.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HeaderNormalizerTest {

    @ParameterizedTest
    @ValueSource(strings = { "E-mail Address", "email_address", "EmailAddress", "EMAIL ADDRESS", " e.mail address ",
            "\uFEFFEmail Address" })
    void spellingsOfOneHeaderMatch(String header) {
        assertThat(HeaderNormalizer.normalize(header)).isEqualTo("emailaddress");
    }

    @Test
    void keepsLettersOfOtherScriptsAndDigits() {
        assertThat(HeaderNormalizer.normalize("Имя")).isEqualTo("имя");
        assertThat(HeaderNormalizer.normalize("الاسم")).isEqualTo("الاسم");
        assertThat(HeaderNormalizer.normalize("Address Line 1")).isEqualTo("addressline1");
    }

    @Test
    void differentHeadersStayDifferent() {
        assertThat(HeaderNormalizer.normalize("Phone")).isNotEqualTo(HeaderNormalizer.normalize("Phone 2"));
    }

    @Test
    void nullIsEmpty() {
        assertThat(HeaderNormalizer.normalize(null)).isEmpty();
    }
}
