package africa.cashfin.camel.examples.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The encoding a dropped text file was detected to be in ({@link TextEncodingDetector}): one of UTF-8, UTF-16 LE,
 * UTF-16 BE or Windows-1252, and how many bytes of byte order mark precede the text.
 *
 * @param charset  the character set
 * @param bomBytes length of the byte order mark at the start of the file (0 when there is none)
 */
public record TextEncoding(Charset charset, int bomBytes) {

    /** Windows-1252, what Windows Excel writes as "CSV" in Western locales. */
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** UTF-8 without a byte order mark. */
    public static final TextEncoding UTF_8 = new TextEncoding(StandardCharsets.UTF_8, 0);

    /** @throws NullPointerException when charset is null */
    public TextEncoding {
        Objects.requireNonNull(charset, "charset");
        if (bomBytes < 0) {
            throw new IllegalArgumentException("bomBytes must be 0 or more, was " + bomBytes);
        }
    }

    /** Whether the file starts with a byte order mark. */
    public boolean bom() {
        return bomBytes > 0;
    }

    /**
     * The name used in the log and the report, e.g. {@code UTF-8}, {@code UTF-8 with BOM}, {@code UTF-16LE with BOM},
     * {@code UTF-16BE without BOM}, {@code Windows-1252}.
     */
    public String label() {
        String name = charset.equals(WINDOWS_1252) ? "Windows-1252" : charset.name();
        if (bom()) {
            return name + " with BOM";
        }
        return charset.name().startsWith("UTF-16") ? name + " without BOM" : name;
    }

    /**
     * A buffered reader of the text of {@code file}: the byte order mark skipped, decoded with {@link #charset()}.
     *
     * @throws IOException when the file cannot be opened
     */
    public Reader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(bomBytes);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new BufferedReader(new InputStreamReader(in, charset), 64 * 1024);
    }

    @Override
    public String toString() {
        return label();
    }
}
