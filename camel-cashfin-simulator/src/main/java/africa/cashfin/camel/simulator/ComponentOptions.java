package africa.cashfin.camel.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The {@code cashfin-leads} component's settings that match a running simulator: its base URL, its secret, and the
 * plan it enforces, so that the component paces to the simulator's limits (not to its own default, the Free plan, which
 * would make a test suite crawl at about one call a second). Plain strings: the simulator shares no code with the
 * component.
 */
final class ComponentOptions {

    /** Prefix of the component's options as Camel Main, Spring Boot and JBang properties. */
    static final String PROPERTY_PREFIX = "camel.component.cashfin-leads.";

    private ComponentOptions() {
    }

    /**
     * @return option name to value: {@code baseUrl}, {@code clientSecret}, {@code plan}, and for a custom plan
     *         {@code maxRequestsPerSecond}/{@code PerMinute}/{@code PerDay} (the limited windows only)
     */
    static Map<String, String> of(String baseUrl, String secret, Plan plan) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("baseUrl", baseUrl);
        options.put("clientSecret", secret);
        if (plan.name().equals("custom")) {
            options.put("plan", Plan.UNLIMITED.name());
            window(options, "maxRequestsPerSecond", plan.perSecond());
            window(options, "maxRequestsPerMinute", plan.perMinute());
            window(options, "maxRequestsPerDay", plan.perDay());
        } else {
            options.put("plan", plan.name());
        }
        return options;
    }

    private static void window(Map<String, String> options, String name, long limit) {
        if (limit != Plan.NO_LIMIT) {
            options.put(name, Long.toString(limit));
        }
    }

    /** @return the options as an endpoint query string; the secret wrapped in {@code RAW(...)} */
    static String endpointQuery(Map<String, String> options) {
        return options.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getKey().equals("clientSecret") ? "RAW(" + e.getValue() + ")"
                        : e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** @return the options as {@code camel.component.cashfin-leads.<kebab-case-name>} properties */
    static Properties properties(Map<String, String> options) {
        Properties p = new Properties();
        options.forEach((name, value) -> p.setProperty(PROPERTY_PREFIX + kebab(name), value));
        return p;
    }

    private static String kebab(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
