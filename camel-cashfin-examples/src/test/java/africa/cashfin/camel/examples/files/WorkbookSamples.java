package africa.cashfin.camel.examples.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the Excel workbooks the tests drop, shaped like what sales teams send: an empty first sheet, then a "Leads"
 * sheet with a date column, a budget typed as a number in a thousands format, a budget computed by a formula, a phone
 * number typed as a number, an empty row and a row without a name. Written with POI's usermodel, formulas evaluated
 * so the file holds their results as Excel would.
 */
public final class WorkbookSamples {

    private WorkbookSamples() {
    }

    /** The leads workbook; see the class comment and the row comments. */
    public static byte[] leadsWorkbook() {
        return leadsWorkbook("yyyy-mm-dd");
    }

    /**
     * The leads workbook with its date column in {@code dateFormat}, e.g. {@code [$-en-US]mmmm d, yyyy;@} as recent
     * Excel versions write a long date (POI cannot format that one: it logs so for every cell).
     */
    public static byte[] leadsWorkbook(String dateFormat) {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.createSheet("Notes");
            XSSFSheet sheet = wb.createSheet("Leads");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat(dateFormat));
            CellStyle thousands = wb.createCellStyle();
            thousands.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            header(sheet.createRow(0), "Full Name", "Email", "Phone", "Company", "Country", "Budget", "Enquiry Date",
                    "Notes");
            // row 1: a budget typed as a number in a thousands format
            Row r = lead(sheet.createRow(1), "Amina Otieno", "amina.otieno@savannah-solar.example", "+254 722 000 001",
                    "Savannah Solar", "Kenya", "Wants 3 kits");
            r.createCell(5).setCellValue(120000);
            r.getCell(5).setCellStyle(thousands);
            dated(r, date, LocalDate.of(2026, 3, 14));
            // row 2: a budget computed by a formula (12 months of 4,500)
            r = lead(sheet.createRow(2), "Kwame Mensah", "kwame.mensah@volta-foods.example", "+233 24 400 0102",
                    "Volta Foods", "Ghana", "Monthly plan");
            r.createCell(5).setCellFormula("12*4500");
            r.getCell(5).setCellStyle(thousands);
            dated(r, date, LocalDate.of(2026, 3, 15));
            // row 3: empty (the row exists, styled, without values)
            sheet.createRow(3).createCell(0).setCellStyle(thousands);
            // row 4: 1234.5 shown as "1,235": the budget keeps the exact value
            r = lead(sheet.createRow(4), "Thandiwe Nkosi", "thandiwe@karoo-water.example", "+27 82 000 0104",
                    "Karoo Water", "South Africa", "Pilot first");
            r.createCell(5).setCellValue(1234.5);
            r.getCell(5).setCellStyle(thousands);
            dated(r, date, LocalDate.of(2026, 3, 16));
            // row 5: no name: fails, and goes to the errors file with its cells as displayed
            r = lead(sheet.createRow(5), null, "no.name@example.com", "+254 733 000 105", "Unnamed Ventures", "Kenya",
                    "Left the name blank");
            dated(r, date, LocalDate.of(2026, 3, 18));
            // row 6: a phone typed as a number (General format), no budget
            r = lead(sheet.createRow(6), "Fatima Zahra Benali", "fatima@atlas-textiles.example", null,
                    "Atlas Textiles", "Morocco", "");
            r.createCell(2).setCellValue(212600000106d);
            dated(r, date, LocalDate.of(2026, 3, 19));
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            var out = new java.io.ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A report tool's export: a title in A1 ("Leads export"), a subtitle with the date in A2, an empty row, then the
     * column names in row 4 and two leads.
     */
    public static byte[] titledWorkbook() {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("Export");
            sheet.createRow(0).createCell(0).setCellValue("Leads export");
            sheet.createRow(1).createCell(0).setCellValue("Generated 2026-11-29 08:00 by ReportTool");
            header(sheet.createRow(3), "Full Name", "Email", "Phone", "Company");
            lead(sheet.createRow(4), "Amina Otieno", "amina.otieno@savannah-solar.example", null, "Savannah Solar",
                    null, null);
            lead(sheet.createRow(5), "Kwame Mensah", "kwame.mensah@volta-foods.example", null, "Volta Foods", null,
                    null);
            var out = new java.io.ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #leadsWorkbook()} to {@code file}. */
    public static Path writeLeadsWorkbook(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(leadsWorkbook());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(Row row, String... names) {
        for (int i = 0; i < names.length; i++) {
            row.createCell(i).setCellValue(names[i]);
        }
    }

    private static Row lead(Row row, String name, String email, String phone, String company, String country,
            String notes) {
        String[] values = { name, email, phone, company, country };
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
        if (notes != null && !notes.isEmpty()) {
            row.createCell(7).setCellValue(notes);
        }
        return row;
    }

    private static void dated(Row row, CellStyle style, LocalDate day) {
        row.createCell(6).setCellValue(day);
        row.getCell(6).setCellStyle(style);
    }
}
