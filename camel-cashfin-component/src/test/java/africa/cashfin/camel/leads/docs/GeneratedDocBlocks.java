package africa.cashfin.camel.leads.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated blocks of a docs page: the text between {@code <!-- NAME: START -->} and {@code <!-- NAME: END -->}
 * is written from a source of truth (the component's JSON, {@code RatePlan}, {@code LeadFields}) and never by hand.
 * {@link #regenerate} gives the page with every block rewritten; the docs tests compare it with the page on disk and,
 * with {@code -Dcashfin.docs.update=true}, write it.
 */
final class GeneratedDocBlocks {

    /** The system property that makes the docs tests rewrite the pages instead of failing. */
    static final String UPDATE_PROPERTY = "cashfin.docs.update";

    private static final Pattern START = Pattern.compile("<!-- ([^>]+?): START -->\n");

    private GeneratedDocBlocks() {
    }

    /** The names of the generated blocks of a page, in page order. */
    static List<String> names(String page) {
        List<String> names = new ArrayList<>();
        Matcher m = START.matcher(page);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The page with the text of every block rewritten by {@code generator} (given the block's name).
     *
     * @throws IllegalStateException when a block has no END marker
     */
    static String regenerate(String page, Function<String, String> generator) {
        StringBuilder out = new StringBuilder(page.length());
        Matcher m = START.matcher(page);
        int from = 0;
        while (m.find(from)) {
            String name = m.group(1);
            String end = "<!-- " + name + ": END -->";
            int endAt = page.indexOf(end, m.end());
            if (endAt < 0) {
                throw new IllegalStateException("<!-- " + name + ": START --> has no " + end);
            }
            out.append(page, from, m.end()).append(generator.apply(name)).append(end);
            from = endAt + end.length();
        }
        return out.append(page.substring(from)).toString();
    }

    /**
     * Compares a page with its regenerated form; writes it when {@code -Dcashfin.docs.update=true}.
     *
     * @return null when the page is up to date (or was just rewritten), else what to do, with the first difference
     */
    static String check(Path page, Function<String, String> generator) throws IOException {
        return check(page, generator, Boolean.getBoolean(UPDATE_PROPERTY));
    }

    /** {@link #check(Path, Function)}, writing the page when {@code update}. */
    static String check(Path page, Function<String, String> generator, boolean update) throws IOException {
        String current = Files.readString(page);
        String expected = regenerate(current, generator);
        if (expected.equals(current)) {
            return null;
        }
        if (update) {
            Files.writeString(page, expected);
            return null;
        }
        return page.normalize() + " is behind its sources: its generated blocks (between <!-- ...: START --> and"
               + " <!-- ...: END -->) are written from the component's JSON, RatePlan and LeadFields, never by hand."
               + " Rewrite them with\n  mvn -B -ntp verify -pl camel-cashfin-component -am -Dtest='GeneratedDocsTest'"
               + " -Dsurefire.failIfNoSpecifiedTests=false -Dcashfin.docs.update=true\nand commit the page. First"
               + " difference:\n" + firstDifference(current, expected);
    }

    private static String firstDifference(String current, String expected) {
        String[] a = current.split("\n", -1);
        String[] b = expected.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(end of page)";
            String y = i < b.length ? b[i] : "(end of page)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + "\n  on disk:     " + x + "\n  regenerated: " + y;
            }
        }
        return "(none)";
    }
}
