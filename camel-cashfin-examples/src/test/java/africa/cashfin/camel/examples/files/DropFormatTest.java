package africa.cashfin.camel.examples.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropFormatTest {

    private static final byte[] OLE2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                                         (byte) 0xE1, 0, 0, 0, 0 };

    @TempDir
    Path dir;

    @Test
    void toldByTheFirstBytesNotTheName() throws IOException {
        assertThat(DropFormat.of(Files.write(dir.resolve("leads.csv"), "Name\r\nA\r\n".getBytes()))).isEqualTo(
                DropFormat.TEXT);
        assertThat(DropFormat.of(Files.write(dir.resolve("leads.xlsx"), WorkbookSamples.leadsWorkbook())))
                .isEqualTo(DropFormat.XLSX);
        // a workbook saved under a .csv name is still read as a workbook
        assertThat(DropFormat.of(Files.write(dir.resolve("renamed.csv"), WorkbookSamples.leadsWorkbook())))
                .isEqualTo(DropFormat.XLSX);
        assertThat(DropFormat.XLSX.text()).isEqualTo("xlsx");
    }

    @Test
    void oldBinaryWorkbookIsRefusedWhateverItsName() throws IOException {
        Path xls = Files.write(dir.resolve("report.csv"), OLE2);
        assertThatThrownBy(() -> DropFormat.of(xls)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("report.csv is an Excel 97-2003 workbook (.xls)")
                .hasMessageContaining("save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'");
    }

    @Test
    void xlsNameThatIsNotAWorkbookIsRefusedSayingWhatItProbablyIs() throws IOException {
        Path html = Files.write(dir.resolve("export.xls"), "<html><table><tr><td>Name</td></tr></table></html>"
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DropFormat.of(html)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("named like an Excel 97-2003 workbook (.xls) but is not one")
                .hasMessageContaining("'CSV UTF-8'");
    }
}
