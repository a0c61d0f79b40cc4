package africa.cashfin.camel.examples.ops;

import java.time.Clock;

import org.apache.camel.CamelContext;

import africa.cashfin.camel.examples.common.InboundCounts;
import africa.cashfin.camel.leads.metrics.LeadsMetrics;

/**
 * Binds the budget, lead-flow and inbound-guards sections of the operations page ({@link OpsPanel} beans
 * {@value #BUDGET}, {@value #LEAD_FLOW} and {@value #INBOUND}) and the {@link LeadsMetrics} bean {@value #METRICS}
 * through which the {@code cashfin-leads} component reports the lead flow counted by hour ({@link LeadFlowMetrics}).
 * Call before the context starts.
 */
public final class OpsPanels {

    /** Registry name of the budget section. */
    public static final String BUDGET = "opsBudgetPanel";
    /** Registry name of the lead-flow section. */
    public static final String LEAD_FLOW = "opsLeadFlowPanel";
    /** Registry name of the lead flow's counter, which the component reports to. */
    public static final String METRICS = "opsLeadFlowMetrics";
    /** Registry name of the inbound-guards section. */
    public static final String INBOUND = "opsInboundPanel";

    private OpsPanels() {
    }

    /**
     * @param context where the panels and the lead flow's counter are bound
     * @param clock   the component's clock ({@code timeSource}): the hours of the server's day are counted on it
     * @param form    the web form's counts
     * @param mailbox the mailbox's counts
     */
    public static void bind(CamelContext context, Clock clock, InboundCounts form, InboundCounts mailbox) {
        FlowCounts counts = new FlowCounts(clock);
        context.getRegistry().bind(METRICS, LeadsMetrics.class, new LeadFlowMetrics(context, counts));
        context.getRegistry().bind(BUDGET, OpsPanel.class, new BudgetPanel(context, counts));
        context.getRegistry().bind(LEAD_FLOW, OpsPanel.class, new LeadFlowPanel(context, counts));
        context.getRegistry().bind(INBOUND, OpsPanel.class, new InboundGuardsPanel(form, mailbox));
    }
}
