package africa.cashfin.camel.examples.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.leads.model.Lead;

class LeadCsvExportTest {

    @TempDir
    Path dir;

    private static List<CSVRecord> read(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT)) {
            return p.getRecords();
        }
    }

    @Test
    void appendsLinesUnderOneHeaderWithFormulasDefused() throws Exception {
        Path file = dir.resolve("out/leads-export.csv");
        LeadCsvExport export = new LeadCsvExport(file.toString());
        Lead evil = new Lead().setId("64b7f0c2a1b2c3d4e5f60718").setName("=HYPERLINK(\"http://evil\",\"click\")")
                .setEmail("@SUM(1+1)@example.com").setPhone("+254722000001").setCompany("-2+3")
                .setRequest("line1\nline2, with comma").setBudget(new BigDecimal("50000.50")).setStatus("new")
                .setCreatedat(Instant.parse("2026-11-27T09:15:00Z"));
        assertThat(export.append(evil)).isSameAs(evil);
        export.append(new Lead().setId("64b7f0c2a1b2c3d4e5f60719").setName("Amina Otieno"));

        List<CSVRecord> rows = read(file);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).toList()).isEqualTo(LeadCsvExport.COLUMNS);
        CSVRecord first = rows.get(1);
        assertThat(first.get(0)).isEqualTo("64b7f0c2a1b2c3d4e5f60718");
        assertThat(first.get(1)).isEqualTo("'=HYPERLINK(\"http://evil\",\"click\")");
        assertThat(first.get(2)).isEqualTo("'@SUM(1+1)@example.com");
        assertThat(first.get(3)).as("a phone with + is escaped too").isEqualTo("'+254722000001");
        assertThat(first.get(4)).isEqualTo("'-2+3");
        assertThat(first.get(8)).isEqualTo("line1\nline2, with comma");
        assertThat(first.get(9)).isEqualTo("50000.50");
        assertThat(first.get(14)).isEqualTo("new");
        assertThat(first.get(15)).isEqualTo("2026-11-27T09:15:00Z");
        assertThat(rows.get(2).get(1)).isEqualTo("Amina Otieno");
        assertThat(rows.get(2).get(2)).isEmpty();
    }

    @Test
    void existingFileGetsNoSecondHeader() throws Exception {
        Path file = dir.resolve("x.csv");
        new LeadCsvExport(file.toString()).append(new Lead().setName("A"));
        new LeadCsvExport(file.toString()).append(new Lead().setName("B"));
        List<CSVRecord> rows = read(file);
        assertThat(rows).extracting(r -> r.get(1)).containsExactly("name", "A", "B");
    }

    @Test
    void semicolonDelimiter() {
        LeadCsvExport export = new LeadCsvExport(dir.resolve("y.csv").toString(), ';');
        assertThat(export.line(new Lead().setName("a;b").setCompany("c,d"))).startsWith(";\"a;b\";;;c,d;");
    }

    @Test
    void unwritableFileIsNamed() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        LeadCsvExport export = new LeadCsvExport(blocker.resolve("leads.csv").toString());
        assertThatThrownBy(() -> export.append(new Lead().setName("A")))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("leads.csv");
    }
}
