package africa.cashfin.camel.examples.ops;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import africa.cashfin.camel.examples.form.Html;

/**
 * Fills a panel's HTML template from its {@link OpsPanel#data()} on the server, by the same {@code data-ops-*}
 * attributes the page's script binds ({@link OpsPage}): the page is complete without JavaScript and the script only
 * refreshes it. The attributes stay in the output, so the script finds them.
 * <ul>
 * <li>{@code data-ops-text}: the element's text (an element holding no other element);</li>
 * <li>{@code data-ops-value}, {@code data-ops-max}: attributes {@code value}, {@code max};</li>
 * <li>{@code data-ops-attr="name:path;..."}: the attributes (never {@code on*} or {@code style}; {@code href} and
 * {@code src} only a relative {@code /ops/} link);</li>
 * <li>{@code data-ops-hidden}, {@code data-ops-shown}: the {@code hidden} attribute (empty: missing, false, 0, "");</li>
 * <li>{@code data-ops-list} on an element holding a {@code <template>}: one filled copy of the template per item,
 * after the template (which the script keeps and clones). Lists do not nest.</li>
 * </ul>
 * Every value is HTML-escaped.
 */
final class OpsHtml {

    private static final Pattern TEMPLATE = Pattern.compile("<template>(.*?)</template>", Pattern.DOTALL);
    private static final Pattern LIST = Pattern.compile("data-ops-list=\"([^\"]+)\"[^<>]*>\\s*$");
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)(\\s[^<>]*?data-ops-[^<>]*?)(/?)>");
    /** An attribute, with its value or without one ({@code download}, {@code data-ops-upload}). */
    private static final Pattern ATTR = Pattern.compile("\\s([a-zA-Z-]+)(?:=\"([^\"]*)\")?");

    private OpsHtml() {
    }

    /** {@code template} with its figures filled from {@code data}. */
    static String bind(String template, Map<String, Object> data) {
        StringBuilder out = new StringBuilder(template.length() * 2);
        Matcher t = TEMPLATE.matcher(template);
        int from = 0;
        while (t.find()) {
            String before = template.substring(from, t.start());
            out.append(fill(before, data)).append(t.group());
            Matcher list = LIST.matcher(before);
            if (list.find() && at(data, list.group(1)) instanceof List<?> items) {
                for (Object item : items) {
                    out.append(fill(t.group(1), item));
                }
            }
            from = t.end();
        }
        return out.append(fill(template.substring(from), data)).toString();
    }

    /** The value at a dotted path ({@code files.0.name}), null when there is none. */
    static Object at(Object data, String path) {
        Object o = data;
        for (String key : path.split("\\.")) {
            if (o instanceof Map<?, ?> map) {
                o = map.get(key);
            } else if (o instanceof List<?> list && key.matches("\\d+") && Integer.parseInt(key) < list.size()) {
                o = list.get(Integer.parseInt(key));
            } else {
                return null;
            }
        }
        return o;
    }

    private static boolean empty(Object v) {
        return v == null || Boolean.FALSE.equals(v) || "".equals(v)
               || v instanceof Number n && n.doubleValue() == 0;
    }

    private static String text(Object v) {
        return v == null ? "" : String.valueOf(v);
    }

    /** Fills every tagged element of {@code html} (no template in it) from {@code data}. */
    private static String fill(String html, Object data) {
        StringBuilder out = new StringBuilder(html.length() + 256);
        Matcher m = TAG.matcher(html);
        int from = 0;
        while (m.find()) {
            out.append(html, from, m.start());
            Map<String, String> attrs = new java.util.LinkedHashMap<>();
            Matcher a = ATTR.matcher(m.group(2));
            while (a.find()) {
                if (!a.group(1).equals("hidden")) { // set below
                    attrs.put(a.group(1), a.group(2)); // null: an attribute without a value, kept as it is
                }
            }
            boolean hidden = m.group(2).matches("(?s).*\\shidden(\\s.*|$)");
            if (attrs.containsKey("data-ops-value")) {
                attrs.put("value", Html.escape(text(at(data, attrs.get("data-ops-value")))));
            }
            if (attrs.containsKey("data-ops-max") && !empty(at(data, attrs.get("data-ops-max")))) {
                attrs.put("max", Html.escape(text(at(data, attrs.get("data-ops-max")))));
            }
            if (attrs.containsKey("data-ops-attr")) {
                for (String pair : attrs.get("data-ops-attr").split(";")) {
                    int i = pair.indexOf(':');
                    if (i < 1) {
                        continue;
                    }
                    String name = pair.substring(0, i).trim();
                    Object v = at(data, pair.substring(i + 1).trim());
                    if (name.toLowerCase(java.util.Locale.ROOT).startsWith("on") || name.equals("style")
                        || (name.equals("href") || name.equals("src")) && !text(v).startsWith("/ops/")) {
                        continue;
                    }
                    if (v == null) {
                        attrs.remove(name);
                    } else {
                        attrs.put(name, Html.escape(text(v)));
                    }
                }
            }
            if (attrs.containsKey("data-ops-hidden")) {
                hidden = !empty(at(data, attrs.get("data-ops-hidden")));
            }
            if (attrs.containsKey("data-ops-shown")) {
                hidden = empty(at(data, attrs.get("data-ops-shown")));
            }
            out.append('<').append(m.group(1));
            attrs.forEach((k, v) -> {
                out.append(' ').append(k);
                if (v != null) {
                    out.append("=\"").append(v).append('"');
                }
            });
            if (hidden) {
                out.append(" hidden");
            }
            out.append(m.group(3)).append('>');
            from = m.end();
            if (attrs.containsKey("data-ops-text")) {
                int close = html.indexOf("</" + m.group(1) + ">", from);
                if (close >= 0 && html.indexOf('<', from) == close) {
                    out.append(Html.escape(text(at(data, attrs.get("data-ops-text")))));
                    from = close;
                }
            }
            m.region(from, html.length());
        }
        return out.append(html, from, html.length()).toString();
    }
}
