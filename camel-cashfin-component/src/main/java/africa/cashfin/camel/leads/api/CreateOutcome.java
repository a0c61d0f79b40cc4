package africa.cashfin.camel.leads.api;

import java.util.Objects;

import africa.cashfin.camel.leads.model.Lead;

/**
 * The result of {@link CashfinClient#createOrFind}: the lead as Cashfin holds it, and whether this call created it.
 *
 * @param lead    the created lead, or the existing one found by the dedupe look-up
 * @param created true when the create call answered with the new lead; false when an existing lead was found (which
 *                includes a lead an earlier, ambiguous attempt of this same call created)
 */
public record CreateOutcome(Lead lead, boolean created) {

    /** Null-checking constructor. */
    public CreateOutcome {
        Objects.requireNonNull(lead, "lead");
    }
}
