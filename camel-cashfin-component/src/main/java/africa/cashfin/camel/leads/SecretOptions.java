package africa.cashfin.camel.leads;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.UriParam;

/**
 * The options marked {@code @UriParam(secret = true)} in {@link CashfinLeadsConfiguration} (the client secret and the
 * proxy credentials), and the start-up checks that keep a mistake around them from sending or printing a secret:
 * <ul>
 * <li>a value that still holds a placeholder ({@code ${env:NAME}} in Camel Main, {@code {{env:NAME}}} in Spring Boot)
 * would be sent as the literal secret, so it is refused with the right form for the runtime;</li>
 * <li>an option name that is a near miss of a secret option's name ({@code clientSecrt}) would make Camel core print
 * its value in its "unknown parameter" or "error binding property" message, so it is refused first with a message that
 * names the option and never its value.</li>
 * </ul>
 * The values are never part of a message; a placeholder (the variable's name, not its value) may be.
 */
final class SecretOptions {

    /** The secret options' names (camelCase, as in URIs), read from the {@code @UriParam} annotations. */
    static final List<String> NAMES = secretFieldNames();

    /** Camel's or Spring's placeholder syntax, with the variable name inside when the whole value is one. */
    private static final Pattern WHOLE_PLACEHOLDER =
            Pattern.compile("^(?:\\$\\{(?:env:)?([A-Za-z_][A-Za-z0-9_.-]*)(?::[^}]*)?\\}"
                            + "|\\{\\{(?:env:)?([A-Za-z_][A-Za-z0-9_.-]*)(?::[^}]*)?\\}\\})$");

    /** The largest edit distance at which an unknown option name counts as a misspelt secret option. */
    private static final int NEAR_MISS_DISTANCE = 2;

    private SecretOptions() {
    }

    /**
     * @throws IllegalArgumentException when a secret option of {@code config} still holds {@code ${...}} or
     *         {@code {{...}}}, naming the form that works (the value is not shown unless it is a placeholder)
     */
    static void checkResolved(CashfinLeadsConfiguration config) {
        for (String name : NAMES) {
            Object value = valueOf(config, name);
            if (value instanceof String text) {
                checkResolved(name, text);
            }
        }
    }

    static void checkResolved(String option, String value) {
        boolean dollar = value.contains("${");
        boolean braces = value.contains("{{");
        if (!dollar && !braces) {
            return;
        }
        Matcher whole = WHOLE_PLACEHOLDER.matcher(value.trim());
        String variable = whole.matches() ? (whole.group(1) != null ? whole.group(1) : whole.group(2)) : null;
        String env = variable == null ? "CASHFIN_CLIENT_SECRET" : variable;
        String property = "camel.component.cashfin-leads." + kebab(option);
        String found = variable == null
                ? "contains " + (dollar ? "\"${\"" : "\"{{\"") + " (value not shown)"
                : "holds the unresolved placeholder " + value.trim();
        if (dollar) {
            throw new IllegalArgumentException(option + " " + found + ", which would be sent to Cashfin as the secret"
                    + " itself. Camel (Camel Main, Kamelets, Camel JBang, routes) resolves only {{...}}: write "
                    + property + " = {{env:" + env + "}} (an unset variable then fails at start). ${...} is Spring"
                    + " Boot's form and works only in a Spring Boot application.properties/yaml.");
        }
        throw new IllegalArgumentException(option + " " + found + ", which would be sent to Cashfin as the secret"
                + " itself. Nothing resolved {{...}} here: in Spring Boot write " + property + " = ${" + env + "}"
                + " (Spring's form); in Camel Main, Kamelets and Camel JBang {{env:" + env + "}} works.");
    }

    /** The secret option {@code name} is a misspelling of (camelCase or kebab-case, any case), if any. */
    static Optional<String> nearMissOf(String name) {
        String normalized = normalize(name);
        if (knownOptions().contains(normalized)) {
            return Optional.empty();
        }
        for (String secret : NAMES) {
            if (distance(normalized, normalize(secret)) <= NEAR_MISS_DISTANCE) {
                return Optional.of(secret);
            }
        }
        return Optional.empty();
    }

    /**
     * @throws IllegalArgumentException when one of {@code names} is a near miss of a secret option's name, naming it
     *         and the option meant, without its value; {@code where} says where it was set
     */
    static void checkNames(Iterable<String> names, String where) {
        for (String name : names) {
            Optional<String> meant = nearMissOf(name);
            if (meant.isPresent()) {
                throw new IllegalArgumentException("Unknown option " + name + " in " + where + ": did you mean "
                        + meant.get() + "? Fix the name (its value is not shown: it may be a secret, and Camel"
                        + " would print it in its own unknown-option error).");
            }
        }
    }

    /**
     * @throws IllegalArgumentException when a {@code camel.component.<scheme>.*} property (Camel Main, Camel JBang)
     *         is a near miss of a secret option's name, before Camel's binding prints its value
     */
    static void checkComponentProperties(CamelContext context, String scheme) {
        String prefix = "camel.component." + scheme + ".";
        Properties properties = context.getPropertiesComponent().loadProperties(k -> k.startsWith(prefix));
        List<String> names = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String name = key.substring(prefix.length());
            names.add(name.startsWith("configuration.") ? name.substring("configuration.".length()) : name);
        }
        checkNames(names, "the properties (" + prefix + "...)");
    }

    static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    private static String normalize(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> knownOptions() {
        List<String> names = new ArrayList<>();
        for (Class<?> c = CashfinLeadsConfiguration.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                names.add(normalize(f.getName()));
            }
        }
        return names;
    }

    private static List<String> secretFieldNames() {
        List<String> names = new ArrayList<>();
        for (Field f : CashfinLeadsConfiguration.class.getDeclaredFields()) {
            UriParam param = f.getAnnotation(UriParam.class);
            if (param != null && param.secret()) {
                names.add(f.getName());
            }
        }
        return List.copyOf(names);
    }

    private static Object valueOf(CashfinLeadsConfiguration config, String name) {
        try {
            Field f = CashfinLeadsConfiguration.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("secret option " + name + " not readable", e);
        }
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
