package africa.cashfin.camel.examples.common;

import java.util.List;
import java.util.stream.Collectors;

import africa.cashfin.camel.leads.model.Lead;

/**
 * The result of turning one input record (CSV row, form submission, e-mail) into a {@link Lead}: the lead as far as it
 * could be built, and every problem found on the way. Mapping never throws for bad data; it reports.
 *
 * @param lead     the lead built from the record (never null; may miss fields when there are errors)
 * @param problems errors and warnings, in the order they were found
 */
public record MappedLead(Lead lead, List<LeadProblem> problems) {

    public MappedLead {
        problems = List.copyOf(problems);
    }

    /** True when there is no {@link LeadProblem.Severity#ERROR error}: the lead may be sent to Cashfin. */
    public boolean isValid() {
        return problems.stream().noneMatch(LeadProblem::isError);
    }

    /** The errors only. */
    public List<LeadProblem> errors() {
        return problems.stream().filter(LeadProblem::isError).toList();
    }

    /** The warnings only. */
    public List<LeadProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The errors as one line ({@code "email: ...; name: ..."}), empty when there is none. */
    public String errorText() {
        return errors().stream().map(LeadProblem::toString).collect(Collectors.joining("; "));
    }

    /** The warnings as one line, empty when there is none. */
    public String warningText() {
        return warnings().stream().map(LeadProblem::toString).collect(Collectors.joining("; "));
    }
}
