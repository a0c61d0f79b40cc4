package africa.cashfin.camel.examples.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDialectTest {

    @TempDir
    Path dir;

    @Test
    void detectsDelimiterOfTheHeaderLine() {
        assertThat(CsvDialect.detectDelimiter("Name,Email,Phone")).isEqualTo(',');
        assertThat(CsvDialect.detectDelimiter("Name;Email;Phone")).isEqualTo(';');
        assertThat(CsvDialect.detectDelimiter("full_name\temail\tphone_number")).isEqualTo('\t');
    }

    @Test
    void delimitersInsideQuotesDoNotCount() {
        assertThat(CsvDialect.detectDelimiter("\"Name, full\";\"Company, Inc\";Email")).isEqualTo(';');
        assertThat(CsvDialect.detectDelimiter("\"a;b;c;d\",Email")).isEqualTo(',');
    }

    @Test
    void singleColumnOrEmptyDefaultsToComma() {
        assertThat(CsvDialect.detectDelimiter("Name")).isEqualTo(',');
        assertThat(CsvDialect.detectDelimiter("")).isEqualTo(',');
        assertThat(CsvDialect.detectDelimiter(null)).isEqualTo(',');
    }

    @Test
    void stripsBom() {
        assertThat(CsvDialect.stripBom("\uFEFFName")).isEqualTo("Name");
        assertThat(CsvDialect.stripBom("Name")).isEqualTo("Name");
        assertThat(CsvDialect.stripBom("")).isEmpty();
    }

    @Test
    void sniffsFileWithBomSemicolonsAndCrlf() throws IOException {
        Path f = dir.resolve("leads.csv");
        Files.write(f, ("\uFEFFName;Email;\"Notes, long\"\r\nAmina;amina@example.com;\"a,b\"\r\n")
                .getBytes(StandardCharsets.UTF_8));
        CsvDialect d = CsvDialect.sniff(f);
        assertThat(d).isEqualTo(new CsvDialect(';', true));
        assertThat(CsvDialect.delimiterOf(f.toString())).isEqualTo(";");
    }

    @Test
    void onlyTheHeaderLineCounts() throws IOException {
        Path f = dir.resolve("leads.csv");
        Files.writeString(f, "Name,Email\nA;B;C;D;E;F;G\n");
        assertThat(CsvDialect.sniff(f)).isEqualTo(new CsvDialect(',', false));
    }

    @Test
    void quotedHeaderWithLineBreakIsOneLine() throws IOException {
        InputStream in = new ByteArrayInputStream("\"Full\nName\";Email;Phone\nx;y;z\n".getBytes(StandardCharsets.UTF_8));
        assertThat(CsvDialect.sniff(in).delimiter()).isEqualTo(';');
    }

    @Test
    void readsNoMoreThanTheHeaderLimitOfAHugeFirstLine() throws IOException {
        byte[] huge = ("a;".repeat(CsvDialect.MAX_HEADER_CHARS) + ",,,\n").getBytes(StandardCharsets.UTF_8);
        assertThat(CsvDialect.sniff(new ByteArrayInputStream(huge)).delimiter()).isEqualTo(';');
    }

    @Test
    void missingFileSaysWhichFile() {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> CsvDialect.sniff(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("nope.csv");
    }

    @Test
    void readerSkipsBomOnlyWhenPresent() throws IOException {
        assertThat(read(CsvDialect.withoutBom(new ByteArrayInputStream("\uFEFFName".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("Name");
        assertThat(read(CsvDialect.withoutBom(new ByteArrayInputStream("Name".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("Name");
        assertThat(read(CsvDialect.withoutBom(new ByteArrayInputStream(new byte[0])))).isEmpty();
    }

    private static String read(Reader r) throws IOException {
        StringWriter w = new StringWriter();
        r.transferTo(w);
        return w.toString();
    }
}
