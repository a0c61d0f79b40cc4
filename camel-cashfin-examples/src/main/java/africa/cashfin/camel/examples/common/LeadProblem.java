package africa.cashfin.camel.examples.common;

import java.util.Objects;

/**
 * One thing wrong (or worth knowing) about an input record, e.g. a CSV row, a form submission or an e-mail.
 * <p>
 * An {@link Severity#ERROR} means the record must not be sent to Cashfin as it is (the user has to fix it); a
 * {@link Severity#WARNING} means the record is sent, and the user is told what was changed or left out.
 *
 * @param field    the lead field (or input column) concerned, e.g. {@code email}; never null, may be {@code "row"}
 * @param message  what is wrong and what to do, written for the person who owns the data
 * @param severity whether the record can still be imported
 */
public record LeadProblem(String field, String message, Severity severity) {

    /** How bad a problem is. */
    public enum Severity {
        /** The record is not imported. */
        ERROR,
        /** The record is imported; the message says what was changed or left out. */
        WARNING
    }

    public LeadProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    /** An error on {@code field}. */
    public static LeadProblem error(String field, String message) {
        return new LeadProblem(field, message, Severity.ERROR);
    }

    /** A warning on {@code field}. */
    public static LeadProblem warning(String field, String message) {
        return new LeadProblem(field, message, Severity.WARNING);
    }

    /** Whether this problem stops the record from being imported. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code field: message}, the form used in reports. */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
