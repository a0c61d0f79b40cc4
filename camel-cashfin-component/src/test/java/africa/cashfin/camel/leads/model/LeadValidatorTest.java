package africa.cashfin.camel.leads.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class LeadValidatorTest {

    @Test
    void validLeadHasNoProblems() {
        assertThat(LeadValidator.problems(new Lead().setName("Jane").setEmail("jane.smith+crm@mail.acme.co.ke")
                .setStatus("Converted").setBudget(BigDecimal.ZERO))).isEmpty();
    }

    @Test
    void normalizeTurnsBlanksIntoAbsentAndLowersStatusWithoutTouchingTheOriginal() {
        Lead original = new Lead().setName("Jane").setEmail(" ").setPhone("").setStatus(" Qualified ");
        Lead n = LeadValidator.normalize(original);
        assertThat(n.getEmail()).isNull();
        assertThat(n.getPhone()).isNull();
        assertThat(n.getStatus()).isEqualTo("qualified");
        assertThat(original.getStatus()).isEqualTo(" Qualified ");
    }

    @Test
    void validateThrowsListingEveryField() {
        assertThatThrownBy(() -> LeadValidator.validate(new Lead().setEmail("x").setBudget(new BigDecimal("-0.01"))
                .setStatus("archived")))
                .isInstanceOf(LeadValidationException.class)
                .hasMessageContaining("name: is required")
                .hasMessageContaining("email: 'x' is not an email address")
                .hasMessageContaining("budget: -0.01 is negative")
                .hasMessageContaining("status: 'archived' is not a lead status");
    }
}
