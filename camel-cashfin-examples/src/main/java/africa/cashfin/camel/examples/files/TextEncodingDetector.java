package africa.cashfin.camel.examples.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mozilla.universalchardet.Constants;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Finds out which encoding a dropped text file is in, and checks the whole file decodes in it, reading the file in
 * blocks (never the whole file in memory). In this order:
 * <ol>
 * <li>a byte order mark (read by juniversalchardet's {@link UniversalDetector#detectCharsetFromBOM(byte[])}): UTF-8,
 * UTF-16 LE (Facebook Lead Ads downloads) or UTF-16 BE; a UTF-32 mark is refused;</li>
 * <li>no mark, but NUL bytes in every other position of the first 64 KB: UTF-16 LE or BE without a byte order mark
 * (text in Latin letters, digits and punctuation has a NUL as the high byte of almost every character);</li>
 * <li>valid UTF-8 throughout: UTF-8;</li>
 * <li>otherwise, when juniversalchardet ({@link UniversalDetector}, fed the whole file) names Windows-1252 or nothing,
 * and the file decodes as Windows-1252 (no byte undefined in it): Windows-1252, what Windows Excel writes as "CSV";
 * </li>
 * <li>anything else, including text with NUL characters (a binary file or UTF-32), is refused with an
 * {@link UnreadableFileException} saying to save the file as CSV UTF-8.</li>
 * </ol>
 * The check also counts line breaks, an upper bound of the rows (a quoted cell may hold line breaks), which the
 * progress lines use to estimate the time left.
 */
public final class TextEncodingDetector {

    /**
     * What the scan found.
     *
     * @param encoding   the encoding of the file
     * @param lineBreaks the number of line feeds (or, in a file with only carriage returns, of those)
     */
    public record Result(TextEncoding encoding, long lineBreaks) {
    }

    /** How much of the start of the file the byte order mark and NUL pattern checks look at. */
    static final int HEAD_BYTES = 64 * 1024;

    private static final String SAVE_AS_UTF8 = "Save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8) and drop"
                                               + " it again.";

    private TextEncodingDetector() {
    }

    /**
     * The encoding of {@code file}; see the class comment.
     *
     * @throws UnreadableFileException when the file is empty or not text in UTF-8, UTF-16 or Windows-1252 (the message
     *                                 says why and what to do)
     * @throws UncheckedIOException    when the file cannot be read
     */
    public static Result detect(Path file) {
        String name = file.getFileName().toString();
        byte[] head = head(file);
        if (head.length == 0) {
            throw new UnreadableFileException(name + " is empty: an import needs a header row and data rows.");
        }
        TextEncoding candidate = byBomOrNulPattern(name, head);
        try {
            return new Result(candidate, check(file, candidate));
        } catch (NotInEncoding notUtf8) {
            if (!candidate.equals(TextEncoding.UTF_8)) {
                throw new UnreadableFileException(name + " starts like " + candidate.label() + " text but is not ("
                                                  + notUtf8.getMessage() + "). " + SAVE_AS_UTF8);
            }
            String detected = libraryGuess(file);
            if (detected == null || detected.equalsIgnoreCase(Constants.CHARSET_WINDOWS_1252)) {
                TextEncoding windows1252 = new TextEncoding(TextEncoding.WINDOWS_1252, 0);
                try {
                    return new Result(windows1252, check(file, windows1252));
                } catch (NotInEncoding notWindows1252) {
                    // neither: refused below
                }
            }
            throw new UnreadableFileException(name + " is not UTF-8, UTF-16 or Windows-1252 text (" + notUtf8.getMessage()
                                              + (detected == null ? "" : "; it looks like " + detected) + "). "
                                              + SAVE_AS_UTF8);
        }
    }

    private static TextEncoding byBomOrNulPattern(String name, byte[] head) {
        String bom = UniversalDetector.detectCharsetFromBOM(head);
        if (bom != null) {
            if (bom.equalsIgnoreCase(Constants.CHARSET_UTF_8)) {
                return new TextEncoding(StandardCharsets.UTF_8, 3);
            }
            if (bom.equalsIgnoreCase(Constants.CHARSET_UTF_16LE)) {
                return new TextEncoding(StandardCharsets.UTF_16LE, 2);
            }
            if (bom.equalsIgnoreCase(Constants.CHARSET_UTF_16BE)) {
                return new TextEncoding(StandardCharsets.UTF_16BE, 2);
            }
            throw new UnreadableFileException(name + " is " + bom + " text, which the import does not read. "
                                              + SAVE_AS_UTF8);
        }
        int pairs = head.length / 2;
        int nulEven = 0;
        int nulOdd = 0;
        for (int i = 0; i + 1 < head.length; i += 2) {
            if (head[i] == 0) {
                nulEven++;
            }
            if (head[i + 1] == 0) {
                nulOdd++;
            }
        }
        // at least 30% of the characters Latin script, and (almost) never a NUL in the other byte
        if (pairs > 0 && nulOdd * 10 >= pairs * 3 && nulEven * 50 <= pairs) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 0);
        }
        if (pairs > 0 && nulEven * 10 >= pairs * 3 && nulOdd * 50 <= pairs) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 0);
        }
        return TextEncoding.UTF_8;
    }

    /**
     * Decodes the whole file in {@code encoding}, strictly, and counts its line breaks.
     *
     * @throws NotInEncoding at the first byte that is not valid in the encoding, or at a NUL character
     */
    static long check(Path file, TextEncoding encoding) throws NotInEncoding {
        CharsetDecoder decoder = encoding.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.bomBytes());
            byte[] block = new byte[64 * 1024];
            ByteBuffer bytes = ByteBuffer.allocate(block.length + 8);
            CharBuffer chars = CharBuffer.allocate(block.length + 8);
            long offset = encoding.bomBytes();
            long lineFeeds = 0;
            long carriageReturns = 0;
            int n;
            while ((n = in.read(block)) >= 0) {
                bytes.put(block, 0, n).flip();
                long before = offset;
                CoderResult result = decoder.decode(bytes, chars, false);
                if (result.isError()) {
                    throw new NotInEncoding("bytes not valid in " + encoding.charset().name() + " at byte "
                                            + (before + bytes.position()));
                }
                offset += bytes.position();
                bytes.compact();
                chars.flip();
                for (int i = 0; i < chars.limit(); i++) {
                    char c = chars.get(i);
                    if (c == '\n') {
                        lineFeeds++;
                    } else if (c == '\r') {
                        carriageReturns++;
                    } else if (c == 0) {
                        throw new NotInEncoding("a NUL character near byte " + offset + ", so not a text file");
                    }
                }
                chars.clear();
            }
            bytes.flip();
            if (decoder.decode(bytes, chars, true).isError() || decoder.flush(chars).isError()) {
                throw new NotInEncoding("the file ends in the middle of a " + encoding.charset().name()
                                        + " character");
            }
            return lineFeeds > 0 ? lineFeeds : carriageReturns;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** juniversalchardet's verdict on the whole file (it stops reading once it is sure), or null. */
    private static String libraryGuess(Path file) {
        UniversalDetector detector = new UniversalDetector();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] block = new byte[64 * 1024];
            int n;
            while ((n = in.read(block)) > 0 && !detector.isDone()) {
                detector.handleData(block, 0, n);
            }
            detector.dataEnd();
            return detector.getDetectedCharset();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file is not valid in the encoding tried; the message says where. */
    static final class NotInEncoding extends Exception {
        private static final long serialVersionUID = 1L;

        NotInEncoding(String message) {
            super(message, null, false, false);
        }
    }
}
