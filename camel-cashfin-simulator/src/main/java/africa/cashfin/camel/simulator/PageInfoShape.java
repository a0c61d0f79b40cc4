package africa.cashfin.camel.simulator;

import java.util.Locale;

/**
 * Which page-info numbers a list response carries. The docs show all four ({@code total}, {@code page},
 * {@code limit}, {@code pages}); a harsher Cashfin might leave some out.
 */
public enum PageInfoShape {
    /** {@code total}, {@code page}, {@code limit} and {@code pages} (the default, as documented). */
    COMPLETE,
    /** {@code total}, {@code page} and {@code limit}, no {@code pages}. */
    WITHOUT_PAGES,
    /** No page-info object at all: only {@code success} and {@code data}. */
    NONE;

    /**
     * @param text {@code complete}, {@code without_pages} (or {@code without-pages}) or {@code none}, any case
     * @return the shape
     */
    public static PageInfoShape parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (PageInfoShape s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown page info shape '" + text + "': use complete, without_pages or none");
    }
}
