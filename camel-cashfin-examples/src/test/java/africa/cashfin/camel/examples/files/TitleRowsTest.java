package africa.cashfin.camel.examples.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.examples.csv.LeadColumnMapping;

/** Which row of a file's first rows is its header, and how CSV text is read up to it. */
class TitleRowsTest {

    private static final LeadColumnMapping GENERIC = LeadColumnMapping.generic();
    private static final ToIntFunction<List<String>> KNOWN = cells -> GENERIC.describe(cells).size();

    @Test
    void theFirstRowIsTheHeaderWhenItNamesColumns() {
        assertThat(TitleRows.headerIndex(List.of(List.of("Name", "Email"), List.of("Ann", "ann@example.com")), KNOWN))
                .isZero();
    }

    @Test
    void aTitleAndABlankRowAboveTheColumnNamesAreSkipped() {
        List<List<String>> rows = List.of(List.of("Leads export", " November 2026"), List.of(""),
                List.of("Full Name", "E-mail", "Company"), List.of("Ann", "ann@example.com", "Acme"));
        assertThat(TitleRows.headerIndex(rows, KNOWN)).isEqualTo(2);
    }

    @Test
    void aLoneUnknownCellAboveColumnsNoAliasKnowsIsATitle() {
        List<List<String>> rows = List.of(List.of("Q3 prospects"), List.of("Kontakt", "Firma", "Notiz"),
                List.of("Ann", "Acme", "call"));
        assertThat(TitleRows.headerIndex(rows, KNOWN)).isEqualTo(1);
    }

    @Test
    void aOneColumnFileWhoseHeaderIsKnownStartsAtItsFirstRow() {
        assertThat(TitleRows.headerIndex(List.of(List.of("Email"), List.of("ann@example.com")), KNOWN)).isZero();
    }

    @Test
    void whenEveryRowLooksLikeATitleTheFirstRowIsTheHeader() {
        assertThat(TitleRows.headerIndex(List.of(List.of("Foo"), List.of("bar"), List.of("baz")), KNOWN)).isZero();
        assertThat(TitleRows.headerIndex(List.of(), KNOWN)).isZero();
    }

    @Test
    void theHeaderIsOnlyLookedForInTheFirstTenRows() {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(List.of("title " + i));
        }
        rows.set(11, List.of("Name", "Email"));
        assertThat(TitleRows.headerIndex(rows, KNOWN)).isZero();
    }

    @Test
    void csvTextIsSplitIntoLinesOutsideQuotesAndTheHeaderLineFound() throws IOException {
        String text = "\"Leads export\r\nNovember\"\r\n\r\nName;Email\nAnn;ann@example.com\n";
        TitleRows.TextHeader header = TitleRows.TextHeader.find(new StringReader(text), KNOWN);
        assertThat(header.titleLines()).isEqualTo(2);
        assertThat(header.headerLine()).isEqualTo("Name;Email");

        java.io.PushbackReader reader = new java.io.PushbackReader(new StringReader(text), 1);
        TitleRows.skipLines(reader, header.titleLines());
        assertThat(new java.io.BufferedReader(reader).readLine()).isEqualTo("Name;Email");
    }

    @Test
    void cellsKeepQuotedDelimitersAndDoubledQuotes() {
        assertThat(TitleRows.cells("\"Acme, Inc\",\"say \"\"hi\"\"\",x", ',')).containsExactly("Acme, Inc",
                "say \"hi\"", "x");
    }
}
