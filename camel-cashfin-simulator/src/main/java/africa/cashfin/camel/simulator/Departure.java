package africa.cashfin.camel.simulator;

import java.util.Locale;

/** How a lead leaves the list while a client pages through it (see {@link CashfinSimulator#leadsLeaveWhilePaging}). */
public enum Departure {
    /** The lead is deleted from the store. */
    DELETED,
    /**
     * The lead's status changes ({@code new} becomes {@code contacted}, anything else becomes {@code qualified}), so it
     * leaves a list filtered by its old {@code status=}; {@code updatedat} moves to now.
     */
    STATUS_CHANGED;

    /**
     * @param text {@code deleted} or {@code status_changed} (also {@code status-changed}, {@code status}), any case
     * @return the departure
     */
    public static Departure parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (t.equals("DELETED") || t.equals("DELETE")) {
            return DELETED;
        }
        if (t.equals("STATUS_CHANGED") || t.equals("STATUS")) {
            return STATUS_CHANGED;
        }
        throw new IllegalArgumentException("Unknown departure '" + text + "': use deleted or status_changed");
    }
}
