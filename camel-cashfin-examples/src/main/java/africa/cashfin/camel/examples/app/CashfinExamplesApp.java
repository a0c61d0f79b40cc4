package africa.cashfin.camel.examples.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;

import africa.cashfin.camel.examples.common.DuplicateMessages;
import africa.cashfin.camel.examples.common.FailedAttempts;
import africa.cashfin.camel.examples.common.PhoneNormalizer;
import africa.cashfin.camel.examples.csv.CsvImportSettings;
import africa.cashfin.camel.examples.csv.CsvImports;
import africa.cashfin.camel.examples.csv.FileLimits;
import africa.cashfin.camel.examples.csv.ImportProgressStore;
import africa.cashfin.camel.examples.csv.ParkedFiles;
import africa.cashfin.camel.examples.form.Captcha;
import africa.cashfin.camel.examples.form.ClientAddress;
import africa.cashfin.camel.examples.form.ConnectionGuard;
import africa.cashfin.camel.examples.form.ContactForm;
import africa.cashfin.camel.examples.form.FormBodyLimit;
import africa.cashfin.camel.examples.form.FormLimits;
import africa.cashfin.camel.examples.form.FormQueue;
import africa.cashfin.camel.examples.form.WebForm;
import africa.cashfin.camel.examples.mail.MailLeads;
import africa.cashfin.camel.examples.mail.MailLimits;
import africa.cashfin.camel.examples.mail.MailToLead;
import africa.cashfin.camel.examples.sync.HubSpotContactMapper;
import africa.cashfin.camel.examples.sync.LeadCsvExport;
import africa.cashfin.camel.examples.sync.LeadDatabase;
import africa.cashfin.camel.examples.sync.LeadSync;
import africa.cashfin.camel.leads.state.JdbcStateRepository;
import africa.cashfin.camel.simulator.Plan;

/**
 * The examples application: a Camel Main app running the four flows of {@code routes/*.camel.yaml} with the beans of
 * this package. Configuration comes from {@code application.properties}, environment variables and system properties;
 * whatever external system is not configured is started in-process ({@link EmbeddedServices}).
 * <p>
 * Command line: no arguments (or {@code --run}) runs the flows until stopped (Ctrl+C); {@code --demo} runs the
 * one-command demo
 * ({@link ExamplesDemo}) and exits; {@code --demo --keep-running} (or {@code -Dcashfin.demo.keep-running=true}) keeps
 * running after the demo for manual play.
 */
