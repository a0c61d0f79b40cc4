package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.examples.common.MappedLead;

class CsvImportSettingsTest {

    @Test
    void defaultsWhenNothingIsConfigured() {
        CsvImportSettings s = CsvImportSettings.fromProperties(Map.of());
        assertThat(s).isEqualTo(new CsvImportSettings("auto", Map.of(), null, "csv", 100));
    }

    @Test
    void readsEverySetting() {
        CsvImportSettings s = CsvImportSettings.fromProperties(Map.of("cashfin.csv.preset", "hubspot",
                "cashfin.csv.mapping.Ref Person", "name", "cashfin.phone.default-region", "ke",
                "cashfin.csv.source", "trade-fair", "cashfin.csv.progress-every", " 50 "));
        assertThat(s).isEqualTo(new CsvImportSettings("hubspot", Map.of("Ref Person", "name"), "ke", "trade-fair",
                50));
    }

    @Test
    void mapperForAFileAppliesPresetUserMappingRegionAndSource() {
        CsvImportSettings s = CsvImportSettings.fromProperties(Map.of("cashfin.csv.mapping.Ref Person", "name",
                "cashfin.phone.default-region", "KE", "cashfin.csv.source", "trade-fair"));
        CsvRowMapper m = s.mapperFor(List.of("Ref Person", "Phone"));
        MappedLead r = m.map(Map.of("Ref Person", "Amina", "Phone", "0722000001"));
        assertThat(r.lead().getName()).isEqualTo("Amina");
        assertThat(r.lead().getPhone()).isEqualTo("+254722000001");
        assertThat(r.lead().getSource()).isEqualTo("trade-fair");
        assertThat(s.mapperFor(List.of("ad_name", "form_name", "full_name")).mapping().name())
                .isEqualTo("facebook-lead-ads+user");
    }

    @Test
    void invalidSettingsFailAtStartWithTheirName() {
        assertThatThrownBy(() -> CsvImportSettings.fromProperties(Map.of("cashfin.csv.preset", "zoho")))
                .hasMessageContaining("'zoho'");
        assertThatThrownBy(() -> CsvImportSettings.fromProperties(Map.of("cashfin.csv.mapping.X", "boss")))
                .hasMessageContaining("'boss'");
        assertThatThrownBy(() -> CsvImportSettings.fromProperties(Map.of("cashfin.phone.default-region", "Kenya")))
                .hasMessageContaining("'Kenya'");
        assertThatThrownBy(() -> CsvImportSettings.fromProperties(Map.of("cashfin.csv.progress-every", "often")))
                .hasMessageContaining("cashfin.csv.progress-every").hasMessageContaining("'often'");
        assertThatThrownBy(() -> CsvImportSettings.fromProperties(Map.of("cashfin.csv.progress-every", "-1")))
                .hasMessageContaining("0 (off)");
    }

    @Test
    void sheetNameForWorkbooks() {
        assertThat(CsvImportSettings.fromProperties(Map.of()).sheet()).isNull();
        assertThat(CsvImportSettings.fromProperties(Map.of("cashfin.csv.sheet", " Leads ")).sheet()).isEqualTo("Leads");
    }
}
