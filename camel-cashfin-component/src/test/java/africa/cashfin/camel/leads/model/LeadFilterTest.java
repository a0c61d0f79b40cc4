package africa.cashfin.camel.leads.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import africa.cashfin.camel.leads.model.LeadFilter.Field;
import africa.cashfin.camel.leads.model.LeadFilter.KeyOrder;

class LeadFilterTest {

    @Test
    void eachUseKeepsItsOrderOfFilters() {
        LeadFilter filter = new LeadFilter("qualified", " website ", "ada lovelace");
        assertThat(filter.key("cashfin-leads:list", KeyOrder.STATE_KEY))
                .isEqualTo("cashfin-leads:list?status=qualified&source=website&search=ada lovelace");
        assertThat(filter.key("cashfin-leads:list", KeyOrder.BUDGET_SHARE))
                .isEqualTo("cashfin-leads:list?source=website&status=qualified&search=ada lovelace");
    }

    @Test
    void blankFiltersAreUnsetAndLeftOutOfKeys() {
        LeadFilter filter = new LeadFilter(" ", null, "x");
        assertThat(filter.status()).isNull();
        assertThat(filter.key("p", KeyOrder.STATE_KEY)).isEqualTo("p?search=x");
        assertThat(LeadFilter.NONE.key("cashfin-leads:create", KeyOrder.BUDGET_SHARE)).isEqualTo("cashfin-leads:create");
        assertThat(new LeadFilter("", "", "")).isEqualTo(LeadFilter.NONE);
    }

    @Test
    void everyOrderNamesEveryFieldOnce() {
        for (KeyOrder order : KeyOrder.values()) {
            assertThat(EnumSet.copyOf(order.fields())).as(order.name()).isEqualTo(EnumSet.allOf(Field.class));
            assertThat(order.fields()).as(order.name()).hasSize(Field.values().length);
        }
    }

    @Test
    void statusIsCheckedAndPutInWireForm() {
        assertThat(LeadFilter.checkStatus("status option", "Qualified")).isEqualTo("qualified");
        assertThat(LeadFilter.checkStatus("status option", " ")).isNull();
        assertThatThrownBy(() -> LeadFilter.checkStatus("status option", "hot"))
                .hasMessage("status option 'hot' is not a lead status; use one of " + LeadStatus.allowedValues());
    }
}
