package africa.cashfin.camel.examples.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.main.Main;

import africa.cashfin.camel.simulator.CashfinSimulator;

/**
 * The dev-console recipe of docs/operations.md, read from the page (the properties block after the
 * {@code dev-console-recipe} marker), started as a user's own Camel Main app with one YAML route: only the port and the
 * users file are changed.
 */
final class DevConsoleRecipe {

    static final Path PAGE = Path.of("..", "docs", "operations.md");

    private DevConsoleRecipe() {
    }

    /** The recipe's properties, in the page's order. */
    static Map<String, String> properties() {
        try {
            String page = Files.readString(PAGE);
            Matcher m = Pattern.compile("<!-- dev-console-recipe[^>]*-->\\s*```properties\\n(.*?)```", Pattern.DOTALL)
                    .matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("No dev-console-recipe block in " + PAGE);
            }
            Map<String, String> props = new LinkedHashMap<>();
            for (String line : m.group(1).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                props.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
            }
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a Camel Main with {@code props} and the YAML route {@code routeYaml} (written to {@code dir}).
     */
    static Main start(Map<String, String> props, Path dir, String routeYaml) throws Exception {
        Main main = new Main();
        // a user's own app: not the examples' application.properties and routes, which share this classpath
        main.setDefaultPropertyPlaceholderLocation("false");
        props.forEach(main::addInitialProperty);
        // the route as a YAML file, as a user's app has it (a RouteBuilder class in this package would also be picked
        // up by the examples app's package scan)
        Path route = dir.resolve("poll-leads.camel.yaml");
        Files.writeString(route, routeYaml);
        main.addInitialProperty("camel.main.routes-include-pattern", "file:" + route);
        main.start();
        return main;
    }

    /**
     * Starts the recipe on the management port {@code port} with one console user, and a route polling
     * {@code cashfin} (Free plan, every second) whose secret comes from the property {@code cashfin.secret}.
     */
    static Main startPolling(CashfinSimulator cashfin, Path dir, int port, String user, String password)
            throws Exception {
        Map<String, String> props = properties();
        props.put("camel.management.port", String.valueOf(port));
        props.put("camel.management.basic-properties-file", usersFile(dir, user, password).toString());
        props.put("cashfin.secret", cashfin.secret());
        return start(props, dir, """
                - route:
                    id: poll-leads
                    from:
                      uri: cashfin-leads:list
                      parameters:
                        clientSecret: "RAW({{cashfin.secret}})"
                        baseUrl: "%s"
                        plan: free
                        delay: 1000
                      steps:
                        - to: "log:leads?level=DEBUG"
                """.formatted(cashfin.baseUrl()));
    }

    /** A users file as the docs show it, with one user. */
    static Path usersFile(Path dir, String user, String password) throws IOException {
        return Files.writeString(dir.resolve("dev-console-users.properties"),
                "user." + user + " = " + password + ",console\n");
    }
}
