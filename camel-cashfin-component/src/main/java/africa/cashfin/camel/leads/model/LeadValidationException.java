package africa.cashfin.camel.leads.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A lead that cannot be sent: lists every problem at once, each under the field's JSON name. Thrown before any request,
 * so nothing reached Cashfin.
 */
public class LeadValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> problems;

    /** @param problems field name (JSON name, e.g. {@code email}) to what is wrong with it; not empty */
    public LeadValidationException(Map<String, String> problems) {
        super(describe(problems));
        this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }

    /** Field name (JSON name) to what is wrong with it, in field order. */
    public Map<String, String> getProblems() {
        return problems;
    }

    private static String describe(Map<String, String> problems) {
        return "Invalid lead, nothing was sent to Cashfin (" + problems.size()
               + (problems.size() == 1 ? " problem" : " problems") + "): "
               + problems.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                       .collect(Collectors.joining("; "));
    }
}
