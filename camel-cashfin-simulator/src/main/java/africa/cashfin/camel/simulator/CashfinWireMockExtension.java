package africa.cashfin.camel.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.MappingsLoaderExtension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The whole Cashfin simulator as one WireMock 3 extension, so it can be loaded by class name into any WireMock
 * server, including WireMock's own standalone runner:
 *
 * <pre>
 * java -cp "wiremock-standalone-3.13.2.jar:camel-cashfin-simulator.jar:..." wiremock.Run --port 8099 \
 *      --extensions africa.cashfin.camel.simulator.CashfinWireMockExtension
 * </pre>
 *
 * <p>It is both the response transformer {@value #NAME} (which hands each request to the simulator's create, list
 * or admin handler, chosen by the transformer parameter {@value #ROUTE}) and a {@link MappingsLoaderExtension} that
 * adds the stubs for {@code POST /business/lead/create}, {@code GET /business/lead/list}, {@code /__cashfin/*} and a
 * Cashfin-style 404 for everything else (priority 100, so your own stubs win). The stubs come back after WireMock's
 * {@code POST /__admin/reset}; no mapping files are needed. {@link CashfinSimulator} uses this same extension.
 *
 * <p>Loaded by class name (no-arg constructor) it reads its settings from system properties, see
 * {@link #CashfinWireMockExtension()} and docs/simulator.md.
 */
public final class CashfinWireMockExtension implements ResponseDefinitionTransformerV2, MappingsLoaderExtension {

    /** The extension and transformer name. */
    public static final String NAME = "cashfin";

    /** Transformer parameter naming the handler of a stub: {@code cashfin-create}, {@code cashfin-list} or {@code cashfin-admin}. */
    public static final String ROUTE = "cashfinRoute";

    /** System property prefix read by the no-arg constructor. */
    static final String PROPERTY_PREFIX = "cashfin.";

    private final CashfinSimulator simulator;
    private final Map<String, ResponseDefinitionTransformerV2> routes;

    /**
     * Creates a simulator configured from system properties, each optional, defaults as {@link CashfinSimulator}:
     * {@code cashfin.secrets} (comma-separated accepted {@code Authorization} values, default
     * {@link CashfinSimulator#DEFAULT_SECRET}), {@code cashfin.plan} (free|starter|professional|unlimited, default
     * unlimited), {@code cashfin.perSecond}/{@code cashfin.perMinute}/{@code cashfin.perDay} (a custom plan),
     * {@code cashfin.seed} (number of seed leads, default 0), {@code cashfin.seedRandom} (random seed, default 42),
     * {@code cashfin.rateLimitMode} (fixed|sliding, default fixed), {@code cashfin.latencyJitter} (MIN-MAX
     * milliseconds, default none), {@code cashfin.jitterSeed} (default 0), and the strict-server switches
     * {@code cashfin.shuffleTies} (seed), {@code cashfin.lateVisibilityMillis}, {@code cashfin.churn} (rate),
     * {@code cashfin.churnSeed}, {@code cashfin.limitCap}, {@code cashfin.gatewayErrorPages} (true|false) and
     * {@code cashfin.retryAfter} (seconds|http-date).
     * Port, request journal and threads are WireMock's own options.
     *
     * @throws IllegalArgumentException if a property has a bad value
     */
    public CashfinWireMockExtension() {
        this(fromProperties(System.getProperties()).build());
    }

    CashfinWireMockExtension(CashfinSimulator simulator) {
        this.simulator = simulator;
        this.routes = simulator.routeTransformers();
    }

    /**
     * @param properties system properties (only {@code cashfin.*} are read)
     * @return a builder configured from them
     */
    static CashfinSimulator.Builder fromProperties(Properties properties) {
        List<String> args = new ArrayList<>();
        option(properties, "plan", "--plan", args);
        option(properties, "perSecond", "--per-second", args);
        option(properties, "perMinute", "--per-minute", args);
        option(properties, "perDay", "--per-day", args);
        option(properties, "seed", "--seed", args);
        option(properties, "seedRandom", "--seed-random", args);
        option(properties, "rateLimitMode", "--rate-limit-mode", args);
        option(properties, "latencyJitter", "--latency-jitter", args);
        option(properties, "jitterSeed", "--jitter-seed", args);
        option(properties, "shuffleTies", "--shuffle-ties", args);
        option(properties, "lateVisibilityMillis", "--late-visibility", args);
        option(properties, "churn", "--churn", args);
        option(properties, "churnSeed", "--churn-seed", args);
        option(properties, "limitCap", "--limit-cap", args);
        option(properties, "retryAfter", "--retry-after", args);
        String pages = properties.getProperty(PROPERTY_PREFIX + "gatewayErrorPages");
        if (pages != null && !pages.trim().equalsIgnoreCase("false")) {
            if (!pages.trim().equalsIgnoreCase("true")) {
                throw new IllegalArgumentException("System property cashfin.gatewayErrorPages must be true or false, got '"
                        + pages + "'");
            }
            args.add("--gateway-error-pages");
        }
        String secrets = properties.getProperty(PROPERTY_PREFIX + "secrets");
        if (secrets != null) {
            for (String s : secrets.split(",")) {
                if (s.isBlank()) {
                    throw new IllegalArgumentException("System property cashfin.secrets has a blank entry: give "
                            + "comma-separated secrets without empty items");
                }
                args.add("--secret");
                args.add(s.trim());
            }
        }
        try {
            return CashfinSimulatorMain.parse(args.toArray(new String[0])).port(0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property cashfin.seedRandom must be a whole number: "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad cashfin.* system property (" + e.getMessage()
                    + "); see docs/simulator.md, 'Run inside WireMock's standalone runner'", e);
        }
    }

    private static void option(Properties properties, String key, String option, List<String> args) {
        String value = properties.getProperty(PROPERTY_PREFIX + key);
        if (value != null) {
            args.add(option);
            args.add(value.trim());
        }
    }

    /** @return the simulator behind this extension, for the Java API (switches, inspection, reset) */
    public CashfinSimulator simulator() {
        return simulator;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Object route = serveEvent.getTransformerParameters().get(ROUTE);
        ResponseDefinitionTransformerV2 target = route == null ? null : routes.get(route.toString());
        if (target == null) {
            return Reply.json(500, ErrorBodies.error("Stub uses transformer '" + NAME + "' without a valid '"
                    + ROUTE + "' parameter (one of " + routes.keySet() + ")")).toDefinition(0);
        }
        return target.transform(serveEvent);
    }

    @Override
    public void loadMappingsInto(StubMappings stubMappings) {
        stubMappings.addMapping(routed(post(urlPathEqualTo("/business/lead/create")),
                LeadEndpointTransformer.nameFor(Endpoint.CREATE)));
        stubMappings.addMapping(routed(get(urlPathEqualTo("/business/lead/list")),
                LeadEndpointTransformer.nameFor(Endpoint.LIST)));
        stubMappings.addMapping(routed(any(urlPathMatching("/__cashfin/.*")), AdminApiTransformer.NAME));
        stubMappings.addMapping(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"success\":false,\"error\":\"Route not found\"}")).build());
    }

    private static com.github.tomakehurst.wiremock.stubbing.StubMapping routed(MappingBuilder mapping, String route) {
        return mapping.willReturn(aResponse().withTransformers(NAME).withTransformerParameter(ROUTE, route)).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String toString() {
        return "CashfinWireMockExtension[" + simulator.plan() + ", leads=" + simulator.leadCount() + "]";
    }
}
