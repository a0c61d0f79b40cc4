package africa.cashfin.camel.examples.sync;

/**
 * Splits a full name into first and last name for systems that store them apart.
 * <p>
 * {@code "Last, First"} is read as such. Otherwise the first word is the first name and the rest the last name
 * ({@code "Amina Wanjiku Otieno"} gives {@code Amina} / {@code Wanjiku Otieno}; particles such as {@code wa},
 * {@code bin}, {@code van der} stay with the last name). One word is a first name only. Words are split on any
 * white space, so names in any script work the same way.
 */
public final class NameSplitter {

    /** A split name; {@code last} may be null. */
    public record NameParts(String first, String last) {
    }

    private NameSplitter() {
    }

    /** The parts of {@code fullName}; both null for a blank name. */
    public static NameParts split(String fullName) {
        String n = fullName == null ? "" : fullName.replace('\u00A0', ' ').strip().replaceAll("\\s+", " ");
        if (n.isEmpty()) {
            return new NameParts(null, null);
        }
        int comma = n.indexOf(',');
        if (comma > 0 && comma < n.length() - 1 && n.indexOf(',', comma + 1) < 0) {
            return new NameParts(n.substring(comma + 1).strip(), n.substring(0, comma).strip());
        }
        int space = n.indexOf(' ');
        return space < 0 ? new NameParts(n, null) : new NameParts(n.substring(0, space), n.substring(space + 1));
    }
}
