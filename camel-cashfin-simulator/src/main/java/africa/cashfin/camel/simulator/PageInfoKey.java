package africa.cashfin.camel.simulator;

import java.util.Locale;

/**
 * Name of the object that carries {@code total/page/limit/pages} in a list response. The Leads page documents
 * {@code "pagination"}; Cashfin's generic pagination guide documents {@code "meta"}. Clients must accept both.
 */
public enum PageInfoKey {
    /** {@code "pagination"} (the Leads page; the default). */
    PAGINATION,
    /** {@code "meta"} (the generic pagination guide). */
    META;

    /** @return the JSON field name */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code pagination} or {@code meta}, any case
     * @return the key
     */
    public static PageInfoKey parse(String text) {
        for (PageInfoKey k : values()) {
            if (k.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown page info key '" + text + "': use pagination or meta");
    }
}
