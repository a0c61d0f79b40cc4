package africa.cashfin.camel.leads.api.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** {@link RatePlan} is the one list of plans: its names constant (the option's enums) and messages follow values(). */
class RatePlanTest {

    @Test
    void theNamesConstantIsEveryPlanInOrder() {
        assertThat(RatePlan.NAMES).as("RatePlan.NAMES must list values() in order: update it with the enum")
                .isEqualTo(Arrays.stream(RatePlan.values()).map(RatePlan::optionName).collect(Collectors.joining(",")));
    }

    @Test
    void anUnknownPlanIsRefusedNamingEveryPlan() {
        assertThatThrownBy(() -> RatePlan.parse("gold")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gold'").hasMessageContaining(String.join(", ", RatePlan.NAMES.split(",")));
        for (RatePlan plan : RatePlan.values()) {
            assertThat(RatePlan.parse(" " + plan.optionName().toUpperCase() + " ")).isEqualTo(plan);
        }
    }
}
