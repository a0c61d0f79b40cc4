package africa.cashfin.camel.examples.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import africa.cashfin.camel.simulator.CashfinSimulator;
import africa.cashfin.camel.simulator.Plan;

/**
 * Starts an in-process stand-in for every external system whose address is not configured, so the examples run on a
 * machine with nothing but Java: the Cashfin simulator when {@code cashfin.base-url} is blank, GreenMail (IMAP and SMTP)
 * when {@code cashfin.mail.host} is blank, an H2 database file when {@code cashfin.jdbc.url} is blank and a WireMock
 * stub of a HubSpot-style contacts API when {@code cashfin.crm.url} is blank. Each one logs one line with its address,
 * and its address is written over the blank setting (as an override property), so the routes cannot tell the
 * difference. With every setting given, nothing is started.
 */
public final class EmbeddedServices implements AutoCloseable {

    /** The path of the embedded CRM's contacts endpoint. */
    public static final String CRM_CONTACTS_PATH = "/crm/v3/objects/contacts";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);

    private CashfinSimulator simulator;
    private GreenMail greenMail;
    private WireMockServer crm;
    private int smtpPort;
    private String jdbcUrl;

    /**
     * Starts what is not configured in {@code context}'s properties and overrides the blank settings with the
     * stand-ins' addresses.
     *
     * @param simulatorPlan the plan the embedded simulator enforces
     */
    public void start(CamelContext context, Plan simulatorPlan) {
        PropertiesComponent pc = context.getPropertiesComponent();
        if (blank(pc, "cashfin.base-url")) {
            simulator = CashfinSimulator.builder().plan(simulatorPlan).start();
            override(pc, "cashfin.base-url", simulator.baseUrl());
            override(pc, "cashfin.client-secret", simulator.secret());
            LOG.info("No CASHFIN_BASE_URL: started the Cashfin simulator ({} plan) at {}", simulatorPlan.name(),
                    simulator.baseUrl());
        }
        if (blank(pc, "cashfin.mail.host")) {
            int imapPort = freePort();
            smtpPort = freePort();
            greenMail = new GreenMail(new ServerSetup[] {
                    new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                    new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP) });
            greenMail.start();
            String user = value(pc, "cashfin.mail.username");
            greenMail.setUser(user, user, value(pc, "cashfin.mail.password"));
            override(pc, "cashfin.mail.protocol", "imap");
            override(pc, "cashfin.mail.host", "127.0.0.1");
            override(pc, "cashfin.mail.port", String.valueOf(imapPort));
            LOG.info("No CASHFIN_MAIL_HOST: started GreenMail with mailbox {} at imap://127.0.0.1:{}"
                     + " (send mail to it via smtp://127.0.0.1:{})", user, imapPort, smtpPort);
        }
        if (blank(pc, "cashfin.jdbc.url")) {
            Path db = Path.of(value(pc, "cashfin.work-dir")).toAbsolutePath().resolve("db").resolve("cashfin");
            jdbcUrl = embeddedH2Url(db);
            override(pc, "cashfin.jdbc.url", jdbcUrl);
            LOG.info("No CASHFIN_JDBC_URL: using the H2 database {}", jdbcUrl);
        }
        if (blank(pc, "cashfin.crm.url")) {
            crm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                    .http2PlainDisabled(true));
            crm.start();
            crm.stubFor(WireMock.post(WireMock.urlPathEqualTo(CRM_CONTACTS_PATH)).willReturn(WireMock.aResponse()
                    .withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":\"{{randomValue length=9 type='NUMERIC'}}\",\"properties\":{}}")
                    .withTransformers("response-template")));
            String url = "http://127.0.0.1:" + crm.port() + CRM_CONTACTS_PATH;
            override(pc, "cashfin.crm.url", url);
            LOG.info("No CASHFIN_CRM_URL: started a stub CRM (HubSpot-style contacts API) at {}", url);
        }
    }

    /**
     * The JDBC URL of the embedded H2 database file {@code db} (without its {@code .mv.db} suffix). It stays open
     * until the app closes it ({@code DB_CLOSE_DELAY=-1}), and every commit is written to the file before it returns
     * ({@code WRITE_DELAY=0}): H2 2.x's default write delay, 500 ms, acknowledges a commit and writes it up to that
     * much later, so a killed JVM would lose the last progress saves of a CSV import (and the state rows). Written to
     * the file, not forced to the disk: it survives the JVM dying, not the machine losing power.
     */
    static String embeddedH2Url(Path db) {
        return "jdbc:h2:file:" + db + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0";
    }

    /** The embedded simulator, or null when a real Cashfin is configured. */
    public CashfinSimulator simulator() {
        return simulator;
    }

    /** The embedded mail server, or null when a real one is configured. */
    public GreenMail greenMail() {
        return greenMail;
    }

    /** The SMTP port of the embedded mail server (0 when none). */
    public int smtpPort() {
        return smtpPort;
    }

    /** The stub CRM, or null when a real one is configured. */
    public WireMockServer crm() {
        return crm;
    }

    /** The JDBC URL of the embedded H2 database, or null when one is configured. */
    public String embeddedJdbcUrl() {
        return jdbcUrl;
    }

    /** Stops what was started. */
    @Override
    public void close() {
        if (crm != null) {
            crm.stop();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    static boolean blank(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key).map(String::isBlank).orElse(true);
    }

    static String value(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key).orElseThrow(() -> new IllegalStateException("Missing setting " + key));
    }

    static void override(PropertiesComponent pc, String key, String value) {
        pc.addOverrideProperty(key, value);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
