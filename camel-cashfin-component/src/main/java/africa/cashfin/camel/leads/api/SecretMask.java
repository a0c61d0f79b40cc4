package africa.cashfin.camel.leads.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Masks the client secret as {@code xxxxxx} in whatever the server sent back or a parser quoted from it (error texts,
 * the {@code errors} map, body snippets, exception messages and their causes), so that an API or proxy that echoes the
 * {@code Authorization} header cannot put the secret into an exception or a log line. Both the raw secret and its
 * JSON-escaped form are masked.
 */
final class SecretMask {

    static final String MASK = "xxxxxx";

    private final String secret;
    private final String jsonEscaped;

    SecretMask(String secret) {
        this.secret = secret == null ? "" : secret;
        String escaped = this.secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
        this.jsonEscaped = escaped.equals(this.secret) ? null : escaped;
    }

    /** {@code text} with every occurrence of the secret replaced; null stays null. */
    String mask(String text) {
        if (text == null || secret.isEmpty()) {
            return text;
        }
        String masked = text.replace(secret, MASK);
        return jsonEscaped == null ? masked : masked.replace(jsonEscaped, MASK);
    }

    /** A copy of {@code map} with the secret masked in keys and values; null stays null. */
    Map<String, String> mask(Map<String, String> map) {
        if (map == null) {
            return null;
        }
        Map<String, String> masked = new LinkedHashMap<>();
        map.forEach((k, v) -> masked.put(mask(k), mask(v)));
        return masked;
    }

    /**
     * {@code cause} itself when no message in its chain shows the secret; otherwise a copy of the chain whose messages
     * are masked, each link keeping the original class name and stack trace.
     */
    Throwable mask(Throwable cause) {
        if (cause == null || secret.isEmpty() || !showsSecret(cause)) {
            return cause;
        }
        return new MaskedThrowable(cause, this);
    }

    private boolean showsSecret(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String message = c.getMessage();
            if (message != null && !message.equals(mask(message))) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** One link of a masked cause chain: {@code <original class>: <masked message>}, the original stack trace. */
    static final class MaskedThrowable extends Exception {

        private static final long serialVersionUID = 1L;

        private final String originalClass;

        MaskedThrowable(Throwable original, SecretMask mask) {
            super(mask.mask(original.getMessage()),
                    original.getCause() == null || original.getCause() == original ? null
                            : new MaskedThrowable(original.getCause(), mask));
            this.originalClass = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        /** The class of the exception this link stands for, e.g. {@code com.fasterxml.jackson.core.JsonParseException}. */
        String getOriginalClass() {
            return originalClass;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
