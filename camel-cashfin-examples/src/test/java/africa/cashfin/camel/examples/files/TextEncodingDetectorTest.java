package africa.cashfin.camel.examples.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextEncodingDetectorTest {

    private static final String TEXT = "Name,Company\r\nJosé Müller,Café Ltd\r\nAmina Otieno,Savannah Solar\r\n";

    @TempDir
    Path dir;

    @Test
    void facebookLeadAdsDownloadIsUtf16LeWithBomAndTabSeparated() throws IOException {
        Path file = resource("facebook-lead-ads-utf16.csv");
        TextEncodingDetector.Result r = TextEncodingDetector.detect(file);
        assertThat(r.encoding()).isEqualTo(new TextEncoding(StandardCharsets.UTF_16LE, 2));
        assertThat(r.encoding().label()).isEqualTo("UTF-16LE with BOM");
        assertThat(r.lineBreaks()).isEqualTo(5);
        CsvDialect dialect = CsvDialect.sniff(file, r.encoding());
        assertThat(dialect.delimiterName()).isEqualTo("tab");
        try (Reader reader = r.encoding().open(file)) {
            assertThat((char) reader.read()).isEqualTo('i'); // the BOM is skipped: "id\t..."
        }
    }

    @Test
    void windowsExcelCsvFallsBackToWindows1252() throws IOException {
        Path file = resource("excel-windows-1252.csv");
        TextEncodingDetector.Result r = TextEncodingDetector.detect(file);
        assertThat(r.encoding().label()).isEqualTo("Windows-1252");
        try (Reader reader = r.encoding().open(file)) {
            String text = new String(readAll(reader));
            assertThat(text).contains("Aïssata,Traoré").contains("€12,500").contains("« Pro »").contains("2 pm – thanks");
        }
    }

    @Test
    void utf8WithAndWithoutBom() {
        assertThat(detect(TEXT.getBytes(StandardCharsets.UTF_8)).encoding()).isEqualTo(TextEncoding.UTF_8);
        byte[] bom = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, TEXT.getBytes(StandardCharsets.UTF_8));
        TextEncodingDetector.Result r = detect(bom);
        assertThat(r.encoding().label()).isEqualTo("UTF-8 with BOM");
        assertThat(r.lineBreaks()).isEqualTo(3);
    }

    @Test
    void utf16WithBomEitherOrder() {
        assertThat(detect(concat(new byte[] { (byte) 0xFE, (byte) 0xFF }, TEXT.getBytes(StandardCharsets.UTF_16BE)))
                .encoding().label()).isEqualTo("UTF-16BE with BOM");
        assertThat(detect(concat(new byte[] { (byte) 0xFF, (byte) 0xFE }, TEXT.getBytes(StandardCharsets.UTF_16LE)))
                .encoding().label()).isEqualTo("UTF-16LE with BOM");
    }

    @Test
    void utf16WithoutBomByItsNulBytes() {
        assertThat(detect(TEXT.getBytes(StandardCharsets.UTF_16LE)).encoding())
                .isEqualTo(new TextEncoding(StandardCharsets.UTF_16LE, 0));
        assertThat(detect(TEXT.getBytes(StandardCharsets.UTF_16BE)).encoding().label())
                .isEqualTo("UTF-16BE without BOM");
    }

    @Test
    void asciiIsUtf8() {
        assertThat(detect("Name,Email\r\nA,a@example.com\r\n".getBytes(StandardCharsets.US_ASCII)).encoding())
                .isEqualTo(TextEncoding.UTF_8);
    }

    @Test
    void binaryFileIsRefusedSayingWhatToDo() {
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 1,
                       0, (byte) 0xFF, (byte) 0x9D, (byte) 0x81 };
        assertThatThrownBy(() -> detect(png)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("is not UTF-8, UTF-16 or Windows-1252 text")
                .hasMessageContaining("Save it as 'CSV UTF-8'");
    }

    @Test
    void textInAnotherEncodingIsRefused() {
        // Russian in Windows-1251: juniversalchardet names it, and it is not one the import reads
        String russian = "Имя,Компания\r\n" + "Иван Петров,ООО Ромашка\r\n".repeat(20);
        assertThatThrownBy(() -> detect(russian.getBytes(Charset.forName("windows-1251"))))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("it looks like WINDOWS-1251");
    }

    @Test
    void utf32AndEmptyFilesAreRefused() {
        byte[] utf32 = concat(new byte[] { (byte) 0xFF, (byte) 0xFE, 0, 0 }, TEXT.getBytes(Charset.forName("UTF-32LE")));
        assertThatThrownBy(() -> detect(utf32)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("UTF-32LE text, which the import does not read");
        assertThatThrownBy(() -> detect(new byte[0])).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void invalidBytesLaterInAUtf16FileAreNamed() {
        byte[] broken = concat(new byte[] { (byte) 0xFF, (byte) 0xFE }, TEXT.getBytes(StandardCharsets.UTF_16LE),
                new byte[] { 0x00, (byte) 0xD8, 'A', 0 }); // a lone high surrogate
        assertThatThrownBy(() -> detect(broken)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("starts like UTF-16LE with BOM text but is not");
    }

    private TextEncodingDetector.Result detect(byte[] content) {
        try {
            Path file = Files.write(dir.resolve("f.csv"), content);
            return TextEncodingDetector.detect(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/drops/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    private static char[] readAll(Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[1024];
        int n;
        while ((n = reader.read(buf)) > 0) {
            sb.append(buf, 0, n);
        }
        return sb.toString().toCharArray();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
