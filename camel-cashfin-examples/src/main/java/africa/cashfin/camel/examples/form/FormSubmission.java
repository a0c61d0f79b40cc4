package africa.cashfin.camel.examples.form;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import africa.cashfin.camel.examples.common.LeadProblem;
import africa.cashfin.camel.leads.model.Lead;

/**
 * A parsed contact-form submission.
 *
 * @param values   what the visitor typed, by form field name (to show the form again with their input)
 * @param lead     the lead built from it, {@code source=website}
 * @param errors   field name to message for every field to correct ({@code "form"} for the submission as a whole);
 *                 empty when the lead may be created
 * @param warnings things changed but accepted (e.g. a phone number kept as typed)
 * @param bot      true when the honeypot field was filled: answer with the thank-you page, create nothing
 */
public record FormSubmission(Map<String, String> values, Lead lead, Map<String, String> errors,
        List<LeadProblem> warnings, boolean bot) {

    public FormSubmission {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        warnings = List.copyOf(warnings);
    }

    /** True when the lead may be created: no errors and not a bot. */
    public boolean isValid() {
        return errors.isEmpty() && !bot;
    }

    /** True when the visitor must correct something (and is not a bot). */
    public boolean hasErrors() {
        return !errors.isEmpty() && !bot;
    }
}
