package africa.cashfin.camel.examples.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.PropertyBindingSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.examples.common.DuplicateMessages;
import africa.cashfin.camel.examples.common.Settings;
import africa.cashfin.camel.examples.csv.CsvFlow;
import africa.cashfin.camel.examples.csv.CsvImports;
import africa.cashfin.camel.examples.form.FormFlow;
import africa.cashfin.camel.examples.form.FormQueue;
import africa.cashfin.camel.examples.mail.MailFlow;
import africa.cashfin.camel.examples.mail.MailLeads;
import africa.cashfin.camel.examples.ops.OpsFlow;
import africa.cashfin.camel.examples.ops.OpsPanels;
import africa.cashfin.camel.examples.sync.LeadCsvExport;
import africa.cashfin.camel.examples.sync.LeadDatabase;
import africa.cashfin.camel.examples.sync.SyncFlow;
import africa.cashfin.camel.simulator.Plan;

/**
 * The examples application: a Camel Main app running the four flows of {@code routes/*.camel.yaml}. Each flow binds
 * its own beans from its own settings ({@link CsvFlow}, {@link FormFlow}, {@link MailFlow}, {@link SyncFlow}); the app
 * starts the stand-ins and binds what flows share (the database, the later-messages store). Configuration comes from
 * {@code application.properties}, environment variables and system properties; whatever external system is not
 * configured is started in-process ({@link EmbeddedServices}).
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
    private volatile CsvFlow csv;
    private volatile FormFlow form;
    private volatile MailFlow mail;
    private volatile SyncFlow sync;
    private volatile DuplicateMessages duplicates;
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
            if (form != null) {
                form.close();
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

    /** The settings, placeholders resolved, read the way the flows read them. */
    public Settings settings() {
        return settings(camelContext().getPropertiesComponent());
    }

    /** Flow 1's bean (reports directory etc.). */
    public CsvImports csvImports() {
        return csv.imports();
    }

    /** Flow 2's durable queue of submissions. */
    public FormQueue formQueue() {
        return form.queue();
    }

    /** Flow 3's bean (rejected mail log). */
    public MailLeads mailLeads() {
        return mail.leads();
    }

    /** Where later messages for existing leads are kept (web form and mailbox). */
    public DuplicateMessages duplicates() {
        return duplicates;
    }

    /** Flow 4's CSV export. */
    public LeadCsvExport export() {
        return sync.export();
    }

    /** Flow 4's database. */
    public DataSource dataSource() {
        return dataSource;
    }

    private void configure(BaseMainSupport m) {
        CamelContext context = m.getCamelContext();
        Settings settings = settings(context.getPropertiesComponent());
        Path workDir = settings.directory("cashfin.work-dir");

        String planName = settings.text("cashfin.plan");
        // the embedded Cashfin enforces the same plan the client keeps to
        services.start(context, Plan.parse(planName));
        StubGuard.refuseStubsInProduction(settings.text("cashfin.profile"), services);
        String stubs = StubGuard.banner(services);
        if (stubs != null) {
            LOG.warn(stubs);
        }

        Component leads = context.getComponent("cashfin-leads");
        PropertyBindingSupport.build().withCamelContext(context).withTarget(leads)
                .withProperty("plan", planName).withProperty("deduplicateBy", settings.text("cashfin.deduplicate-by"))
                .withMandatory(true).bind();
        LOG.info("Cashfin client keeps to the {} plan's rate limit; duplicates checked by {}", planName,
                settings.text("cashfin.deduplicate-by"));

        // what more than one flow uses: the database (Flow 1's progress, Flow 4's table), the clocks, the later
        // messages for existing leads (Flows 2 and 3); each flow binds its own beans from its own settings
        Clock clock = Clock.systemUTC();
        dataSource = LeadDatabase.dataSource(settings.text("cashfin.jdbc.url"), settings.text("cashfin.jdbc.username"),
                settings.text("cashfin.jdbc.password"));
        context.getRegistry().bind("cashfinDataSource", dataSource);
        duplicates = new DuplicateMessages(Path.of(settings.text("cashfin.duplicates.file")), clock);
        CashfinClock cashfinClock = new CashfinClock(context);
        csv = CsvFlow.bind(context, settings, dataSource, cashfinClock);
        form = FormFlow.bind(context, settings, duplicates, clock, services.simulator() != null);
        mail = MailFlow.bind(context, settings, workDir, clock, duplicates, services.greenMail() != null);
        sync = SyncFlow.bind(context, settings, dataSource, workDir, clock);
        OpsFlow.bind(context, settings, csv.board(), csv.inbox(), form);
        // the budget, lead-flow and inbound-guards sections of the operations page (/ops)
        OpsPanels.bind(context, cashfinClock, form.counts(), mail.leads().counts());
    }

    /** The settings of {@code pc}: application.properties, the environment, system properties and overrides. */
    static Settings settings(PropertiesComponent pc) {
        return new Settings(pc::resolveProperty,
                prefix -> pc.loadProperties(k -> k.startsWith(prefix)).stringPropertyNames());
    }
}
