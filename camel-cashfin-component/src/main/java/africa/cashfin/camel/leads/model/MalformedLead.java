package africa.cashfin.camel.leads.model;

/**
 * A record of a list page that a polling consumer cannot track: its JSON cannot be read as a lead, or it has no
 * {@code _id} or no readable {@code createdat}. It still occupies its position on the page.
 *
 * @param index   0-based position on the page
 * @param json    the record as the server sent it
 * @param problem what is wrong with it
 * @param lead    the record read as a lead when that was possible (it lacks {@code _id} or {@code createdat}), else
 *                null
 */
public record MalformedLead(int index, String json, String problem, Lead lead) {
}
