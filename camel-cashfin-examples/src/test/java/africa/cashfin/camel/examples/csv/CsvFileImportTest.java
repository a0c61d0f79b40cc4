package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.examples.common.MappedLead;

class CsvFileImportTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private static Map<String, String> row(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void resolvesTheMappingOnceFromTheFirstRowAndLogsUnmappedColumns() {
        CsvFileImport imp = CsvFileImport.start("inbox/leads.csv", ";", dir,
                CsvImportSettings.fromProperties(Map.of("cashfin.phone.default-region", "KE")), log::add,
                Clock.systemUTC());
        assertThat(imp.mappingName()).isNull();
        MappedLead first = imp.map(row("Name", "Amina", "Phone", "0722000001", "Shoe size", "38"));
        MappedLead second = imp.map(row("Name", "", "Phone", "1", "Shoe size", "40"));
        assertThat(imp.mappingName()).isEqualTo("generic");
        assertThat(log).containsExactly("leads.csv: mapping 'generic'; columns not imported (map them with"
                + " cashfin.csv.mapping.<column>=<field>): Shoe size");
        assertThat(first.lead().getPhone()).isEqualTo("+254722000001");
        assertThat(second.isValid()).isFalse();
    }

    @Test
    void recordsOutcomesInTheReport() throws Exception {
        CsvFileImport imp = CsvFileImport.start("leads.csv", ",", dir, CsvImportSettings.fromProperties(Map.of()),
                log::add, Clock.systemUTC());
        Map<String, String> good = row("Name", "Amina", "Status", "Hot");
        Map<String, String> bad = row("Name", "", "Status", "");
        MappedLead g = imp.map(good);
        MappedLead b = imp.map(bad);
        imp.created(1, "id-1", g);
        imp.failed(2, bad, b);
        imp.duplicate(3, "id-1", g);
        imp.failed(4, good, "Cashfin refused the lead: 422 email is invalid");
        ImportSummary s = imp.finish();
        assertThat(s.created()).isEqualTo(1);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(2);
        assertThat(log.get(0)).isEqualTo("leads.csv: mapping 'generic', every column is imported");
        String report = Files.readString(imp.report().reportFile());
        assertThat(report).contains("1,created,id-1,status: 'Hot' is not a status Cashfin knows")
                .contains("2,failed,,name: the name is missing").contains("3,duplicate,id-1,")
                .contains("4,failed,,Cashfin refused the lead: 422 email is invalid");
        assertThat(Files.readAllLines(imp.report().errorsFile())).hasSize(3);
    }

    @Test
    void detectsThePresetPerFile() {
        CsvImportSettings settings = CsvImportSettings.fromProperties(Map.of());
        CsvFileImport fb = CsvFileImport.start("fb.csv", "\t", dir, settings, log::add, Clock.systemUTC());
        fb.map(row("full_name", "A", "ad_name", "x", "form_name", "y"));
        CsvFileImport plain = CsvFileImport.start("plain.csv", ",", dir, settings, log::add, Clock.systemUTC());
        plain.map(row("Name", "A"));
        assertThat(fb.mappingName()).isEqualTo("facebook-lead-ads");
        assertThat(plain.mappingName()).isEqualTo("generic");
    }
}
