package africa.cashfin.camel.examples.common;

/**
 * Text from outside (a form field, a mail header, a server's error message) made safe to put into a log line: line
 * breaks and other control characters are written as escapes ({@code \n}, {@code \r}, {@code \u0007}), so a value
 * cannot end the log line and start a forged one of its own.
 */
public final class LogSafe {

    private LogSafe() {
    }

    /** {@code value}'s text on one line ({@code "null"} for null). */
    public static String oneLine(Object value) {
        String text = String.valueOf(value);
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (control && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (c == '\n') {
                    b.append("\\n");
                } else if (c == '\r') {
                    b.append("\\r");
                } else if (c == '\t') {
                    b.append("\\t");
                } else if (control) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }
}
