package africa.cashfin.camel.examples.common;

import java.util.Locale;

/**
 * Reduces a column header (or a field name) to a comparison key, so that the ways people write the same header all
 * match: case, spaces, punctuation, underscores and a leading byte order mark are ignored.
 * <p>
 * {@code "E-mail Address"}, {@code "email_address"}, {@code "EmailAddress"} and {@code "\uFEFFEmail address"} all
 * become {@code "emailaddress"}. Letters and digits of any script are kept ({@code "Имя"} becomes {@code "имя"}).
 */
public final class HeaderNormalizer {

    private HeaderNormalizer() {
    }

    /** The comparison key of {@code header}: its letters and digits, lower case; {@code ""} for null. */
    public static String normalize(String header) {
        if (header == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(header.length());
        header.codePoints().filter(Character::isLetterOrDigit).forEach(sb::appendCodePoint);
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
