package africa.cashfin.camel.examples.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import com.github.tomakehurst.wiremock.client.WireMock;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import africa.cashfin.camel.examples.csv.ImportReport;
import africa.cashfin.camel.examples.sync.LeadDatabase;
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
    private static final String SAMPLE_CSV = "samples/leads-sample.csv";

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

    /** Drives the flows and returns the summary text. */
    static String drive(CashfinExamplesApp app, Path work) throws Exception {
        Instant started = Instant.now();
        StringBuilder s = new StringBuilder();
        List<String> notDone = new ArrayList<>();

        // Flow 1: drop the sample CSV
        Path inbox = Path.of(app.setting("cashfin.csv.inbox"));
        Path dropped = inbox.resolve("leads-sample.csv");
        try (InputStream in = resource(SAMPLE_CSV)) {
            Path tmp = inbox.resolve(".leads-sample.csv.part");
            Files.copy(in, tmp);
            Files.move(tmp, dropped);
        }
        // Flow 2: post the form
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String form = new String(resource("samples/form-submission.urlencoded").readAllBytes(), StandardCharsets.UTF_8)
                .trim();
        HttpResponse<String> formAnswer = http.send(HttpRequest.newBuilder(URI.create(formUrl(app)))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        // Flow 3: send two mails
        boolean embeddedMail = app.services().greenMail() != null;
        if (embeddedMail) {
            sendMail(app, resource("samples/enquiry.eml"));
            sendMail(app, outOfOffice(app.setting("cashfin.mail.username")));
        }

        // wait for the flows
        Path report = app.csvImports().reportDirectory().resolve("leads-sample" + ImportReport.REPORT_SUFFIX);
        Path done = app.csvImports().reportDirectory().resolve("leads-sample.csv");
        waitFor("CSV import", () -> Files.exists(done) && !Files.exists(dropped), notDone);
        // the form answers at once; its lead is created in the background from the durable queue
        waitFor("web form queue", () -> app.formQueue().pending() == 0, notDone);
        if (embeddedMail) {
            waitFor("mailbox", () -> inboxCount(app) == 0 && folderCount(app, "cashfin.mail.imported-folder") > 0
                                     && Files.exists(app.mailLeads().rejectedLog()), notDone);
        }
        Map<String, Long> perSource = leadsPerSource(app);
        long total = perSource.values().stream().mapToLong(Long::longValue).sum();
        waitFor("sync", () -> sqlCount(app) >= total, notDone);

        // the summary
        s.append('\n').append("=".repeat(78)).append('\n');
        s.append("camel-cashfin examples: demo summary (").append(secondsSince(started)).append(" s)\n");
        s.append("=".repeat(78)).append('\n');
        s.append("Leads in Cashfin by source (").append(app.setting("cashfin.base-url")).append("):\n");
        perSource.forEach((source, n) -> s.append(String.format("  %-10s %3d%n", source, n)));
        s.append(String.format("  %-10s %3d%n", "total", total));

        s.append("\nFlow 1, CSV file drop (").append(dropped.getFileName()).append("):\n");
        if (Files.exists(report)) {
            List<CSVRecord> all = readCsv(report);
            // row 0 of the report says how the file was read; the data rows follow
            all.stream().filter(r -> "header".equals(r.get("outcome"))).findFirst()
                    .ifPresent(r -> s.append("  read as ").append(r.get("message")).append('\n'));
            List<CSVRecord> rows = all.stream().filter(r -> !"header".equals(r.get("outcome"))).toList();
            long created = rows.stream().filter(r -> "created".equals(r.get("outcome"))).count();
            long duplicates = rows.stream().filter(r -> "duplicate".equals(r.get("outcome"))).count();
            List<CSVRecord> failed = rows.stream().filter(r -> "failed".equals(r.get("outcome"))).toList();
            s.append(String.format("  %d created, %d %s, %d failed of %d rows%n", created, duplicates,
                    duplicates == 1 ? "duplicate" : "duplicates", failed.size(), rows.size()));
            for (CSVRecord r : failed) {
                s.append("  row ").append(r.get("row")).append(" failed: ").append(r.get("message")).append('\n');
            }
            s.append("  report: ").append(report).append('\n');
            Path errors = app.csvImports().reportDirectory().resolve("leads-sample" + ImportReport.ERRORS_SUFFIX);
            if (Files.exists(errors)) {
                s.append("  failed rows to fix and drop again: ").append(errors).append('\n');
            }
        } else {
            s.append("  NOT DONE: no report at ").append(report).append('\n');
        }

        s.append("\nFlow 2, web form (").append(formUrl(app)).append("):\n");
        s.append("  POST answered HTTP ").append(formAnswer.statusCode())
                .append(formAnswer.body().contains("Thank you") ? " with the thank-you page\n" : " (NOT DONE: no thank-you page)\n");

        s.append("\nFlow 3, mailbox (").append(app.setting("cashfin.mail.username")).append("):\n");
        if (embeddedMail) {
            s.append("  imported: ").append(folderCount(app, "cashfin.mail.imported-folder")).append(" mail, moved to ")
                    .append(app.setting("cashfin.mail.imported-folder")).append('\n');
            s.append("  rejected: ").append(folderCount(app, "cashfin.mail.rejected-folder")).append(" mail, moved to ")
                    .append(app.setting("cashfin.mail.rejected-folder")).append('\n');
            if (Files.exists(app.mailLeads().rejectedLog())) {
                for (CSVRecord r : readCsv(app.mailLeads().rejectedLog())) {
                    s.append("  rejected '").append(r.get("subject")).append("': ").append(r.get("reason")).append('\n');
                }
            }
        } else {
            s.append("  a real mailbox is configured: the demo sends no mail to it\n");
        }

        s.append("\nFlow 4, Cashfin -> other systems:\n");
        s.append("  SQL table ").append(LeadDatabase.TABLE).append(": ").append(sqlCount(app)).append(" rows (")
                .append(app.setting("cashfin.jdbc.url")).append(")\n");
        if (app.services().crm() != null) {
            int pushed = app.services().crm().findAll(WireMock.postRequestedFor(
                    WireMock.urlPathEqualTo(EmbeddedServices.CRM_CONTACTS_PATH))).size();
            s.append("  contacts pushed to the CRM: ").append(pushed).append(" (").append(app.setting(
                    "cashfin.crm.url")).append(")\n");
        }
        Path export = app.export().file();
        long records = Files.exists(export) ? readCsv(export).size() : 0;
        s.append("  CSV export: ").append(records).append(" leads in ").append(export).append('\n');
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

    static long sqlCount(CashfinExamplesApp app) {
        try (Connection c = app.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + LeadDatabase.TABLE)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    static int inboxCount(CashfinExamplesApp app) {
        return folderCount(app, "cashfin.mail.folder");
    }

    /**
     * Messages in the mail folder named by setting {@code folderKey} (embedded mail server only); 0 when the folder
     * does not exist yet, -1 when the mailbox cannot be read.
     */
    public static int folderCount(CashfinExamplesApp app, String folderKey) {
        Properties props = new Properties();
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", Integer.parseInt(app.setting("cashfin.mail.port")),
                    app.setting("cashfin.mail.username"), app.setting("cashfin.mail.password"));
            Folder folder = store.getFolder(app.setting(folderKey));
            if (!folder.exists()) {
                return 0;
            }
            folder.open(Folder.READ_ONLY);
            try {
                return folder.getMessageCount();
            } finally {
                folder.close(false);
            }
        } catch (Exception e) {
            return -1;
        }
    }

    static void sendMail(CashfinExamplesApp app, InputStream eml) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(app.services().smtpPort()));
        Session session = Session.getInstance(props);
        try (InputStream in = eml) {
            MimeMessage message = new MimeMessage(session, in);
            Transport.send(message, new jakarta.mail.Address[] {
                    new jakarta.mail.internet.InternetAddress(app.setting("cashfin.mail.username")) });
        }
    }

    static InputStream outOfOffice(String to) {
        String eml = "From: Joseph Kamau <joseph.kamau@example.co.ke>\r\n" + "To: " + to + "\r\n"
                     + "Subject: Out of office: back on Monday\r\n" + "Auto-Submitted: auto-replied\r\n"
                     + "Message-ID: <ooo-0001@example.co.ke>\r\n" + "Content-Type: text/plain; charset=UTF-8\r\n"
                     + "\r\n" + "I am out of the office until Monday and will answer your mail then.\r\n";
        return new java.io.ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8));
    }

    static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    private static void waitFor(String what, BooleanSupplier condition, List<String> notDone) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
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

    private static InputStream resource(String name) {
        InputStream in = ExamplesDemo.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("Missing resource " + name));
        }
        return in;
    }
}
