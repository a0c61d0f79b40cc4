package africa.cashfin.camel.leads.docs;

import africa.cashfin.camel.leads.model.LeadFields;

/** The field table of docs/component.md ({@code <!-- lead fields: START -->}), written from {@link LeadFields}. */
final class LeadFieldTable {

    static final String BLOCK = "lead fields";

    private LeadFieldTable() {
    }

    static String table() {
        StringBuilder t = new StringBuilder("| Field | Sent by `create` |\n|---|---|\n");
        for (String field : LeadFields.ALL) {
            t.append("| `").append(field).append("` | ")
                    .append(LeadFields.REQUEST_FIELDS.contains(field) ? "yes" : "no: set by the API").append(" |\n");
        }
        return t.toString();
    }
}
