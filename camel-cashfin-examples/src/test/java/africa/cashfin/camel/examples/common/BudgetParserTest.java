package africa.cashfin.camel.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BudgetParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$50,000|50000", "KES 50,000|50000", "50 000|50000", "50\u00A0000|50000", "50\u202F000|50000",
            "50.000,00|50000", "1,234.56|1234.56", "USD 1,200|1200", "₦250,000|250000", "R 15 000|15000",
            "50k|50000", "1.5m|1500000", "2,5 mn|2500000", "50000|50000", "12,5|12.5", "0.75|0.75",
            "50,000 USD|50000", "KSh 5,000/=|5000", "€ 1.234.567,89|1234567.89", "1'000|1000", "GH₵ 900|900",
            "50.000|50000", "  7 500  |7500", "+300|300", "US$ 2,000|2000", "Ksh. 3,000|3000",
            "TSh 10,000|10000", "eur 99|99" })
    void readsWhatPeopleType(String text, String expected) {
        assertThat(BudgetParser.parse(text)).isEqualByComparingTo(new BigDecimal(expected));
    }

    @Test
    void resultIsAPlainNumberWithoutTrailingZeros() {
        assertThat(BudgetParser.parse("50.000,00").toPlainString()).isEqualTo("50000");
        assertThat(BudgetParser.parse("1,234.50").toPlainString()).isEqualTo("1234.5");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "\u00A0" })
    void blankIsNoBudget(String text) {
        assertThat(BudgetParser.parse(text)).isNull();
    }

    @Test
    void nullIsNoBudget() {
        assertThat(BudgetParser.parse(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lots|is not an amount", "call me|is not an amount", "10,000-20,000|is a range",
            "10k to 20k|is a range", "-500|is negative", "1,2,3|grouped in an unexpected way",
            "1.234,56.7|more than one decimal separator", "approximately 5000|is not an amount",
            "50000 shillings please|is not an amount", "5000 pcs|'pcs' that is not a currency",
            "abc 12|'abc' that is not a currency" })
    void garbageIsAClearProblem(String text, String why) {
        assertThatThrownBy(() -> BudgetParser.parse(text))
                .isInstanceOf(BudgetParser.BudgetFormatException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining(why)
                .hasMessageContaining("50,000");
    }
}
