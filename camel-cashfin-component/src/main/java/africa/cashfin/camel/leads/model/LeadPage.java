package africa.cashfin.camel.leads.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One page of {@code GET /business/lead/list}: the leads in the order the server sent them, the page info, and the
 * records that could not be read as trackable leads.
 *
 * @param leads     the leads of this page that have an {@code _id} and a {@code createdat}, in server order; never
 *                  null
 * @param pageInfo  the page info, or null when the response carried none
 * @param malformed the other records of the page, by position; never null
 */
public record LeadPage(List<Lead> leads, PageInfo pageInfo, List<MalformedLead> malformed) {

    public LeadPage {
        leads = leads == null ? List.of() : List.copyOf(leads);
        malformed = malformed == null ? List.of()
                : malformed.stream().sorted(Comparator.comparingInt(MalformedLead::index)).toList();
    }

    /** A page without malformed records. */
    public LeadPage(List<Lead> leads, PageInfo pageInfo) {
        this(leads, pageInfo, List.of());
    }

    /** True when the page carries no lead (past the end of the list, or nothing matches). */
    public boolean isEmpty() {
        return leads.isEmpty();
    }

    /** Number of records on the page, malformed ones included: what the server counts against {@code limit}. */
    public int size() {
        return leads.size() + malformed.size();
    }

    /** Position on the page (0-based, malformed records counted) of {@code leads().get(leadIndex)}. */
    public int recordIndex(int leadIndex) {
        int index = leadIndex;
        for (MalformedLead m : malformed) {
            if (m.index() <= index) {
                index++;
            } else {
                break;
            }
        }
        return index;
    }

    /**
     * Every record that could be read as a lead, in server order: the trackable leads and the malformed records that
     * only lack {@code _id} or {@code createdat} (what the list producer returns).
     */
    public List<Lead> readableLeads() {
        if (malformed.isEmpty()) {
            return leads;
        }
        Lead[] slots = new Lead[size()];
        boolean[] taken = new boolean[slots.length];
        for (MalformedLead m : malformed) {
            if (m.index() >= 0 && m.index() < slots.length) {
                slots[m.index()] = m.lead();
                taken[m.index()] = true;
            }
        }
        int next = 0;
        for (int i = 0; i < slots.length && next < leads.size(); i++) {
            if (!taken[i]) {
                slots[i] = leads.get(next++);
            }
        }
        List<Lead> all = new ArrayList<>(slots.length);
        for (Lead lead : slots) {
            if (lead != null) {
                all.add(lead);
            }
        }
        return all;
    }
}
