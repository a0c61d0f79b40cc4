package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;

/**
 * The order in which the list endpoint returns leads. The API docs do not state it, so the scan detects it from the
 * {@code createdat} timestamps it reads.
 */
public enum ListOrder {
    /** Not known yet: no page with two different {@code createdat} values has been read. */
    UNKNOWN,
    /** Page 1 holds the newest leads; new leads are inserted at the top and push older ones down. */
    NEWEST_FIRST,
    /** Page 1 holds the oldest leads; new leads are appended at the end. */
    OLDEST_FIRST,
    /** Neither: timestamps go up and down. The scan falls back to reading every page. */
    UNORDERED;

    /**
     * The order shown by consecutive leads of one page (or any sequence in server order).
     *
     * @param  leads leads in server order
     * @return       {@link #UNKNOWN} when all timestamps are equal (or fewer than two leads), {@link #UNORDERED} when they
     *               both rise and fall
     */
    public static ListOrder of(List<Lead> leads) {
        boolean rising = false;
        boolean falling = false;
        Instant previous = null;
        for (Lead lead : leads) {
            Instant created = lead.getCreatedat();
            if (previous != null) {
                int c = created.compareTo(previous);
                rising |= c > 0;
                falling |= c < 0;
            }
            previous = created;
        }
        if (rising && falling) {
            return UNORDERED;
        }
        return rising ? OLDEST_FIRST : falling ? NEWEST_FIRST : UNKNOWN;
    }

    /** Combines two observations: UNKNOWN yields to the other, a conflict gives {@link #UNORDERED}. */
    public ListOrder and(ListOrder other) {
        if (this == other || other == UNKNOWN) {
            return this;
        }
        if (this == UNKNOWN) {
            return other;
        }
        return UNORDERED;
    }

    /** True for the two orders the scan can walk cheaply. */
    public boolean isMonotonic() {
        return this == NEWEST_FIRST || this == OLDEST_FIRST;
    }
}
