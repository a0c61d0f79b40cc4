package africa.cashfin.camel.examples.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;

import africa.cashfin.camel.leads.CashfinLeadsConsumer;
import africa.cashfin.camel.leads.consumer.ConsumerStatistics;

/**
 * The lead-flow section of the operations page: leads created and emitted per hour of the server's day (an inline-SVG
 * bar chart, counted by {@link LeadFlowMetrics}) and, per {@code cashfin-leads} consumer, its last poll, the failed
 * leads waiting out a retry with the next attempt (the retry ledger) and the sweep's progress and recovered leads, read
 * from the consumer as JMX and the dev console read them.
 */
final class LeadFlowPanel implements OpsPanel {

    /** The chart's bar area: 24 slots of {@value #SLOT} units, {@value #HEIGHT} units high. */
    private static final int SLOT = 10;
    private static final int HEIGHT = 100;

    private final CamelContext context;
    private final FlowCounts counts;

    LeadFlowPanel(CamelContext context, FlowCounts counts) {
        this.context = Objects.requireNonNull(context, "context");
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    @Override
    public String id() {
        return "leadflow";
    }

    @Override
    public String title() {
        return "Lead flow";
    }

    @Override
    public int order() {
        return 30;
    }

    /** The section's HTML with its {@code data-ops-*} bindings ({@link OpsPage#render} fills them from {@link #data()}). */
    @Override
    public String html() {
        return template();
    }

    /** The section's HTML with its {@code data-ops-*} bindings, empty of figures. */
    static String template() {
        StringBuilder h = new StringBuilder();
        h.append("<p>Today (the Cashfin server's day): <span data-ops-text=\"createdToday\"></span> leads created,"
                 + " <span data-ops-text=\"emittedToday\"></span> emitted by the consumer.</p>\n");
        h.append("<svg class=\"ops-chart\" viewBox=\"0 0 ").append(24 * SLOT).append(' ').append(HEIGHT + 14)
                .append("\" width=\"480\" height=\"228\" role=\"img\" aria-label=\"Leads created (blue) and emitted"
                        + " (green) per hour of the server's day\">\n");
        for (int hour = 0; hour < 24; hour++) {
            String p = "hours." + hour + ".";
            h.append("<g><title data-ops-text=\"").append(p).append("label\"></title>");
            h.append("<rect x=\"").append(hour * SLOT + 1).append("\" width=\"4\" y=\"").append(HEIGHT)
                    .append("\" height=\"0\" fill=\"#2563eb\" data-ops-attr=\"y:").append(p).append("createdY;height:")
                    .append(p).append("createdHeight\"></rect>");
            h.append("<rect x=\"").append(hour * SLOT + 5).append("\" width=\"4\" y=\"").append(HEIGHT)
                    .append("\" height=\"0\" fill=\"#16a34a\" data-ops-attr=\"y:").append(p).append("emittedY;height:")
                    .append(p).append("emittedHeight\"></rect></g>\n");
        }
        h.append("<line x1=\"0\" x2=\"").append(24 * SLOT).append("\" y1=\"").append(HEIGHT).append("\" y2=\"")
                .append(HEIGHT).append("\" stroke=\"#6b7280\" stroke-width=\"0.5\"></line>\n");
        for (int hour = 0; hour < 24; hour += 6) {
            h.append("<text x=\"").append(hour * SLOT).append("\" y=\"").append(HEIGHT + 12)
                    .append("\" font-size=\"9\" fill=\"#374151\">").append(String.format("%02d h", hour))
                    .append("</text>\n");
        }
        h.append("</svg>\n");
        h.append("<p>Blue: created; green: emitted. Hover a bar for its figures.</p>\n");
        h.append("""
                <p data-ops-shown="noConsumer">No lead consumer runs in this app.</p>
                <div data-ops-list="consumers"><template>
                <h3>Consumer of route <span data-ops-text="route"></span></h3>
                <dl>
                <dt>Last poll</dt><dd data-ops-text="lastPoll"></dd>
                <dt>Polls</dt><dd data-ops-text="polls"></dd>
                <dt>Leads waiting out a retry</dt><dd><span data-ops-text="failedWaiting"></span>
                <span data-ops-shown="nextRetry">(next attempt <span data-ops-text="nextRetry"></span>)</span></dd>
                <dt>Sweep</dt><dd data-ops-text="sweep"></dd>
                <dt>Recovered by the sweep</dt><dd data-ops-text="recovered"></dd>
                </dl>
                </template></div>
                """);
        return h.toString();
    }

    @Override
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        long[] created = counts.createdByHour();
        long[] emitted = counts.emittedByHour();
        long max = 1;
        long createdToday = 0;
        long emittedToday = 0;
        for (int i = 0; i < 24; i++) {
            max = Math.max(max, Math.max(created[i], emitted[i]));
            createdToday += created[i];
            emittedToday += emitted[i];
        }
        List<Map<String, Object>> hours = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Map<String, Object> hour = new LinkedHashMap<>();
            long c = height(created[i], max);
            long e = height(emitted[i], max);
            hour.put("created", created[i]);
            hour.put("emitted", emitted[i]);
            hour.put("createdHeight", c);
            hour.put("createdY", HEIGHT - c);
            hour.put("emittedHeight", e);
            hour.put("emittedY", HEIGHT - e);
            hour.put("label", String.format("%02d h: %d created, %d emitted", i, created[i], emitted[i]));
            hours.add(hour);
        }
        data.put("createdToday", createdToday);
        data.put("emittedToday", emittedToday);
        data.put("hours", hours);
        List<Map<String, Object>> consumers = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof CashfinLeadsConsumer c) {
                consumers.add(consumer(route.getRouteId(), c));
            }
        }
        data.put("noConsumer", consumers.isEmpty());
        data.put("consumers", consumers);
        return data;
    }

    private static long height(long count, long max) {
        return count == 0 ? 0 : Math.max(1, Math.round((double) HEIGHT * count / max));
    }

    private static Map<String, Object> consumer(String routeId, CashfinLeadsConsumer c) {
        ConsumerStatistics stats = c.getStatistics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("route", routeId);
        m.put("lastPoll", stats.lastPollAt() == null ? "not yet" : stats.lastPollAt().toString());
        m.put("polls", stats.polls() + " (" + stats.failedPolls() + " failed)");
        m.put("failedWaiting", c.getFailedLeadsWaiting());
        m.put("nextRetry", c.getNextFailedLeadRetry());
        if (c.isSweepEnabled()) {
            m.put("sweep", (c.getSweepPassStarted() == null ? "no pass in progress"
                    : "page " + c.getSweepPage() + " of the pass started " + c.getSweepPassStarted())
                           + "; " + c.getSweepPasses() + " passes, last full sweep "
                           + (c.getLastFullSweep() == null ? "never" : c.getLastFullSweep()));
            m.put("recovered", c.getLeadsRecoveredBySweep());
        } else {
            m.put("sweep", "off");
            m.put("recovered", 0);
        }
        return m;
    }
}
