package africa.cashfin.camel.examples.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpreadsheetSafeCsvTest {

    @ParameterizedTest
    @ValueSource(strings = { "=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\r=1" })
    void formulaStartsArePrefixedWithAQuote(String value) {
        assertThat(SpreadsheetSafeCsv.escapeFormula(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Amina", "a=b", "50000", "+", "'=already" })
    void harmlessValuesAreUnchanged(String value) {
        String expected = value.equals("+") ? "'+" : value;
        assertThat(SpreadsheetSafeCsv.escapeFormula(value)).isEqualTo(expected);
    }

    @Test
    void nullAndEmptyAreEmptyCells() {
        assertThat(SpreadsheetSafeCsv.escapeFormula(null)).isEmpty();
        assertThat(SpreadsheetSafeCsv.escapeFormula("")).isEmpty();
        assertThat(SpreadsheetSafeCsv.quote(null, ',')).isEmpty();
    }

    @Test
    void quotesPerRfc4180() {
        assertThat(SpreadsheetSafeCsv.quote("plain", ',')).isEqualTo("plain");
        assertThat(SpreadsheetSafeCsv.quote("a,b", ',')).isEqualTo("\"a,b\"");
        assertThat(SpreadsheetSafeCsv.quote("a,b", ';')).isEqualTo("a,b");
        assertThat(SpreadsheetSafeCsv.quote("a;b", ';')).isEqualTo("\"a;b\"");
        assertThat(SpreadsheetSafeCsv.quote("say \"hi\"", ',')).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SpreadsheetSafeCsv.quote("line1\nline2", ',')).isEqualTo("\"line1\nline2\"");
        assertThat(SpreadsheetSafeCsv.quote("cr\r", ',')).isEqualTo("\"cr\r\"");
    }

    @Test
    void cellEscapesThenQuotes() {
        assertThat(SpreadsheetSafeCsv.cell("=1,2", ',')).isEqualTo("\"'=1,2\"");
        assertThat(SpreadsheetSafeCsv.cell("\"=x\"", ',')).isEqualTo("\"\"\"=x\"\"\"");
    }

    @Test
    void rowsEndWithCrlf() {
        assertThat(SpreadsheetSafeCsv.row(Arrays.asList("Amina", null, "=cmd", 5, "a,b"), ','))
                .isEqualTo("Amina,,'=cmd,5,\"a,b\"\r\n");
        assertThat(SpreadsheetSafeCsv.plainRow(List.of("=keep", "a;b"), ';')).isEqualTo("=keep;\"a;b\"\r\n");
    }
}
