package africa.cashfin.camel.examples.form;

/** HTML escaping for text and attribute values. */
public final class Html {

    private Html() {
    }

    /**
     * {@code text} safe inside an element or a double- or single-quoted attribute: {@code & < > " '} escaped;
     * null becomes {@code ""}.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
