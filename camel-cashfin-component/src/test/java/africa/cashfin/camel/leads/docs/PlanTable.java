package africa.cashfin.camel.leads.docs;

import java.text.NumberFormat;
import java.util.Locale;

import africa.cashfin.camel.leads.api.limit.RatePlan;
import africa.cashfin.camel.leads.api.limit.RateWindow;

/**
 * The plan tables of the docs ({@code <!-- plans: START -->} in rate-limiting.md, {@code <!-- simulator plans -->} in
 * simulator.md), written from {@link RatePlan}: one row a plan. The simulator's own {@code Plan} is held to the same
 * list by {@code PlanListTest}.
 */
final class PlanTable {

    static final String BLOCK = "plans";
    /** The simulator's plan table: the same plans, plus its default (no limit) and custom limits. */
    static final String SIMULATOR_BLOCK = "simulator plans";

    private PlanTable() {
    }

    static String table() {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        StringBuilder t = new StringBuilder("| Plan | per second | per minute | per day |\n|---|---|---|---|\n");
        for (RatePlan plan : RatePlan.values()) {
            t.append("| `").append(plan.optionName()).append("` | ").append(n.format(plan.limit(RateWindow.SECOND)))
                    .append(" | ").append(n.format(plan.limit(RateWindow.MINUTE))).append(" | ")
                    .append(n.format(plan.limit(RateWindow.DAY))).append(" |\n");
        }
        return t.toString();
    }

    static String simulatorTable() {
        return table() + "| `unlimited` (default) | none | none | none |\n| custom | as given | as given | as given |\n";
    }
}
