package africa.cashfin.camel.leads;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;

/**
 * Drops endpoint options whose value is an optional placeholder ({@code {{?name}}}) that nothing resolves, so that they
 * are neither set nor shown in the endpoint URI.
 * <p>
 * Camel core removes such an option from a URI only when the value is the bare placeholder. A secret option (the proxy
 * credentials) is wrapped in {@code RAW(...)} by the generated URI factory when a Kamelet or YAML route gives it in
 * {@code parameters:}, and Camel then keeps {@code proxyPassword=RAW({{?proxyPassword}})} in the endpoint URI (printed
 * as {@code proxyPassword=xxxxxx} in every line that names the endpoint) although the option ends up unset. The
 * Kamelets pass every optional property this way, so without this an unset proxy would look configured.
 */
final class UnsetOptionalOptions {

    /** The value {@code {{?name}}} or {@code RAW({{?name}})}, braces possibly percent-encoded; group 1 is the name. */
    private static final Pattern OPTIONAL_PLACEHOLDER = Pattern.compile(
            "^(?:RAW\\()?(?:\\{\\{|%7B%7B)\\?([^}%]+)(?:\\}\\}|%7D%7D)\\)?$", Pattern.CASE_INSENSITIVE);

    private UnsetOptionalOptions() {
    }

    /**
     * Removes from {@code parameters} every option whose value is an optional placeholder that {@code context}
     * cannot resolve, and returns {@code uri} without those options.
     */
    static String drop(CamelContext context, String uri, Map<String, Object> parameters) {
        String result = uri;
        for (Iterator<Map.Entry<String, Object>> it = parameters.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Object> option = it.next();
            if (!(option.getValue() instanceof String value)) {
                continue;
            }
            Matcher placeholder = OPTIONAL_PLACEHOLDER.matcher(value.trim());
            if (placeholder.matches() && context.getPropertiesComponent().resolveProperty(placeholder.group(1))
                    .isEmpty()) {
                it.remove();
                result = withoutOption(result, option.getKey());
            }
        }
        return result;
    }

    /** {@code uri} without the query option {@code name} (whose value holds no {@code &}: it is a placeholder). */
    static String withoutOption(String uri, String name) {
        String removed = uri.replaceAll("([?&])" + Pattern.quote(name) + "=[^&]*(&|$)", "$1");
        if (removed.endsWith("&") || removed.endsWith("?")) {
            removed = removed.substring(0, removed.length() - 1);
        }
        return removed;
    }
}
