package africa.cashfin.camel.examples.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import africa.cashfin.camel.examples.csv.CsvRowMapper;
import africa.cashfin.camel.examples.csv.LeadColumnMapping;

class XlsxRowsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFirstSheetWithAHeaderRowAsDisplayed() {
        Path file = WorkbookSamples.writeLeadsWorkbook(dir.resolve("leads.xlsx"));
        List<Map<String, Object>> rows = new ArrayList<>();
        try (XlsxRows xlsx = open(file, null)) {
            assertThat(xlsx.sheetName()).isEqualTo("Leads");
            assertThat(xlsx.headers()).containsExactly("Full Name", "Email", "Phone", "Company", "Country", "Budget",
                    "Enquiry Date", "Notes");
            assertThat(xlsx.expectedRows()).isEqualTo(6);
            xlsx.forEachRemaining(rows::add);
        }
        // rows keep the sheet's numbering: the empty row 3 is there, as an empty map
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0)).containsEntry("Full Name", "Amina Otieno").containsEntry("Enquiry Date", "2026-03-14")
                .containsEntry("Notes", "Wants 3 kits");
        assertThat(rows.get(0).get("Budget")).hasToString("120,000");
        // a formula reads as its result, in the cell's format
        assertThat(rows.get(1).get("Budget")).hasToString("54,000")
                .isEqualTo(new SheetNumber("54,000", new BigDecimal("54000.0")));
        assertThat(CsvRowMapper.isBlank(rows.get(2))).isTrue();
        // shown as 1,235; the exact value is kept
        assertThat(rows.get(3).get("Budget")).hasToString("1,235");
        assertThat(((SheetNumber) rows.get(3).get("Budget")).exactText()).isEqualTo("1234.5");
        assertThat(rows.get(4)).containsEntry("Full Name", "").containsEntry("Enquiry Date", "2026-03-18");
        // a phone number typed as a number in the General format shows all its digits
        assertThat(rows.get(5).get("Phone")).hasToString("212600000106");
        assertThat(rows.get(5)).containsEntry("Budget", "");
    }

    @Test
    void aTitleAboveColumnsNoMappingKnowsIsSkippedInAShortSheet() throws IOException {
        // fewer rows than TitleRows looks at, and no column the mapping knows: the header is chosen at the sheet's end
        Path file = dir.resolve("short.xlsx");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = Files.newOutputStream(file)) {
            var sheet = wb.createSheet("Kontakte");
            sheet.createRow(0).createCell(0).setCellValue("Messe Nairobi 2026");
            var header = sheet.createRow(2);
            header.createCell(0).setCellValue("Kontakt");
            header.createCell(1).setCellValue("Firma");
            var row = sheet.createRow(3);
            row.createCell(0).setCellValue("Ann");
            row.createCell(1).setCellValue("Acme");
            wb.write(out);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (XlsxRows xlsx = open(file, null)) {
            assertThat(xlsx.titleRows()).isEqualTo(1);
            assertThat(xlsx.headers()).containsExactly("Kontakt", "Firma");
            xlsx.forEachRemaining(rows::add);
        }
        assertThat(rows).containsExactly(Map.of("Kontakt", "Ann", "Firma", "Acme"));
    }

    @Test
    void readsTheSheetNamedInTheSettings() {
        Path file = WorkbookSamples.writeLeadsWorkbook(dir.resolve("leads.xlsx"));
        try (XlsxRows xlsx = open(file, "leads")) {
            assertThat(xlsx.sheetName()).isEqualTo("Leads");
            assertThat(xlsx.next()).containsEntry("Full Name", "Amina Otieno");
        }
    }

    @Test
    void aSheetNameThatIsNotThereIsAnErrorListingTheSheets() {
        Path file = WorkbookSamples.writeLeadsWorkbook(dir.resolve("leads.xlsx"));
        assertThatThrownBy(() -> open(file, "Contacts")).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("no sheet named 'Contacts'").hasMessageContaining("'Notes', 'Leads'")
                .hasMessageContaining("cashfin.csv.sheet");
        assertThatThrownBy(() -> open(file, "Notes")).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("the sheet 'Notes' has no header row");
    }

    @Test
    void aZipThatIsNotAWorkbookIsAnErrorSayingWhatToDo() throws IOException {
        Path file = dir.resolve("archive.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not a workbook".getBytes());
        }
        assertThatThrownBy(() -> open(file, null)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("archive.xlsx could not be read as an Excel workbook")
                .hasMessageContaining("save it as Excel Workbook (.xlsx) or CSV UTF-8");
    }

    @Test
    void closingEarlyStopsTheReader() {
        Path file = WorkbookSamples.writeLeadsWorkbook(dir.resolve("leads.xlsx"));
        XlsxRows xlsx = open(file, null);
        xlsx.next();
        xlsx.close();
        assertThat(xlsx.hasNext()).isFalse();
    }

    /** The workbook read as the file drop reads it: the header row is told by the columns the generic mapping knows. */
    private static XlsxRows open(Path file, String sheet) {
        LeadColumnMapping generic = LeadColumnMapping.generic();
        return XlsxRows.open(file, sheet, FileLimits.DEFAULTS, cells -> generic.describe(cells).size());
    }
}
