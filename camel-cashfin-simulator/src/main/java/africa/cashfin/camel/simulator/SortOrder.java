package africa.cashfin.camel.simulator;

import java.util.Locale;

/**
 * Order of list results by {@code createdat}; equal timestamps are ordered by {@code _id} in the same direction.
 * Cashfin does not document its sort order; newest first is the simulator's default assumption.
 */
public enum SortOrder {
    /** Newest {@code createdat} first (default). */
    NEWEST_FIRST,
    /** Oldest {@code createdat} first. */
    OLDEST_FIRST;

    /**
     * @param text {@code newest_first}/{@code oldest_first} (also {@code newest-first}, {@code newest}, {@code oldest})
     * @return the order
     */
    public static SortOrder parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (t.equals("NEWEST") || t.equals("NEWEST_FIRST") || t.equals("DESC")) {
            return NEWEST_FIRST;
        }
        if (t.equals("OLDEST") || t.equals("OLDEST_FIRST") || t.equals("ASC")) {
            return OLDEST_FIRST;
        }
        throw new IllegalArgumentException("Unknown sort order '" + text + "': use newest_first or oldest_first");
    }
}
