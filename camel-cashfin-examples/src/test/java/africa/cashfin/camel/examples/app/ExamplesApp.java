package africa.cashfin.camel.examples.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import africa.cashfin.camel.simulator.CashfinSimulator;

/**
 * JUnit 5 extension running the real examples app (Camel Main, the YAML routes, the beans) once per test class, on
 * embedded stand-ins, with a fresh work directory, a free HTTP port and short poll delays.
 */
public final class ExamplesApp implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final Map<String, Object> beans = new LinkedHashMap<>();
    private CashfinExamplesApp app;
    private Path work;

    public ExamplesApp with(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** Binds {@code bean} under {@code name} in the registry before the app starts. */
    public ExamplesApp bind(String name, Object bean) {
        beans.put(name, bean);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        work = Files.createTempDirectory("cashfin-examples-test-");
        Map<String, String> o = new LinkedHashMap<>();
        o.put("cashfin.work-dir", work.toString());
        o.put("camel.server.port", String.valueOf(freePort()));
        o.put("cashfin.csv.poll-delay", "300");
        // drop(...) renames complete files into the inbox
        o.put("cashfin.csv.min-age", "300");
        o.put("cashfin.mail.poll-delay", "500");
        o.put("cashfin.sync.poll-delay", "500");
        o.putAll(overrides);
        app = new CashfinExamplesApp(o);
        beans.forEach(app::bind);
        app.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (app != null) {
            app.close();
        }
        if (work != null) {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public CashfinExamplesApp app() {
        return app;
    }

    public CashfinSimulator cashfin() {
        return app.services().simulator();
    }

    public Path work() {
        return work;
    }

    public String setting(String key) {
        return app.setting(key);
    }

    public Path inbox() {
        return Path.of(app.setting("cashfin.csv.inbox"));
    }

    /** Where imported files and their reports go (outside the inbox). */
    public Path done() {
        return Path.of(app.setting("cashfin.csv.reports-dir")).resolve("done");
    }

    /** Where files that could not be read go, with their {@code .error.txt}. */
    public Path failed() {
        return Path.of(app.setting("cashfin.csv.reports-dir")).resolve("error");
    }

    public String baseUrl() {
        return "http://localhost:" + app.setting("camel.server.port");
    }

    /** Leads in the simulator with {@code source}. */
    public List<Map<String, Object>> leadsFrom(String source) {
        return cashfin().leads().stream().filter(l -> source.equals(l.get("source"))).toList();
    }

    /** Copies a classpath resource into the inbox atomically (written under a dot name, then renamed). */
    public Path drop(String resource, String name) {
        try (InputStream in = ExamplesApp.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource " + resource);
            }
            return drop(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} into the inbox atomically as {@code name}. */
    public Path drop(byte[] content, String name) {
        try {
            Path tmp = inbox().resolve("." + name + ".part");
            Files.write(tmp, content);
            return Files.move(tmp, inbox().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
