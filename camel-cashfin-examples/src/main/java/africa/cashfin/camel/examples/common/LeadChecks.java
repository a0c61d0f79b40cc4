package africa.cashfin.camel.examples.common;

import java.util.regex.Pattern;

/** Checks on lead values shared by the CSV, form and mail mappers. */
public final class LeadChecks {

    /** Upper bound on a name, in characters. */
    public static final int MAX_NAME_LENGTH = 200;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\",;]+@[^@\\s<>\",;.]+(\\.[^@\\s<>\",;.]+)+$");

    private LeadChecks() {
    }

    /**
     * Whether {@code email} looks like a deliverable address: one {@code @}, no spaces, a dot in the domain. Deliberately
     * loose (international addresses pass); it catches typos such as {@code amina.gmail.com} or {@code amina@gmail}.
     */
    public static boolean isEmail(String email) {
        return email != null && EMAIL.matcher(email).matches();
    }

    /** {@code text} stripped, or null when it is null or blank. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        String t = text.replace('\u00A0', ' ').strip();
        return t.isEmpty() ? null : t;
    }
}
