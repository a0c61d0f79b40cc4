package africa.cashfin.camel.examples.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.util.URISupport;

import africa.cashfin.camel.leads.CashfinLeadsEndpoint;
import africa.cashfin.camel.leads.api.CashfinClient;
import africa.cashfin.camel.leads.api.limit.BudgetShares;
import africa.cashfin.camel.leads.api.limit.CallRateLimiter;
import africa.cashfin.camel.leads.api.limit.RateLimits;
import africa.cashfin.camel.leads.api.limit.RateWindow;

/**
 * The budget section of the operations page: per client secret (by its fingerprint, never the secret) the calls used
 * today of the daily budget, each budget share (the reserves and the pool) as a gauge of its day, the 429s of the
 * server's day, the pace after a 429 and when the server's day resets. The figures are the component's, read as the
 * dev console reads them ({@link CallRateLimiter}, {@link BudgetShares#dayShares()}); the 429s of the day are counted
 * by {@link LeadFlowMetrics}.
 */
final class BudgetPanel implements OpsPanel {

    private final CamelContext context;
    private final FlowCounts counts;

    BudgetPanel(CamelContext context, FlowCounts counts) {
        this.context = Objects.requireNonNull(context, "context");
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    @Override
    public String id() {
        return "budget";
    }

    @Override
    public String title() {
        return "Call budget";
    }

    @Override
    public int order() {
        return 20;
    }

    /** The section's HTML with its {@code data-ops-*} bindings ({@link OpsPage#render} fills them from {@link #data()}). */
    @Override
    public String html() {
        return template();
    }

    /** The section's HTML with its {@code data-ops-*} bindings, empty of figures. */
    static String template() {
        return """
                <p data-ops-shown="none">No Cashfin endpoint has called yet.</p>
                <div data-ops-list="secrets"><template>
                <h3 data-ops-text="secret"></h3>
                <p>Used by <span data-ops-text="endpoints"></span></p>
                <dl>
                <dt>Calls used today</dt><dd><span data-ops-text="usedText"></span><br>%s</dd>
                <dt>Plan</dt><dd data-ops-text="plan"></dd>
                <dt>429 answers today</dt><dd data-ops-text="rateLimitedToday"></dd>
                <dt>Pace</dt><dd data-ops-text="paceText"></dd>
                <dt>Server's day resets</dt><dd data-ops-text="resetText"></dd>
                </dl>
                </template></div>
                <h3 data-ops-shown="shares">Budget shares</h3>
                <p data-ops-shown="shares">Each share's calls of the server's day: a reserve (<code>budgetReserve</code>)
                is kept for its endpoints; the pool is what every endpoint may draw on.</p>
                <table data-ops-shown="shares"><thead><tr><th scope="col">Secret</th><th scope="col">Share</th>
                <th scope="col">Of the budget</th><th scope="col">Used today</th><th scope="col"></th></tr></thead>
                <tbody data-ops-list="shares"><template><tr><td data-ops-text="secret"></td><td data-ops-text="name"></td>
                <td data-ops-text="fraction"></td><td data-ops-text="usedText"></td><td>%s</td></tr></template></tbody>
                </table>
                """.formatted(Gauge.svg("usedPercent", "usedText"), Gauge.svg("usedPercent", "usedText"));
    }

    @Override
    public Map<String, Object> data() {
        Map<String, Map<String, Object>> secrets = new LinkedHashMap<>();
        List<Map<String, Object>> shares = new ArrayList<>();
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof CashfinLeadsEndpoint e && e.clientIfStarted() != null) {
                CashfinClient client = e.clientIfStarted();
                CallRateLimiter limiter = client.getRateLimiter();
                String secret = limiter.secret().toString();
                Map<String, Object> figures = secrets.get(secret);
                if (figures == null) {
                    figures = secret(limiter);
                    secrets.put(secret, figures);
                    shares.addAll(shares(secret, client.getBudgetShare().shares()));
                }
                String name = URISupport.sanitizeUri(e.getEndpointUri());
                String names = (String) figures.get("endpoints");
                figures.put("endpoints", names.isEmpty() ? name : names + ", " + name);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("none", secrets.isEmpty());
        data.put("secrets", new ArrayList<>(secrets.values()));
        data.put("shares", shares);
        return data;
    }

    private Map<String, Object> secret(CallRateLimiter limiter) {
        Map<String, Object> f = new LinkedHashMap<>();
        String secret = limiter.secret().toString();
        RateLimits limits = limiter.limits();
        f.put("secret", secret);
        f.put("endpoints", "");
        f.put("plan", plan(limits));
        OptionalLong left = limiter.dayCallsLeft();
        long budget = (long) Math.floor(limits.budget(RateWindow.DAY).orElse(-1) + 1e-9);
        if (budget >= 0 && left.isPresent()) {
            long used = Math.max(0, budget - left.getAsLong());
            f.put("callsUsed", used);
            f.put("callsBudget", budget);
            f.put("usedPercent", Gauge.percent(used, budget));
            f.put("usedText", String.format(Locale.ROOT, "%,d of %,d calls (%d %%)", used, budget,
                    Gauge.percent(used, budget)));
        } else {
            f.put("usedPercent", 0);
            f.put("usedText", budget < 0 ? "no daily limit" : "unknown (the shared budget store did not answer)");
        }
        f.put("rateLimitedToday", counts.rateLimitedToday(secret));
        long pace = Math.round(limiter.paceShare() * 100);
        f.put("pacePercent", pace);
        String paused = limiter.pausedUntil().map(until -> "; paused until " + until).orElse("");
        f.put("paceText", pace + " % of the plan's rate" + (pace < 100 ? ", climbing back after a 429" : "")
                          + paused);
        Instant now = counts.now();
        f.put("dayEnds", limiter.dayEnds().map(Instant::toString).orElse(null));
        f.put("resetText", limiter.dayEnds().map(end -> end + " (in " + inWords(Duration.between(now, end)) + ")")
                .orElse("never (no daily limit)"));
        return f;
    }

    private static List<Map<String, Object>> shares(String secret, BudgetShares shares) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BudgetShares.DayShare share : shares.dayShares()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("secret", secret);
            s.put("name", share.name() == null ? "pool" : "reserve '" + share.name() + "'");
            s.put("fraction", Math.round(share.fraction() * 100) + " %");
            s.put("callsPerDay", share.callsPerDay());
            if (share.callsLeft() >= 0) {
                long used = Math.max(0, share.callsPerDay() - share.callsLeft());
                s.put("callsUsed", used);
                s.put("usedPercent", Gauge.percent(used, share.callsPerDay()));
                s.put("usedText", String.format(Locale.ROOT, "%,d of %,d calls", used, share.callsPerDay()));
            } else {
                s.put("usedPercent", 0);
                s.put("usedText", String.format(Locale.ROOT, "? of %,d calls (held by another node)",
                        share.callsPerDay()));
            }
            out.add(s);
        }
        return out;
    }

    private static String plan(RateLimits limits) {
        if (limits.isUnlimited()) {
            return "no limits";
        }
        List<String> parts = new ArrayList<>();
        limits.limit(RateWindow.DAY).ifPresent(n -> parts.add(String.format(Locale.ROOT, "%,d calls a day", n)));
        limits.limit(RateWindow.MINUTE).ifPresent(n -> parts.add(n + " a minute"));
        limits.limit(RateWindow.SECOND).ifPresent(n -> parts.add(n + " a second"));
        return String.join(", ", parts) + String.format(Locale.ROOT, " (kept %d %% below)",
                Math.round(limits.margin() * 100));
    }

    /** "3 h 12 min", "42 min", "less than a minute". */
    static String inWords(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 1) {
            return "less than a minute";
        }
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }
}
