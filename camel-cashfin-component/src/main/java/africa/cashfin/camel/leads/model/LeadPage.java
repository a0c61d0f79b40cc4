package africa.cashfin.camel.leads.model;

import java.util.List;

/**
 * One page of {@code GET /business/lead/list}: the leads in the order the server sent them, and the page info.
 *
 * @param leads    the leads of this page, in server order; never null
 * @param pageInfo the page info, or null when the response carried none
 */
public record LeadPage(List<Lead> leads, PageInfo pageInfo) {

    public LeadPage {
        leads = leads == null ? List.of() : List.copyOf(leads);
    }

    /** True when the page carries no lead (past the end of the list, or nothing matches). */
    public boolean isEmpty() {
        return leads.isEmpty();
    }
}
