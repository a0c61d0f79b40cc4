package africa.cashfin.camel.leads.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A few words about an HTML page a gateway or proxy answered with instead of the API's JSON: its title, or else the
 * start of its visible text, never its markup, scripts or styles.
 */
final class HtmlPage {

    /** Longest excerpt of a page's text (a title is cut at the same length). */
    static final int EXCERPT_LENGTH = 100;

    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INVISIBLE = Pattern.compile(
            "<(script|style|head)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private HtmlPage() {
    }

    /** @return true when the answer is HTML by its Content-Type or by its first characters */
    static boolean looksLike(String lowerCaseContentType, String text) {
        String start = text.length() > 20 ? text.substring(0, 20).toLowerCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
        return lowerCaseContentType.contains("html") || start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    /**
     * @param page the page, already stripped of secrets
     * @return {@code titled "502 Bad Gateway"}, or {@code its text starts with: "..."} when it has no title
     */
    static String summary(String page) {
        Matcher title = TITLE.matcher(page);
        if (title.find() && !text(title.group(1)).isEmpty()) {
            return "titled " + quoted(text(title.group(1)), EXCERPT_LENGTH);
        }
        String visible = text(INVISIBLE.matcher(page).replaceAll(" "));
        return visible.isEmpty() ? "with no text" : "its text starts with: " + quoted(visible, EXCERPT_LENGTH);
    }

    /** @return the text in quotes, whitespace collapsed, cut at {@code max} characters with "..." */
    static String quoted(String text, int max) {
        String collapsed = text.replaceAll("\\s+", " ").strip();
        return "\"" + (collapsed.length() > max ? collapsed.substring(0, max) + "..." : collapsed) + "\"";
    }

    private static String text(String html) {
        return TAG.matcher(html).replaceAll(" ").replace("&nbsp;", " ").replace("&middot;", "-")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replaceAll("\\s+", " ").strip();
    }
}
