package africa.cashfin.camel.leads.model;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a lead must meet before it is sent to {@code POST /business/lead/create}, checked all at once:
 * <ul>
 * <li>{@code name} present and not blank;</li>
 * <li>{@code status}, when set, one of new, contacted, qualified, converted, lost (any case);</li>
 * <li>{@code budget}, when set, a number &gt;= 0;</li>
 * <li>{@code email}, when set, plausibly an address ({@code local@domain.tld}, no spaces).</li>
 * </ul>
 */
public final class LeadValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private LeadValidator() {
    }

    /**
     * A normalised copy of {@code lead}: blank strings become absent (null), {@code status} is trimmed and lower case.
     * The argument is not changed.
     */
    public static Lead normalize(Lead lead) {
        Lead l = new Lead(lead);
        for (String field : LeadFields.REQUEST_TEXT_FIELDS) {
            String value = l.textField(field);
            if (value != null && value.isBlank()) {
                l.textField(field, null);
            }
        }
        if (l.getStatus() != null) {
            l.setStatus(l.getStatus().trim().toLowerCase(Locale.ROOT));
        }
        return l;
    }

    /** Every problem of {@code lead}, field name to message; empty when it may be sent. */
    public static Map<String, String> problems(Lead lead) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (lead.getName() == null || lead.getName().isBlank()) {
            problems.put(LeadFields.NAME, "is required and must not be blank");
        }
        String email = lead.getEmail();
        if (email != null && !email.isBlank() && !EMAIL.matcher(email.trim()).matches()) {
            problems.put(LeadFields.EMAIL, "'" + email + "' is not an email address (expected name@domain.tld)");
        }
        BigDecimal budget = lead.getBudget();
        if (budget != null && budget.signum() < 0) {
            problems.put(LeadFields.BUDGET, budget.toPlainString() + " is negative; a budget must be 0 or more");
        }
        String status = lead.getStatus();
        if (status != null && !status.isBlank() && LeadStatus.parse(status).isEmpty()) {
            problems.put(LeadFields.STATUS, "'" + status + "' is not a lead status; use one of "
                                            + LeadStatus.allowedValues());
        }
        return problems;
    }

    /**
     * Checks {@code lead}.
     *
     * @throws LeadValidationException listing every problem when there is at least one
     */
    public static void validate(Lead lead) {
        Map<String, String> problems = problems(lead);
        if (!problems.isEmpty()) {
            throw new LeadValidationException(problems);
        }
    }
}
