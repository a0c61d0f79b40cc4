package africa.cashfin.camel.examples.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import africa.cashfin.camel.examples.app.ExamplesApp;

/**
 * Flow 1's file limits through the real app: a zip-bomb workbook, a workbook cell or shared-strings table too large to
 * hold, a CSV row that never ends (an unclosed quote, a file without line breaks) are each refused with a clear error
 * in {@code .error/}, without reading them into memory.
 */
class FileLimitsFlowTest {

    @RegisterExtension
    static final ExamplesApp APP = new ExamplesApp().with("cashfin.csv.max-row-chars", "65536")
            .with("cashfin.csv.max-shared-strings-size", "65536");

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SHEET = "xl/worksheets/sheet1.xml";

    @Test
    void aZipBombWorkbookIsRefused() throws Exception {
        // a million identical rows: about 50 MB of XML that compresses to a few hundred KB (over 100 times)
        ByteArrayOutputStream sheet = new ByteArrayOutputStream();
        sheet.write(sheetStart().getBytes(StandardCharsets.UTF_8));
        byte[] row = "<row><c t=\"inlineStr\"><is><t>Spam Spam</t></is></c></row>".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 1_000_000; i++) {
            sheet.write(row);
        }
        sheet.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        byte[] bomb = replaceEntry(workbook(1), SHEET, sheet.toByteArray());
        assertThat(bomb.length).isLessThan(1 << 20);

        assertThat(refusal("bomb.xlsx", bomb)).contains("bomb.xlsx is refused").contains("zip bomb")
                .contains("cashfin.csv.min-inflate-ratio");
    }

    @Test
    void aWorkbookCellLongerThanTheLimitIsRefused() throws Exception {
        String cell = randomText(200_000, 1);
        byte[] xml = (sheetStart() + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>" + cell
                      + "</t></is></c></row></sheetData></worksheet>").getBytes(StandardCharsets.UTF_8);

        assertThat(refusal("long-cell.xlsx", replaceEntry(workbook(1), SHEET, xml))).contains("holds more than 32,767")
                .contains("cashfin.csv.max-cell-chars");
    }

    @Test
    void aSharedStringsTableOverTheLimitIsRefused() throws Exception {
        assertThat(refusal("many-texts.xlsx", workbook(3_000))).contains("table of texts (shared strings)")
                .contains("larger than 64 KB").contains("cashfin.csv.max-shared-strings-size");
    }

    @Test
    void aCsvRowWithAnUnclosedQuoteIsRefusedNotReadToTheEnd() throws Exception {
        StringBuilder csv = new StringBuilder("Full Name,Email,Notes\nAmina Otieno,amina@example.com,\"fine\"\n");
        csv.append("Kwame Mensah,kwame@example.com,\"never closed\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("Row ").append(i).append(",row").append(i).append("@example.com,more\n");
        }

        assertThat(refusal("unclosed.csv", csv.toString().getBytes(StandardCharsets.UTF_8)))
                .contains("the row starting on line 3 is longer than 65,536 characters")
                .contains("never closed").contains("cashfin.csv.max-row-chars").doesNotContain("conversion");
    }

    @Test
    void aCsvWithoutLineBreaksIsRefused() throws Exception {
        String csv = "Full Name,Email\nAmina Otieno," + "x".repeat(200_000);

        assertThat(refusal("one-line.csv", csv.getBytes(StandardCharsets.UTF_8)))
                .contains("one-line.csv: the row starting on line 2 is longer than 65,536 characters (no line break)")
                .doesNotContain("conversion");
    }

    private static String refusal(String name, byte[] content) throws IOException {
        APP.drop(content, name);
        Path note = APP.failed().resolve(name + ".error.txt");
        await().atMost(WAIT).until(() -> Files.exists(note) && Files.exists(APP.failed()
                .resolve(name)));
        return Files.readString(note, StandardCharsets.UTF_8);
    }

    private static String sheetStart() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas"
               + ".openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
               + "<is><t>Full Name</t></is></c></row>";
    }

    /** A workbook with a header and {@code rows} rows of distinct random texts (so the shared strings grow). */
    private static byte[] workbook(int rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("Leads");
            sheet.createRow(0).createCell(0).setCellValue("Full Name");
            for (int i = 1; i <= rows; i++) {
                Row r = sheet.createRow(i);
                r.createCell(0).setCellValue(randomText(30, i));
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static String randomText(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private static byte[] replaceEntry(byte[] zip, String entry, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(9);
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(e.getName().equals(entry) ? content : in.readAllBytes());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
