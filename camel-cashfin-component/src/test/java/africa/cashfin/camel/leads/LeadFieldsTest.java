package africa.cashfin.camel.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.api.LeadJson;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.leads.model.LeadFields;
import africa.cashfin.camel.leads.model.LeadValidator;

/**
 * {@link LeadFields} is the one field list: a lead created through a route reaches the simulator (which knows the
 * fields from the API pages alone) with every request field under its name, the simulator answers with exactly the
 * fields of the list, {@link Lead}'s JSON, copy and equality cover every field, the normaliser every text field, and
 * the simulator's docs name the same fields. (The docs' field table is generated from the list: GeneratedDocsTest.)
 */
class LeadFieldsTest extends SimulatorRouteSupport {

    @Test
    void aLeadWithEveryRequestFieldReachesTheSimulatorWithEachFieldUnderItsName() {
        Map<String, Object> body = fullRequest();
        Exchange created = send("cashfin-leads:create", body);
        assertThat(created.getException()).isNull();

        List<Map<String, Object>> stored = cashfin.leads();
        assertThat(stored).hasSize(1);
        assertThat(List.copyOf(stored.get(0).keySet())).as("the simulator's fields (its LeadFields.ALL)")
                .isEqualTo(LeadFields.ALL);
        for (String field : LeadFields.REQUEST_FIELDS) {
            assertThat(String.valueOf(stored.get(0).get(field))).as(field).isEqualTo(String.valueOf(body.get(field)));
        }
        Lead lead = created.getMessage().getBody(Lead.class);
        assertThat(List.copyOf(LeadJson.toMap(lead).keySet())).as("the created lead's JSON, in the API's order")
                .isEqualTo(LeadFields.ALL);
    }

    @Test
    void copyAndEqualityCoverEveryField() {
        Map<String, Object> all = new LinkedHashMap<>(fullRequest());
        all.put(LeadFields.ID, "507f1f77bcf86cd799439050");
        all.put(LeadFields.SOURCEORIGIN, "api");
        all.put(LeadFields.ACTIVE, true);
        all.put(LeadFields.CREATEDAT, "2024-01-15T12:00:00.000Z");
        all.put(LeadFields.UPDATEDAT, "2024-01-16T12:00:00.000Z");
        assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(LeadFields.ALL);
        Lead full = LeadJson.fromMap(all);
        assertThat(LeadJson.toMap(full).keySet()).containsExactlyElementsOf(LeadFields.ALL);
        assertThat(new Lead(full)).isEqualTo(full);
        assertThat(LeadJson.toMap(new Lead(full))).isEqualTo(LeadJson.toMap(full));
        List<String> notCompared = new ArrayList<>();
        for (String field : LeadFields.ALL) {
            Map<String, Object> other = new LinkedHashMap<>(all);
            other.put(field, field.equals(LeadFields.ACTIVE) ? false : field.equals(LeadFields.BUDGET) ? 1
                    : field.endsWith("at") ? "2020-01-01T00:00:00.000Z" : field.equals(LeadFields.STATUS) ? "lost"
                    : field.equals(LeadFields.EMAIL) ? "other@acme.example" : "other");
            if (LeadJson.fromMap(other).equals(full)) {
                notCompared.add(field);
            }
        }
        assertThat(notCompared).as("fields Lead.equals ignores").isEmpty();
    }

    @Test
    void theNormaliserBlanksEveryTextFieldAndTheRequestAccessorsKnowNoOtherName() {
        Lead blank = new Lead();
        LeadFields.REQUEST_TEXT_FIELDS.forEach(f -> blank.textField(f, "  "));
        Lead normalized = LeadValidator.normalize(blank);
        LeadFields.REQUEST_TEXT_FIELDS.forEach(f -> assertThat(normalized.textField(f)).as(f).isNull());
        assertThat(LeadFields.REQUEST_TEXT_FIELDS).doesNotContain(LeadFields.BUDGET)
                .hasSize(LeadFields.REQUEST_FIELDS.size() - 1);
        assertThatThrownBy(() -> new Lead().textField(LeadFields.CREATEDAT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'createdat'");
    }

    @Test
    void theSimulatorsDocsNameTheFieldsOfTheList() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "simulator.md"));
        Matcher sentence = Pattern.compile("in this order: ((?:`[^`]+`,?\\s*)+)\\.", Pattern.MULTILINE).matcher(page);
        assertThat(sentence.find()).as("simulator.md, Lead fields in answers").isTrue();
        List<String> named = new ArrayList<>();
        Matcher name = Pattern.compile("`([^`]+)`").matcher(sentence.group(1));
        while (name.find()) {
            named.add(name.group(1));
        }
        assertThat(named).isEqualTo(LeadFields.ALL);
    }

    /** Every request field with a value the API accepts. */
    private static Map<String, Object> fullRequest() {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : LeadFields.REQUEST_FIELDS) {
            body.put(field, "value of " + field);
        }
        body.put(LeadFields.EMAIL, "wanjiru@acme.example");
        body.put(LeadFields.BUDGET, 50000);
        body.put(LeadFields.STATUS, "qualified");
        return body;
    }
}