public final class CashfinExamplesApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CashfinExamplesApp.class);

    private final Main main;
    private final EmbeddedServices services = new EmbeddedServices();
    private volatile CsvImports csvImports;
    private volatile MailLeads mailLeads;
    private volatile DuplicateMessages duplicates;
    private volatile Vertx vertx;
    private volatile FormQueue formQueue;
    private volatile LeadCsvExport export;
    private volatile DataSource dataSource;

    /**
     * @param overrides settings that win over application.properties and the environment (tests and the demo use it
     *                  for ports and directories)
     */
    public CashfinExamplesApp(Map<String, String> overrides) {
        main = new Main(CashfinExamplesApp.class);
        overrides.forEach(main::addOverrideProperty);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                configure(m);
            }
        });
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        List<String> unknown = a.stream().filter(x -> !List.of("--demo", "--keep-running", "--run").contains(x))
                .toList();
        if (!unknown.isEmpty()) {
            System.err.println("Unknown argument(s) " + unknown + ". Use: --run (the flows, until Ctrl+C; the default),"
                               + " --demo (the demo, then exit) or --demo --keep-running.");
            System.exit(2);
        }
        if (a.contains("--demo")) {
            boolean keep = a.contains("--keep-running") || Boolean.getBoolean("cashfin.demo.keep-running");
            int code = new ExamplesDemo(System.out).run(keep);
            if (code != 0) {
                System.exit(code);
            }
            return;
        }
        try (CashfinExamplesApp app = new CashfinExamplesApp(Map.of())) {
            app.main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport m) {
                    LOG.info("{}", app.readyBlock());
                }
            });
            app.main.run();
        }
    }

    /** Starts Camel (and the embedded services) and returns when the routes run. */
    public CashfinExamplesApp start() {
        try {
            main.start();
        } catch (Exception e) {
            services.close();
            throw new IllegalStateException("The examples app did not start: " + e.getMessage(), e);
        }
        return this;
    }

    /** Stops Camel and the embedded services. */
    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            LOG.warn("Stopping Camel: {}", e.getMessage());
        } finally {
            if (vertx != null) {
                vertx.close();
            }
            shutdownEmbeddedDatabase();
            services.close();
        }
    }

    /** An embedded H2 stays open (DB_CLOSE_DELAY=-1) until told to close; its threads would outlive the app. */
    private void shutdownEmbeddedDatabase() {
        if (services.embeddedJdbcUrl() != null && dataSource != null) {
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (java.sql.SQLException e) {
                LOG.warn("Closing the embedded database: {}", e.getMessage());
            }
        }
    }

    /** Where the form, the CSV inbox, the mailbox and Cashfin are: the {@code Ready:} block of {@code --run}. */
    public String readyBlock() {
        return ReadyBlock.of(this);
    }

    /**
     * Binds {@code bean} under {@code name} in the registry before {@link #start()}, for a setting such as
     * {@code camel.component.cashfin-leads.time-source=#name} (a virtual clock in tests).
     */
    public CashfinExamplesApp bind(String name, Object bean) {
        main.bind(name, bean);
        return this;
    }

    /** The running Camel context. */
    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** The embedded stand-ins (each null when the real system is configured). */
    public EmbeddedServices services() {
        return services;
    }

    /** A setting's value, placeholders resolved. */
    public String setting(String key) {
        return camelContext().getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    /** Flow 1's bean (reports directory etc.). */
    public CsvImports csvImports() {
        return csvImports;
    }

    /** Flow 2's durable queue of submissions. */
    public FormQueue formQueue() {
        return formQueue;
    }

    /** Flow 3's bean (rejected mail log). */
    public MailLeads mailLeads() {
        return mailLeads;
    }

    /** Where later messages for existing leads are kept (web form and mailbox). */
    public DuplicateMessages duplicates() {
        return duplicates;
    }

    /** Flow 4's CSV export. */
    public LeadCsvExport export() {
        return export;
    }

    /** Flow 4's database. */
    public DataSource dataSource() {
        return dataSource;
    }

    private void configure(BaseMainSupport m) {
        CamelContext context = m.getCamelContext();
        PropertiesComponent pc = context.getPropertiesComponent();
        Path workDir = Path.of(get(pc, "cashfin.work-dir")).toAbsolutePath();
        createDirectories(workDir);

        String planName = get(pc, "cashfin.plan");
        // the embedded Cashfin enforces the same plan the client keeps to
        services.start(context, Plan.parse(planName));
        StubGuard.refuseStubsInProduction(get(pc, "cashfin.profile"), services);
        String stubs = StubGuard.banner(services);
        if (stubs != null) {
            LOG.warn(stubs);
        }

        Component leads = context.getComponent("cashfin-leads");
        PropertyBindingSupport.build().withCamelContext(context).withTarget(leads)
                .withProperty("plan", planName).withProperty("deduplicateBy", get(pc, "cashfin.deduplicate-by"))
                .withMandatory(true).bind();
        LOG.info("Cashfin client keeps to the {} plan's rate limit; duplicates checked by {}", planName,
                get(pc, "cashfin.deduplicate-by"));

        bindBeans(context, pc, workDir);
    }

    private void bindBeans(CamelContext context, PropertiesComponent pc, Path workDir) {
        Clock clock = Clock.systemUTC();
        Map<String, Object> csv = new LinkedHashMap<>();
        for (String key : List.of(CsvImportSettings.PRESET, CsvImportSettings.PHONE_REGION, CsvImportSettings.SOURCE,
                CsvImportSettings.PROGRESS_EVERY, CsvImportSettings.SHEET)) {
            pc.resolveProperty(key).ifPresent(v -> csv.put(key, v));
        }
        pc.loadProperties(k -> k.startsWith("cashfin.csv.mapping.")).stringPropertyNames()
                .forEach(k -> csv.put(k, pc.resolveProperty(k).orElse("")));
        CsvImportSettings settings = CsvImportSettings.fromProperties(csv);
        Path inbox = Path.of(get(pc, "cashfin.csv.inbox")).toAbsolutePath();
        createDirectories(inbox);
        Map<String, Object> fileLimitSettings = new LinkedHashMap<>();
        for (String key : List.of(FileLimits.MAX_ROW_CHARS, FileLimits.MAX_CELL_CHARS, FileLimits.MAX_SHARED_STRINGS,
                FileLimits.MAX_WORKBOOK_ENTRY, FileLimits.MIN_INFLATE_RATIO)) {
            pc.resolveProperty(key).ifPresent(v -> fileLimitSettings.put(key, v));
        }
        FileLimits fileLimits = FileLimits.fromProperties(fileLimitSettings);
        fileLimits.applyToPoi();
        // the route moves files by these paths: absolute, or Camel would read them relative to the inbox
        Path reports = Path.of(get(pc, "cashfin.csv.reports-dir")).toAbsolutePath();
        pc.addOverrideProperty("cashfin.csv.reports-dir", reports.toString());
        dataSource = LeadDatabase.dataSource(get(pc, "cashfin.jdbc.url"), get(pc, "cashfin.jdbc.username"),
                get(pc, "cashfin.jdbc.password"));
        context.getRegistry().bind("cashfinDataSource", dataSource);
        // each dropped file's progress (a file the day's budget cannot finish parks and resumes from it): a row of
        // the component's state table in the app's database, so it survives a restart
        JdbcStateRepository importState = new JdbcStateRepository(dataSource);
        importState.start(); // creates CASHFIN_LEADS_STATE if absent
        ImportProgressStore progress = new ImportProgressStore(importState);
        Clock cashfinClock = new CashfinClock(context);
        csvImports = new CsvImports(settings, reports.resolve("done"), reports.resolve("error"), cashfinClock,
                fileLimits, progress);
        context.getRegistry().bind("csvImports", csvImports);
        context.getRegistry().bind("parkedCsvFiles", ParkedFiles.parked(progress, cashfinClock));
        context.getRegistry().bind("inboxCsvFiles", ParkedFiles.inbox(progress));

        PhoneNormalizer phones = new PhoneNormalizer(blankToNull(get(pc, "cashfin.phone.default-region")));
        Captcha captcha = new Captcha(Captcha.Provider.parse(StubGuard.captchaProvider(
                get(pc, "cashfin.form.captcha.provider"), services.simulator() != null)),
                get(pc, "cashfin.form.captcha.site-key"), get(pc, "cashfin.form.captcha.secret"),
                get(pc, "cashfin.form.captcha.verify-url"), Duration.parse(get(pc, "cashfin.form.captcha.timeout")));
        FormLimits formLimits = new FormLimits(new FormLimits.Settings(
                Integer.parseInt(get(pc, "cashfin.form.limit.per-client").trim()),
                Duration.parse(get(pc, "cashfin.form.limit.per-client-period").trim()),
                Integer.parseInt(get(pc, "cashfin.form.limit.per-day").trim()),
                Integer.parseInt(get(pc, "cashfin.form.limit.max-clients").trim())));
        duplicates = new DuplicateMessages(Path.of(get(pc, "cashfin.duplicates.file")), clock);
        formQueue = new FormQueue(Path.of(get(pc, "cashfin.form.queue.dir")), clock, duplicates);
        context.getRegistry().bind("formQueue", formQueue);
        ConnectionGuard guard = new ConnectionGuard(
                Duration.parse(get(pc, "cashfin.form.http.idle-timeout").trim()),
                Duration.parse(get(pc, "cashfin.form.http.header-timeout").trim()),
                Integer.parseInt(get(pc, "cashfin.form.http.max-connections-per-address").trim()),
                ClientAddress.trusting(get(pc, "cashfin.form.trusted-proxies")));
        // camel.server finds this Vert.x in the registry and creates its HTTP server on it, with the guard's timeouts
        vertx = Vertx.vertx();
        context.getRegistry().bind("cashfinVertx", Vertx.class,
                guard.guard(vertx, new FormBodyLimit(Long.parseLong(get(pc, "cashfin.form.max-body-size").trim()))));
        LOG.info("HTTP server: connections idle for {} or without a whole request after {} are closed, at most {} open"
                 + " per client address", get(pc, "cashfin.form.http.idle-timeout").trim(),
                get(pc, "cashfin.form.http.header-timeout").trim(),
                get(pc, "cashfin.form.http.max-connections-per-address").trim());
        context.getRegistry().bind("contactForm", new ContactForm(
                new WebForm(phones, get(pc, "cashfin.form.path"), get(pc, "cashfin.form.lang"), captcha.widgetHtml()),
                ClientAddress.trusting(get(pc, "cashfin.form.trusted-proxies")), formLimits, captcha, formQueue));
        LOG.info("Contact form: at most {} posts per client per {}, {} submissions a day, bodies up to {} bytes,"
                 + " CAPTCHA {}, trusted proxies [{}]", formLimits.settings().perClient(),
                formLimits.settings().perClientPeriod(), formLimits.settings().perDay(),
                get(pc, "cashfin.form.max-body-size"), captcha.provider().name().toLowerCase(java.util.Locale.ROOT),
                get(pc, "cashfin.form.trusted-proxies"));

        MailLimits mailLimits = new MailLimits(Integer.parseInt(get(pc, "cashfin.mail.limit.per-sender").trim()),
                Duration.parse(get(pc, "cashfin.mail.limit.per-sender-period").trim()),
                Integer.parseInt(get(pc, "cashfin.mail.limit.max-senders").trim()),
                Long.parseLong(get(pc, "cashfin.mail.max-size").trim()),
                Long.parseLong(get(pc, "cashfin.mail.max-attachment-size").trim()),
                Integer.parseInt(get(pc, "cashfin.mail.limit.per-day").trim()),
                get(pc, "cashfin.mail.trusted-authserv-ids"));
        mailLeads = new MailLeads(new MailToLead(), get(pc, "cashfin.mail.imported-folder"),
                get(pc, "cashfin.mail.rejected-folder"), workDir.resolve("mail"), clock, mailLimits,
                new FailedAttempts(Integer.parseInt(get(pc, "cashfin.mail.max-attempts").trim()),
                        mailLimits.maxSenders()), duplicates);
        LOG.info("Mailbox: at most {} mails per sender per {} and {} a day in all become leads (senders {}); mails over"
                 + " {} bytes or with a part over {} bytes are rejected unread; a mail failing {} times is rejected",
                mailLimits.perSender(), mailLimits.perSenderPeriod(), mailLimits.perDay(),
                mailLimits.trustedAuthservIds().isBlank() ? "by their From address, Authentication-Results not believed"
                        : "authenticated by the Authentication-Results of " + mailLimits.trustedAuthservIds().trim(),
                mailLimits.maxMailSize(), mailLimits.maxAttachmentSize(), get(pc, "cashfin.mail.max-attempts").trim());
        if (mailLimits.trustedAuthservIds().isBlank() && services.greenMail() == null) {
            LOG.warn("Mailbox: cashfin.mail.trusted-authserv-ids (CASHFIN_MAIL_TRUSTED_AUTHSERV_IDS) is not set, so no"
                     + " Authentication-Results header is believed and every sender is capped by its From address as"
                     + " unverified: forged mail can spend a real sender's cap. Set it to the authserv-id your mail"
                     + " server writes into Authentication-Results (its first word, e.g. mx.example.com).");
        }
        context.getRegistry().bind("mailLeads", mailLeads);

        export = new LeadCsvExport(get(pc, "cashfin.export.file"));
        context.getRegistry().bind("leadCsvExport", export);
        context.getRegistry().bind("leadSync", new LeadSync(new HubSpotContactMapper(), get(pc, "cashfin.crm.token"),
                clock));
        LeadDatabase.createSchema(dataSource);
        context.getRegistry().bind("leadSyncRepository", new JdbcMessageIdRepository(dataSource, "cashfin-sync"));
        File state = workDir.resolve("sync-state.properties").toFile();
        context.getRegistry().bind("leadSyncState", FileStateRepository.fileStateRepository(state));
    }

    private static String get(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key).orElse("");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + dir, e);
        }
    }
}
