package africa.cashfin.camel.examples.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import africa.cashfin.camel.examples.common.DemoStep;
import africa.cashfin.camel.examples.common.Settings;
import africa.cashfin.camel.examples.csv.CsvDemo;
import africa.cashfin.camel.examples.form.FormDemo;
import africa.cashfin.camel.examples.mail.MailDemo;
import africa.cashfin.camel.examples.ops.OpsPage;
import africa.cashfin.camel.examples.sync.SyncDemo;
import africa.cashfin.camel.leads.model.Lead;

/**
 * The one-command demo: starts the app on embedded defaults with a fresh work directory and a free HTTP port, then
 * drives all four flows the way a user would: drops {@code samples/leads-sample.csv} (with bad rows on purpose) into the
 * inbox, posts the contact form over HTTP, sends {@code samples/enquiry.eml} and an out-of-office reply to the mailbox
 * over SMTP, waits for each flow to finish and for the consumer to sync, and prints a summary read back from what the
 * flows produced (Cashfin, the reports, the mailbox, the SQL table, the stub CRM, the export).
 */
public final class ExamplesDemo {

    /** Longest wait for one flow. */
    static final Duration WAIT = Duration.ofSeconds(180);

    private final PrintStream out;

    /** @param out where the summary goes */
    public ExamplesDemo(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the demo.
     *
     * @param keepRunning keep the app running after the summary, until Ctrl+C
     * @return 0 when every flow did what it should, 1 otherwise
     */
    public int run(boolean keepRunning) throws Exception {
        Path work = Files.createTempDirectory("cashfin-demo-");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("cashfin.work-dir", work.toString());
        if (System.getenv("CASHFIN_HTTP_PORT") == null) {
            overrides.put("camel.server.port", String.valueOf(EmbeddedServices.freePort()));
        }
        overrides.put("cashfin.csv.poll-delay", "500");
        // the demo drops its file by renaming it into the inbox: complete at once
        overrides.put("cashfin.csv.min-age", "1000");
        overrides.put("cashfin.mail.poll-delay", "1000");
        overrides.put("cashfin.sync.poll-delay", "1000");
        CashfinExamplesApp app = new CashfinExamplesApp(overrides).start();
        try {
            String summary = drive(app, work);
            out.println(summary);
            boolean ok = !summary.contains("NOT DONE");
            if (keepRunning) {
                out.println("Still running for manual play (Ctrl+C to stop):");
                out.println("  contact form: " + formUrl(app));
                out.println("  operations:   http://localhost:" + app.setting("camel.server.port") + OpsPage.PATH);
                out.println("  Cashfin:      " + app.setting("cashfin.base-url") + "/business/lead/list");
                out.println("  CSV inbox:    " + app.setting("cashfin.csv.inbox"));
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
            return ok ? 0 : 1;
        } finally {
            app.close();
        }
    }

    /** Drives each flow through its own demo step and returns the summary text. */
    static String drive(CashfinExamplesApp app, Path work) throws Exception {
        Instant started = Instant.now();
        Settings settings = app.settings();
        WireMockServer crm = app.services().crm();
        CsvDemo csv = new CsvDemo(app.csvImports(), Path.of(app.setting("cashfin.csv.inbox")));
        FormDemo form = new FormDemo(URI.create(formUrl(app)), app.formQueue());
        MailDemo mail = new MailDemo(settings, app.mailLeads(),
                app.services().greenMail() != null ? app.services().smtpPort() : 0);
        SyncDemo sync = new SyncDemo(settings, app.dataSource(), app.export(), crm == null ? null
                : () -> crm.findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(
                        EmbeddedServices.CRM_CONTACTS_PATH))).size());
        List<DemoStep> byHand = List.of(csv, form, mail);
        for (DemoStep flow : byHand) {
            flow.use();
        }
        List<String> notDone = new ArrayList<>();
        for (DemoStep flow : byHand) {
            waitFor(flow, notDone);
        }
        // Flow 4 has finished when every lead in Cashfin reached the SQL table
        Map<String, Long> perSource = leadsPerSource(app);
        long total = perSource.values().stream().mapToLong(Long::longValue).sum();
        sync.expect(total);
        waitFor(sync, notDone);

        StringBuilder s = new StringBuilder();
        s.append('\n').append("=".repeat(78)).append('\n');
        s.append("camel-cashfin examples: demo summary (").append(secondsSince(started)).append(" s)\n");
        s.append("=".repeat(78)).append('\n');
        s.append("Leads in Cashfin by source (").append(app.setting("cashfin.base-url")).append("):\n");
        perSource.forEach((source, n) -> s.append(String.format("  %-10s %3d%n", source, n)));
        s.append(String.format("  %-10s %3d%n", "total", total));
        for (DemoStep flow : List.of(csv, form, mail, sync)) {
            flow.summarise(s);
        }
        for (String flow : notDone) {
            s.append("\nNOT DONE: ").append(flow).append(" did not finish within ").append(WAIT.toSeconds())
                    .append(" s\n");
        }
        s.append("\nWork directory: ").append(work).append('\n');
        return s.toString();
    }

    static String formUrl(CashfinExamplesApp app) {
        return "http://localhost:" + app.setting("camel.server.port") + app.setting("cashfin.form.path");
    }

    /** Leads per source, read from Cashfin with the component's list operation. */
    static Map<String, Long> leadsPerSource(CashfinExamplesApp app) {
        ProducerTemplate template = app.camelContext().createProducerTemplate();
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (int page = 1;; page++) {
                final int p = page;
                Exchange e = template.request("cashfin-leads:list?limit=100", ex -> ex.getMessage()
                        .setHeader("CamelCashfinPage", p));
                if (e.getException() != null) {
                    throw e.getException();
                }
                @SuppressWarnings("unchecked")
                List<Lead> leads = e.getMessage().getBody(List.class);
                for (Lead lead : leads) {
                    counts.merge(lead.getSource() == null ? "(none)" : lead.getSource(), 1L, Long::sum);
                }
                Integer pages = e.getMessage().getHeader("CamelCashfinPages", Integer.class);
                if (leads.isEmpty() || pages == null || page >= pages) {
                    break;
                }
            }
        } catch (Exception ex) {
            counts.put("(could not list: " + ex.getMessage() + ")", 0L);
        } finally {
            try {
                template.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
        return counts;
    }

    private static void waitFor(DemoStep flow, List<String> notDone) {
        String what = flow.name();
        Instant deadline = Instant.now().plus(WAIT);
        while (!flow.finished()) {
            if (Instant.now().isAfter(deadline)) {
                notDone.add(what);
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notDone.add(what + " (interrupted)");
                return;
            }
        }
    }

    private static long secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toSeconds();
    }
}
