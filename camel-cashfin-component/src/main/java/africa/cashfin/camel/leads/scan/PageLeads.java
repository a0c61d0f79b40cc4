package africa.cashfin.camel.leads.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadPage;

/** Small, stateless look-ups over the leads of one page, shared by the read strategies. */
final class PageLeads {

    /** A lead with its 0-based position in the list when it was read, or -1 when unknown. */
    record Positioned(Lead lead, long position) {
    }

    private PageLeads() {
    }

    /** Index of the first lead created strictly before {@code than}, or -1. */
    static int indexOfFirstOlder(List<Lead> leads, Instant than) {
        for (int i = 0; i < leads.size(); i++) {
            if (leads.get(i).getCreatedat().isBefore(than)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the lead with this {@code _id}, or -1. */
    static int indexOfId(List<Lead> leads, String id) {
        for (int i = 0; i < leads.size(); i++) {
            if (leads.get(i).getId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The leads with positions {@code base, base + 1, ...}, or all -1 when {@code base < 0}. */
    static List<Positioned> positioned(List<Lead> leads, long base) {
        List<Positioned> items = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            items.add(new Positioned(leads.get(i), base < 0 ? -1 : base + i));
        }
        return items;
    }

    /** The page's leads with their list positions: {@code base} plus the position on the page (malformed counted). */
    static List<Positioned> positioned(LeadPage page, long base) {
        List<Lead> leads = page.leads();
        List<Positioned> items = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            items.add(new Positioned(leads.get(i), base + page.recordIndex(i)));
        }
        return items;
    }

    /**
     * Newest first: page {@code q}'s leads with their positions counted from the oldest lead of the list (stable while
     * new leads are inserted at the top), or -1 when the page info has no total.
     */
    static List<Positioned> positionedFromOldest(LeadPage page, int q, int limit) {
        long total = page.pageInfo() == null ? -1 : page.pageInfo().total();
        List<Lead> leads = page.leads();
        List<Positioned> items = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            long fromTop = (long) (q - 1) * limit + page.recordIndex(i);
            items.add(new Positioned(leads.get(i), total < 0 ? -1 : Math.max(0, total - 1 - fromTop)));
        }
        return items;
    }

    /** True when the page shows the opposite order, or no order at all. */
    static boolean contradicts(List<Lead> leads, ListOrder expected) {
        ListOrder observed = ListOrder.of(leads);
        return observed == ListOrder.UNORDERED || observed.isMonotonic() && observed != expected;
    }

    static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
