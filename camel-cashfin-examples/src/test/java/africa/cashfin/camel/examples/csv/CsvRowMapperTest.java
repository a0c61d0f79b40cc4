package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.examples.common.LeadProblem;
import africa.cashfin.camel.examples.common.MappedLead;
import africa.cashfin.camel.examples.common.PhoneNormalizer;
import africa.cashfin.camel.leads.model.Lead;

class CsvRowMapperTest {

    private final CsvRowMapper mapper = new CsvRowMapper(LeadColumnMapping.generic(), new PhoneNormalizer("KE"),
            "csv");

    private static Map<String, String> row(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void mapsACompleteRow() {
        MappedLead r = mapper.map(row("Full Name", " Amina Otieno ", "E-mail", "amina@example.co.ke",
                "Mobile", "0722 000 001", "Organisation", "Savannah Solar", "Title", "CFO", "Industry", "Energy",
                "Website", "https://savannah.example", "Estimated Budget", "KES 50,000", "Country", "Kenya",
                "County", "Nairobi", "Street", "Moi Avenue 1", "City", "Nairobi", "Notes", "Wants a demo",
                "Lead Source", "referral", "Lead Status", "Working - Contacted"));
        assertThat(r.isValid()).isTrue();
        assertThat(r.problems()).isEmpty();
        Lead l = r.lead();
        assertThat(l.getName()).isEqualTo("Amina Otieno");
        assertThat(l.getEmail()).isEqualTo("amina@example.co.ke");
        assertThat(l.getPhone()).isEqualTo("+254722000001");
        assertThat(l.getCompany()).isEqualTo("Savannah Solar");
        assertThat(l.getJobtitle()).isEqualTo("CFO");
        assertThat(l.getIndustry()).isEqualTo("Energy");
        assertThat(l.getWebsite()).isEqualTo("https://savannah.example");
        assertThat(l.getBudget()).isEqualByComparingTo(new BigDecimal("50000"));
        assertThat(l.getCountry()).isEqualTo("Kenya");
        assertThat(l.getState()).isEqualTo("Nairobi");
        assertThat(l.getAddress()).isEqualTo("Moi Avenue 1, Nairobi");
        assertThat(l.getRequest()).isEqualTo("Wants a demo");
        assertThat(l.getSource()).isEqualTo("referral");
        assertThat(l.getStatus()).isEqualTo("contacted");
    }

    @Test
    void firstAndLastNameAreCombined() {
        MappedLead r = mapper.map(row("First Name", "Kwame", "Last Name", "Mensah", "Email", "kwame@example.com"));
        assertThat(r.lead().getName()).isEqualTo("Kwame Mensah");
        assertThat(mapper.map(row("First Name", "Kwame")).lead().getName()).isEqualTo("Kwame");
        assertThat(mapper.map(row("Last Name", "Mensah")).lead().getName()).isEqualTo("Mensah");
    }

    @Test
    void fullNameWinsOverParts() {
        assertThat(mapper.map(row("First Name", "K", "Name", "Kwame Mensah")).lead().getName())
                .isEqualTo("Kwame Mensah");
    }

    @Test
    void nonLatinNamesPassThrough() {
        MappedLead r = mapper.map(row("Name", "አበበ ቢቂላ", "Email", "abebe@example.et"));
        assertThat(r.isValid()).isTrue();
        assertThat(r.lead().getName()).isEqualTo("አበበ ቢቂላ");
        assertThat(mapper.map(row("Name", "فاطمة الزهراء")).lead().getName()).isEqualTo("فاطمة الزهراء");
    }

    @Test
    void missingNameIsAnError() {
        MappedLead r = mapper.map(row("Full Name", "  ", "Email", "x@example.com"));
        assertThat(r.isValid()).isFalse();
        assertThat(r.errorText()).startsWith("name: ").contains("Full Name");
    }

    @Test
    void badEmailIsAnErrorNamingTheValue() {
        MappedLead r = mapper.map(row("Name", "Zanele Dlamini", "Email", "zanele.example.com"));
        assertThat(r.isValid()).isFalse();
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("email");
            assertThat(p.message()).contains("'zanele.example.com'");
        });
    }

    @Test
    void badBudgetIsAnError() {
        MappedLead r = mapper.map(row("Name", "Zanele Dlamini", "Budget", "lots"));
        assertThat(r.isValid()).isFalse();
        assertThat(r.errorText()).startsWith("budget: ").contains("'lots'");
        assertThat(r.lead().getBudget()).isNull();
    }

    @Test
    void severalErrorsAreAllReported() {
        MappedLead r = mapper.map(row("Email", "nope", "Budget", "1-2"));
        assertThat(r.errors()).extracting(LeadProblem::field).containsExactly("name", "email", "budget");
        assertThat(r.errorText()).contains("; ");
    }

    @Test
    void invalidPhoneIsKeptWithAWarningAndTheRowStillImports() {
        MappedLead r = mapper.map(row("Name", "Chidi Okeke", "Phone", "12"));
        assertThat(r.isValid()).isTrue();
        assertThat(r.lead().getPhone()).isEqualTo("12");
        assertThat(r.warningText()).startsWith("phone: ").contains("kept as given");
    }

    @Test
    void phoneIsReadForTheRowsCountry() {
        MappedLead r = mapper.map(row("Name", "Chidi Okeke", "Phone", "0803 123 4567", "Country", "Nigeria"));
        assertThat(r.lead().getPhone()).isEqualTo("+2348031234567");
    }

    @Test
    void mobileFillsPhoneOnlyWhenThereIsNoPhone() {
        assertThat(mapper.map(row("Name", "A", "Mobile", "0722000001")).lead().getPhone())
                .isEqualTo("+254722000001");
        assertThat(mapper.map(row("Name", "A", "Mobile", "0722000001", "Phone", "0733000002")).lead().getPhone())
                .isEqualTo("+254733000002");
    }

    @Test
    void unknownStatusIsLeftUnsetWithAWarning() {
        MappedLead r = mapper.map(row("Name", "A", "Status", "Hot"));
        assertThat(r.isValid()).isTrue();
        assertThat(r.lead().getStatus()).isNull();
        assertThat(r.warningText()).contains("'Hot'").contains("'new'");
    }

    @Test
    void sourceComesFromRowThenPresetThenFallback() {
        assertThat(mapper.map(row("Name", "A", "Source", "ad")).lead().getSource()).isEqualTo("ad");
        assertThat(mapper.map(row("Name", "A")).lead().getSource()).isEqualTo("csv");
        CsvRowMapper facebook = new CsvRowMapper(LeadColumnMapping.preset("facebook-lead-ads"),
                new PhoneNormalizer(null), "csv");
        assertThat(facebook.map(row("full_name", "A")).lead().getSource()).isEqualTo("facebook");
    }

    @Test
    void firstNonBlankColumnWinsForOneField() {
        MappedLead r = mapper.map(row("Name", "A", "Email", "", "Work Email", "a@work.example"));
        assertThat(r.lead().getEmail()).isEqualTo("a@work.example");
    }

    @Test
    void ignoredAndUnknownColumnsDoNotFillAnything() {
        CsvRowMapper hubspot = new CsvRowMapper(LeadColumnMapping.preset("hubspot"), new PhoneNormalizer(null), null);
        Lead l = hubspot.map(row("First Name", "A", "Lifecycle Stage", "lead", "Shoe size", "42")).lead();
        assertThat(l).isEqualTo(new Lead().setName("A").setSource("hubspot"));
    }

    @Test
    void headersWithBomAndOddSpellingStillMap() {
        MappedLead r = mapper.map(row("\uFEFFfull_name", "A", "E-MAIL ADDRESS", "a@b.example"));
        assertThat(r.lead().getName()).isEqualTo("A");
        assertThat(r.lead().getEmail()).isEqualTo("a@b.example");
    }

    @Test
    void blankRowsAreRecognised() {
        assertThat(CsvRowMapper.isBlank(row("Name", "", "Email", " "))).isTrue();
        assertThat(CsvRowMapper.isBlank(row("Name", "", "Email", "x"))).isFalse();
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("Name", null);
        assertThat(CsvRowMapper.isBlank(withNull)).isTrue();
    }

    @Test
    void nullValuesDoNotThrow() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("Name", "A");
        r.put("Email", null);
        assertThat(mapper.map(r).isValid()).isTrue();
    }
}
