package africa.cashfin.camel.benchmarks;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.model.Lead;
import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.Plan;

/**
 * What a user sees when some leads always fail in the route: a consumer with its scheduler running ({@code delay}
 * 2 s) on {@code --leads 100} leads, every other one refused by the route with an exception, for {@code --seconds 20}.
 * Counts the failed deliveries, the leads delivered, and the log lines written at INFO and above (Camel's default
 * error handler included), as a production log would hold them. Options: {@code --leads 100 --seconds 20 --delay 2000
 * --uri-options "&failedLeadRetryDelay=0"} (extra consumer options). Not a test; CI never runs it; see
 * docs/performance.md.
 */
public final class FailingLeadsBenchmark {

    private FailingLeadsBenchmark() {
    }

    /**
     * @param args options, see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        LineCounter lines = new LineCounter(System.out);
        System.setOut(new PrintStream(lines, true, StandardCharsets.UTF_8)); // before the first logger is made
        BenchmarkOptions options = new BenchmarkOptions(args);
        int leads = options.getInt("--leads", 100);
        int seconds = options.getInt("--seconds", 20);
        long delay = options.getInt("--delay", 2000);
        String extra = options.get("--uri-options", "");

        try (CashfinSimulator sim = CashfinSimulator.builder().plan(Plan.UNLIMITED).start()) {
            List<String> ids = sim.seedLeads(leads, 1).stream().map(l -> (String) l.get("_id")).toList();
            Set<String> failing = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < ids.size(); i += 2) {
                failing.add(ids.get(i));
            }
            AtomicLong failedDeliveries = new AtomicLong();
            Set<String> delivered = ConcurrentHashMap.newKeySet();
            CamelContext context = BenchmarkRig.contextOn(sim, CashfinLeadsConfiguration.PLAN_UNLIMITED);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("cashfin-leads:list?initialDelay=0&delay=" + delay + extra).routeId("leads")
                            .process(e -> {
                                Lead lead = e.getMessage().getBody(Lead.class);
                                if (failing.contains(lead.getId())) {
                                    failedDeliveries.incrementAndGet();
                                    throw new IllegalStateException("the target system refuses lead " + lead.getId());
                                }
                                delivered.add(lead.getId());
                            });
                }
            });
            long linesBefore = lines.lines();
            long start = System.nanoTime();
            context.start();
            Thread.sleep(seconds * 1000L);
            context.getRouteController().stopRoute("leads");
            double elapsed = (System.nanoTime() - start) / 1e9;
            long logLines = lines.lines() - linesBefore;
            context.stop();
            System.err.printf("Failing leads: %d leads, %d always fail, delay %d ms, %s%n", leads, failing.size(), delay,
                              extra.isEmpty() ? "default options" : extra);
            System.err.printf("  %.1f s: %,d failed deliveries, %,d of %,d good leads delivered, %,d log lines"
                              + " (INFO and above, stack traces included), %,d list calls%n", elapsed,
                              failedDeliveries.get(), delivered.size(), leads - failing.size(), logLines,
                              sim.listCalls());
        }
    }

    /** Passes bytes through and counts the lines. */
    private static final class LineCounter extends OutputStream {

        private final OutputStream out;
        private final AtomicLong lines = new AtomicLong();

        LineCounter(OutputStream out) {
            this.out = out;
        }

        long lines() {
            return lines.get();
        }

        @Override
        public void write(int b) throws java.io.IOException {
            if (b == '\n') {
                lines.incrementAndGet();
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines.incrementAndGet();
                }
            }
            out.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            out.flush();
        }
    }
}
