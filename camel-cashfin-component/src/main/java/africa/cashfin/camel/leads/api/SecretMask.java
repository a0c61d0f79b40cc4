package africa.cashfin.camel.leads.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Masks the client secret (and the proxy credentials, when a proxy is used) as {@code xxxxxx} in whatever the server
 * sent back or a parser quoted from it (error texts, the {@code errors} map, body snippets, exception messages and
 * their causes), so that an API or proxy that echoes the {@code Authorization} or {@code Proxy-Authorization} header
 * cannot put a secret into an exception or a log line. Both the raw secrets and their JSON-escaped forms are masked.
 */
final class SecretMask {

    static final String MASK = "xxxxxx";

    /** The texts to mask, raw and JSON-escaped, longest first (so no part of a longer one survives). */
    private final List<String> secrets;

    /** Masks every non-blank one of {@code secrets}; null and blank ones are ignored. */
    SecretMask(String... secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                forms.add(secret);
                forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
            }
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    /** {@code text} with every occurrence of a secret replaced; null stays null. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
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
        if (cause == null || secrets.isEmpty() || !showsSecret(cause)) {
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
