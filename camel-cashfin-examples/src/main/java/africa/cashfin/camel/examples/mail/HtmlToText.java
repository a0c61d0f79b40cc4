package africa.cashfin.camel.examples.mail;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Converts an HTML mail body to readable plain text with jsoup: paragraphs, divs, list items, table rows and
 * {@code <br>} become line breaks; scripts, styles and the head are dropped; entities are decoded; runs of blank lines
 * are collapsed to one.
 */
public final class HtmlToText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "ul", "ol", "table", "section", "article", "header", "footer", "address", "hr");
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "noscript", "template");

    private HtmlToText() {
    }

    /** The text of {@code html}; {@code ""} for null. */
    public static String convert(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Element body = Jsoup.parse(html).body();
        StringBuilder sb = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            private int skipping;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e) {
                    if (SKIPPED.contains(e.normalName())) {
                        skipping++;
                    } else if (e.normalName().equals("br")) {
                        sb.append('\n');
                    } else if (BLOCKS.contains(e.normalName())) {
                        newline(sb);
                    } else if (e.normalName().equals("td") || e.normalName().equals("th")) {
                        sb.append(' ');
                    }
                } else if (node instanceof TextNode t && skipping == 0) {
                    sb.append(t.text());
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (SKIPPED.contains(e.normalName())) {
                        skipping--;
                    } else if (BLOCKS.contains(e.normalName())) {
                        newline(sb);
                    }
                }
            }
        }, body);
        return tidy(sb.toString());
    }

    private static void newline(StringBuilder sb) {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
    }

    /** Strips each line, collapses blank-line runs to one blank line and trims the whole. */
    static String tidy(String text) {
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String l = line.replace('\u00A0', ' ').strip().replaceAll("[ \\t]{2,}", " ");
            if (l.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(l);
            blank = 0;
        }
        return out.toString();
    }
}
